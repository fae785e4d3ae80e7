"""The annotate page in a real browser: Debian's headless Chromium driven by Playwright.

An annotator logs in through the login form, passes qualification, labels items of each task
(T1, T2, T3, built from a real pipeline run) with the keyboard only, skips one, undoes one
with ``u`` (and is told when the undo window is over), sees the counters move, and the
answers are checked in the database. Also: a double key press submits once, a failed request
is retried once and then kept for the next press, time per item pauses while the tab is
hidden, and the page fits a phone.

Set ANNOTATE_SCREENSHOT_DIR to keep a desktop and a phone screenshot of each task's page.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.roles import ANNOTATOR, CURATOR
from annotation.models import Assignment
from conftest import PASSWORD
from tests.annotation.test_annotator_pages import campaign_open, item_sets_build

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
WAIT_MS = 15_000


@pytest.fixture
def item_sets(transactional_db, sample_files, monkeypatch):
    return item_sets_build(sample_files, monkeypatch)


class AnnotatePage:
    """The annotate page as the test drives it: keys in, DOM and database out."""

    def __init__(self, page):
        self.page = page

    def assignment_id(self) -> int | None:
        value = self.page.get_attribute("#annotate", "data-assignment")
        return int(value) if value else None

    def wait_item(self, other_than: int | None = None) -> int:
        """Wait until the page shows an item other than ``other_than`` and is idle."""
        self.page.wait_for_function(
            """prev => { const r = document.getElementById('annotate');
                return r.dataset.busy === '0' && r.dataset.assignment
                    && r.dataset.assignment !== String(prev); }""",
            arg=other_than,
            timeout=WAIT_MS,
        )
        return self.assignment_id()

    def wait_idle(self):
        self.page.wait_for_function(
            "() => document.getElementById('annotate').dataset.busy === '0'", timeout=WAIT_MS
        )

    def press(self, key: str) -> int:
        """Press a key that answers or skips the item on screen; return the next item's id."""
        held = self.assignment_id()
        self.page.keyboard.press(key)
        return self.wait_item(other_than=held)

    def counters(self) -> tuple[int, int]:
        return (
            int(self.page.text_content("#done-today")),
            int(self.page.text_content("#done-campaign")),
        )

    def wait_counters(self, today: int, campaign: int):
        self.page.wait_for_function(
            """([t, c]) => document.getElementById('done-today').textContent === String(t)
                && document.getElementById('done-campaign').textContent === String(c)""",
            arg=[today, campaign],
            timeout=WAIT_MS,
        )

    def held(self) -> Assignment:
        return Assignment.objects.select_related("item__item").get(pk=self.assignment_id())

    def text(self, selector: str) -> str:
        return self.page.inner_text(selector)


def check_rendered(annotate: AnnotatePage, task: str):
    """What is on screen is the held item's frozen payload, laid out for its task."""
    payload = annotate.held().item.item.payload
    body = annotate.text("#item-body")
    assert payload["objective"] in body
    steps = annotate.page.locator("#item-body ol.annotate-steps > li")
    assert steps.count() == len(payload["steps"])
    for n, step in enumerate(payload["steps"]):
        assert step["text"] in steps.nth(n).inner_text()
        assert steps.nth(n).get_attribute("value") == str(step["order"])
    cards = annotate.page.locator("#item-body .annotate-product")
    if task == "t1":
        assert cards.count() == 0
    elif task == "t2":
        asked = annotate.page.locator("#item-body li.annotate-step-asked")
        assert asked.count() == 1
        assert payload["step"] in asked.inner_text()
        assert asked.get_attribute("value") == str(payload["step_order"])
        assert cards.count() == 1
        card = cards.first.inner_text()
        product = payload["product"]
        assert product["title"] in card and product["category"] in card
        for feature in product["features"]:
            assert feature in card
        if product["store"]:
            assert product["store"] in card
    else:
        for n, step in enumerate(payload["steps"]):
            under = steps.nth(n).locator(".annotate-product")
            assert under.count() == len(step.get("products", []))
            for m, product in enumerate(step.get("products", [])):
                assert product["title"] in under.nth(m).inner_text()


def qualify(annotate: AnnotatePage, controls: int):
    """Answer the qualification items right: the test, unlike the annotator, knows them."""
    assert annotate.page.is_visible("#qualification-banner")
    banner = annotate.text("#qualification-banner")
    assert f"the first {controls} items check your understanding" in banner
    answered = {}
    for n in range(controls):
        held = annotate.held()
        assert held.is_control
        key = {1: "y", 0: "n"}[held.item.control_answer] if n % 2 else str(held.item.control_answer)
        answered[held.pk] = held.item.control_answer
        annotate.press(key)
        annotate.wait_counters(n + 1, n + 1)
    annotate.page.wait_for_selector("#qualification-banner", state="hidden", timeout=WAIT_MS)
    assert "You passed the qualification" in annotate.text("#annotate-message")
    return answered


def screenshot(page, name: str, tmp_path: Path, *, full_page=True):
    path = tmp_path / f"annotate_{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    target = os.environ.get("ANNOTATE_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)


def test_an_annotator_labels_every_task_with_the_keyboard(
    transactional_db, live_server, item_sets, make_user, browser, settings, tmp_path
):
    # transactional_db first: the live server (set up after it) then stops before the test
    # database is dropped.
    curator = make_user("browser-curator", CURATOR)
    annotator = make_user("browser-annotator", ANNOTATOR)
    campaigns = {
        task: campaign_open(item_set, curator, controls=2, qualification_pass=1.0)
        for task, item_set in item_sets.items()
    }
    context = browser.new_context(**DESKTOP)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    requests_sent: list[str] = []
    page.on("request", lambda request: requests_sent.append(request.url))

    # Log in through the form, with the keyboard.
    page.goto(live_server.url + reverse("login"))
    page.fill("#id_username", annotator.username)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")
    page.wait_for_url(live_server.url + reverse("home"), timeout=WAIT_MS)
    for campaign in campaigns.values():
        link = page.locator(f'a[href="{reverse("annotation:annotate", args=[campaign.pk])}"]')
        assert link.count() == 1 and campaign.name in link.inner_text()
    assert page.locator(f'nav a[href="{reverse("annotation:my-campaigns")}"]').count() == 1

    failed_submits: list[str] = []

    def fail_submit(route):  # the network fails: no answer reaches the server
        failed_submits.append(route.request.url)
        route.abort()

    expected: dict[int, int] = {}  # assignment -> the label the annotator gave last
    skipped: list[int] = []
    undone_then_relabelled = None
    for task, campaign in campaigns.items():
        page.goto(live_server.url + reverse("annotation:annotate", args=[campaign.pk]))
        annotate = AnnotatePage(page)
        annotate.wait_item()
        assert annotate.counters() == (0, 0)
        check_rendered(annotate, task)
        expected.update(qualify(annotate, controls=2))

        # Real items now: two answers with different keys, counters moving each time.
        check_rendered(annotate, task)
        first = annotate.assignment_id()
        second = annotate.press("1")
        expected[first] = 1
        annotate.wait_counters(3, 3)
        check_rendered(annotate, task)
        third = annotate.press("n")
        expected[second] = 0
        annotate.wait_counters(4, 4)

        # u takes the last answer back: that item is on screen again and the count drops.
        page.keyboard.press("u")
        assert annotate.wait_item(other_than=third) == second
        annotate.wait_counters(3, 3)
        assert "Answer taken back (you had answered No)" in annotate.text("#annotate-message")
        assert Assignment.objects.get(pk=second).status == "reserved"
        assert Assignment.objects.get(pk=second).label is None
        check_rendered(annotate, task)
        # Answered again (now Yes); the item shown before the undo comes back, nothing lost.
        assert annotate.press("y") == third
        expected[second] = 1
        annotate.wait_counters(4, 4)
        if task == "t1":
            undone_then_relabelled = second

        # s skips: a new item, the count stays.
        fourth = annotate.press("s")
        skipped.append(third)
        annotate.wait_counters(4, 4)
        assert Assignment.objects.get(pk=third).status == "skipped"

        if task == "t2":
            # A double key press sends one request (the API would absorb a second one, but
            # the page must not rely on that).
            first_request = len(requests_sent)
            page.evaluate(
                """() => { for (let i = 0; i < 2; i++) document.dispatchEvent(
                    new KeyboardEvent('keydown', {key: '1', bubbles: true})); }"""
            )
            annotate.wait_item(other_than=fourth)
            expected[fourth] = 1
            annotate.wait_counters(5, 5)
            assert [u for u in requests_sent[first_request:] if u.endswith("/submit/")] == [
                live_server.url + f"/api/annotation/assignments/{fourth}/submit/"
            ]
            assert (
                Assignment.objects.filter(annotator=annotator, campaign=campaign)
                .filter(status="submitted")
                .count()
                == 5
            )

            # Time per item pauses while the tab is hidden: 1.5 s hidden, answered at once.
            held = annotate.assignment_id()
            page.evaluate(
                """() => { Object.defineProperty(document, 'hidden',
                        {configurable: true, get: () => true});
                    document.dispatchEvent(new Event('visibilitychange')); }"""
            )
            page.wait_for_timeout(1500)
            page.evaluate(
                """() => { Object.defineProperty(document, 'hidden',
                        {configurable: true, get: () => false});
                    document.dispatchEvent(new Event('visibilitychange')); }"""
            )
            annotate.press("0")
            expected[held] = 0
            annotate.wait_counters(6, 6)
            measured = Assignment.objects.get(pk=held).seconds
            assert measured is not None and measured < 1.0, measured

        if task == "t3":
            # A request that fails is tried once more, then the answer is kept for the next
            # press; nothing is lost and nothing is saved twice.
            held = annotate.assignment_id()
            page.route("**/api/annotation/assignments/*/submit/", fail_submit)
            page.keyboard.press("1")
            page.wait_for_selector("#annotate-error", state="visible", timeout=WAIT_MS)
            annotate.wait_idle()
            assert len(failed_submits) == 2
            assert "Your answer (Yes) is kept" in annotate.text("#annotate-error")
            assert page.is_visible("#annotate-retry")
            assert annotate.assignment_id() == held
            assert Assignment.objects.get(pk=held).status == "reserved"
            page.unroute("**/api/annotation/assignments/*/submit/")
            annotate.press("1")
            expected[held] = 1
            annotate.wait_counters(5, 5)
            assert page.is_hidden("#annotate-error")

            # After the undo window the API refuses, and the page shows its message.
            settings.ANNOTATION_UNDO_SECONDS = 0
            page.keyboard.press("u")
            page.wait_for_selector("#annotate-error", state="visible", timeout=WAIT_MS)
            assert "can be undone for 0 seconds only" in annotate.text("#annotate-error")
            assert page.is_hidden("#annotate-retry")  # a refusal is final, not retried
            assert Assignment.objects.get(pk=held).status == "submitted"
            settings.ANNOTATION_UNDO_SECONDS = 60

        # ? opens and closes the guidelines.
        page.keyboard.press("?")
        assert page.is_visible("#guideline")
        page.keyboard.press("?")
        assert page.is_hidden("#guideline")
        screenshot(page, f"{task}_desktop", tmp_path)

    # The answers landed in the database, one per item, with the time each took.
    mine = Assignment.objects.filter(annotator=annotator)
    submitted = {a.pk: a for a in mine.filter(status="submitted")}
    assert {pk: a.label for pk, a in submitted.items()} == expected
    assert all(a.seconds is not None and 0 <= a.seconds < 60 for a in submitted.values())
    assert set(mine.filter(status="skipped").values_list("pk", flat=True)) == set(skipped)
    assert submitted[undone_then_relabelled].label == 1
    for campaign in campaigns.values():
        member = campaign.annotators.get(annotator=annotator)
        assert member.qualification == "passed" and member.controls_correct == 2
        assert member.judged == mine.filter(campaign=campaign, status="submitted").count()
    assert errors == []

    # On a phone: same session, buttons instead of keys, nothing wider than the screen.
    phone = browser.new_context(storage_state=context.storage_state(), **PHONE)
    phone_page = phone.new_page()
    for task, campaign in campaigns.items():
        phone_page.goto(live_server.url + reverse("annotation:annotate", args=[campaign.pk]))
        on_phone = AnnotatePage(phone_page)
        held = on_phone.wait_item()
        width = phone_page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= PHONE["viewport"]["width"], (task, width)
        bar = phone_page.locator(".annotate-actions").bounding_box()
        assert bar["y"] + bar["height"] <= PHONE["viewport"]["height"] + 1
        # What the phone shows: the answer bar stays at the bottom of the screen.
        screenshot(phone_page, f"{task}_phone", tmp_path, full_page=False)
        before = on_phone.counters()
        phone_page.tap(".annotate-yes")
        on_phone.wait_item(other_than=held)
        on_phone.wait_counters(before[0] + 1, before[1] + 1)
        assert Assignment.objects.get(pk=held).label == 1
    phone.close()
    context.close()
