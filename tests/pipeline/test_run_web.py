"""Curators start, watch and cancel pipeline runs from the pages (and the page's JSON)."""

import pytest
from django.urls import reverse

from accounts.roles import CURATOR
from pipeline.catalog.reader import CatalogFile
from pipeline.catalog.services import catalog_import
from pipeline.generation import runs as runs_module
from pipeline.models import Intention, PipelineRun
from tests.scripted_llm import ScriptedClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client, role_users, sample_files, monkeypatch):
    catalog_import([CatalogFile.of(p) for p in sample_files if "Pet_Supplies" in p.name])
    scripted = ScriptedClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: scripted)
    client.force_login(role_users[CURATOR])
    return client


def test_a_curator_starts_a_run_and_watches_it_finish(
    curator_client, django_capture_on_commit_callbacks
):
    form = curator_client.get(reverse("pipeline:run-new")).content.decode()
    for stage in ("intentions", "objectives", "scripts", "needs", "embed", "align"):
        assert f'value="{stage}"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(
            reverse("pipeline:run-new"),
            {"stages": ["intentions", "objectives"], "categories": ["Pet_Supplies"], "limit": 3},
        )
    run = PipelineRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("pipeline:run-detail", kwargs={"pk": run.pk})
    assert run.status == PipelineRun.Status.FINISHED  # eager Celery in tests
    assert Intention.objects.count() == 30
    page = curator_client.get(response["Location"]).content.decode()
    assert "Finished" in page and 'data-stage="intentions"' in page and "3/3" in page
    status = curator_client.get(reverse("pipeline-api:run-detail", kwargs={"pk": run.pk})).json()
    assert status["status"] == "finished"
    assert [s["stage"] for s in status["stages"]] == ["intentions", "objectives"]
    assert all(s["percent"] == 100 for s in status["stages"])


def test_a_curator_cancels_a_queued_run_from_its_page(curator_client):
    # Not enqueued: the run waits for a worker, as it would behind a busy queue.
    run = runs_module.pipeline_run_create(user=None, stages=["intentions"], enqueue=False)
    page = curator_client.get(reverse("pipeline:run-detail", kwargs={"pk": run.pk}))
    assert 'id="run-cancel"' in page.content.decode()
    response = curator_client.post(reverse("pipeline:run-cancel", kwargs={"pk": run.pk}))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == PipelineRun.Status.CANCELLED and run.cancel_requested
    again = curator_client.post(reverse("pipeline:run-cancel", kwargs={"pk": run.pk}), follow=True)
    assert "already ended" in again.content.decode()


def test_a_bad_run_request_is_shown_on_the_form(curator_client):
    response = curator_client.post(reverse("pipeline:run-new"), {"stages": [], "limit": 0})
    assert response.status_code == 200
    assert not PipelineRun.objects.exists()
    assert "errorlist" in response.content.decode()
