"""The evaluation pages in a real browser: Debian's headless Chromium driven by Playwright.

A model author logs in through the login form, creates a model, uploads a prediction file,
watches the status move on its own (the page polls the status endpoint) until the scores
appear, and finds the model on the leaderboard.
"""

import threading

import pytest
from django.db import connection, connections
from django.urls import reverse

from accounts.roles import MODEL_AUTHOR
from conftest import PASSWORD
from evaluation.models import Submission
from evaluation.services import submission_score
from evaluation.tasks import submission_score_task
from tests.evaluation.factories import predictions_csv, tiny_release_build

pytestmark = pytest.mark.browser
WAIT_MS = 20_000


@pytest.fixture
def slow_scoring(monkeypatch):
    """Score in a background thread after a pause, as a worker would, so that the page is
    seen before the score exists."""
    threads = []

    def later(submission_id):
        def run():
            try:
                submission_score(submission_id)
            finally:
                connection.close()

        timer = threading.Timer(1.5, run)
        threads.append(timer)
        timer.start()

    monkeypatch.setattr(submission_score_task, "delay", later)
    yield
    for thread in threads:
        thread.join(timeout=30)


def test_an_author_uploads_predictions_and_sees_score_and_leaderboard(
    live_server, browser, make_user, tmp_path, slow_scoring
):
    release = tiny_release_build(name="Browser")
    make_user("web-author", MODEL_AUTHOR)
    predictions = tmp_path / "predictions.csv"
    predictions.write_bytes(predictions_csv(release))  # every label right: 100.0

    page = browser.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", "web-author")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + reverse("home"))
    assert "Browser 0.1.0" in page.inner_text("main")

    page.click("text=My models")
    page.click("text=New model")
    page.fill("#id_name", "Browser model")
    page.fill("#id_organisation", "Web Lab")
    page.select_option("#id_setting", "few-shot")
    page.click("button:has-text('Save')")
    assert "Model Browser model created." in page.inner_text(".messages")

    page.click("text=Submit predictions")
    page.select_option("#id_model", label="Browser model")
    page.select_option("#id_release", label="Browser 0.1.0")
    page.set_input_files("#id_file", str(predictions))
    page.click("button:has-text('Submit')")
    page.wait_for_selector("#submission")
    # The page is there before the score: the status is shown and updates by itself.
    first_status = page.inner_text("#submission-status")
    assert first_status in ("Submitted", "Validating", "Scoring"), first_status
    page.wait_for_selector("#scores", timeout=WAIT_MS)
    assert page.inner_text("#submission-status") == "Finished"
    accuracies = page.locator("#scores td.accuracy").all_inner_texts()
    assert accuracies == ["100.0", "100.0", "100.0"]
    assert Submission.objects.get(model__name="Browser model").status == "finished"

    page.click("text=Leaderboard of Browser 0.1.0")
    row = page.locator("#leaderboard tbody tr").first
    assert "Browser model" in row.inner_text() and "100.0" in row.inner_text()
    assert "not ranked" in page.inner_text("#paper-reference")
    assert page.locator(".plot svg").count() == 1
    # ORM calls made while Playwright's loop runs use their own connection: close it here,
    # in the same context, so the test database can be dropped at the end.
    connections.close_all()
