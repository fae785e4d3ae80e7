"""The real thing: a catalogue import job runs in a separate Celery worker process on Redis."""

import signal
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import CURATOR
from pipeline.catalog.services import catalog_import_job_create
from pipeline.models import CatalogImport, Product, Review

pytestmark = pytest.mark.worker


def test_upload_is_imported_by_a_real_worker(celery_worker_process, make_user, sample_files):
    curator = make_user("worker-curator", CURATOR)
    uploads = [SimpleUploadedFile(p.name, p.read_bytes()) for p in sample_files]
    # Outside a transaction, on_commit fires at once and the task goes to Redis.
    job = catalog_import_job_create(user=curator, uploads=uploads)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.is_done:
            break
        time.sleep(0.5)
    assert job.status == CatalogImport.Status.FINISHED, job.failure
    assert job.summary["products"]["created"] == Product.objects.count() == 360
    assert job.summary["reviews"]["created"] == Review.objects.count()
    assert job.started_at is not None and job.finished_at >= job.started_at


def test_pipeline_run_survives_kill_9_of_its_worker(celery_workers, settings, sample_files):
    """A worker killed mid-stage: the broker redelivers its task to a new worker, which
    finishes the run with exactly the rows of an uninterrupted run, and no duplicates."""
    from pipeline.catalog.reader import CatalogFile
    from pipeline.catalog.services import catalog_import
    from pipeline.generation.llm import llm_client_reset
    from pipeline.generation.runs import pipeline_run_create, pipeline_run_drive
    from pipeline.models import Intention, LLMResponse, Objective, PipelineRun, Script, Step
    from tests.scripted_llm import ScriptedClient, ScriptedOpenAIServer

    catalog_import([CatalogFile.of(p) for p in sample_files if "Home_and_Kitchen" in p.name])
    stages = ["intentions", "objectives", "scripts", "needs"]

    def rows():
        return (
            sorted(Intention.objects.values_list("product__parent_asin", "text")),
            sorted(Objective.objects.values_list("text", flat=True)),
            sorted(Script.objects.values_list("objective__text", flat=True)),
            sorted(
                Step.objects.values_list(
                    "script__objective__text", "order", "text", "needs_product", "keywords"
                )
            ),
        )

    with ScriptedOpenAIServer(delay=0.1) as server:
        llm_env = {
            "LLM_BASE_URL": server.base_url,
            "LLM_MODEL": ScriptedClient.model_name,
            "LLM_MAX_RETRIES": "1",
            "PIPELINE_CHUNK_SIZE": "2",
            "CELERY_VISIBILITY_TIMEOUT": "5",
            "CELERY_UNACKED_RESTORE_INTERVAL": "1",
            "CELERY_UNACKED_RESTORE_THROTTLE": "1",
        }
        settings.LLM_BASE_URL = server.base_url
        settings.LLM_MODEL = ScriptedClient.model_name
        llm_client_reset()
        try:
            first = celery_workers.start("doomed", **llm_env)
            run = pipeline_run_create(user=None, stages=stages, limit=6)
            deadline = time.monotonic() + 60
            while Intention.objects.count() < 20 and time.monotonic() < deadline:
                time.sleep(0.05)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
            killed_at = rows()
            assert 20 <= len(killed_at[0]) < 60, "the kill must land mid-stage"
            assert PipelineRun.objects.get(pk=run.pk).status == PipelineRun.Status.RUNNING

            celery_workers.start("rescuer", **llm_env)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                run.refresh_from_db()
                if run.is_done:
                    break
                time.sleep(0.5)
            assert run.status == PipelineRun.Status.FINISHED, run.failure
            after_crash = rows()

            # The same run without a crash, in this process, from an empty slate.
            for model in (Intention, Objective, LLMResponse):
                model.objects.all().delete()
            settings.CELERY_TASK_ALWAYS_EAGER = True
            clean = pipeline_run_create(user=None, stages=stages, limit=6, enqueue=False)
            pipeline_run_drive(clean.pk)
            assert rows() == after_crash
        finally:
            llm_client_reset()
    assert len(after_crash[0]) == 60 and len(after_crash[1]) == 6
    assert Intention.objects.count() == len(set(Intention.objects.values_list("product", "text")))


def test_align_survives_kill_9_of_its_worker(celery_workers, sample_files, monkeypatch):
    """An align job whose worker is killed mid-stage is finished by another worker, with
    exactly the association rows of an uninterrupted run."""
    from pipeline.alignment import pools
    from pipeline.catalog.reader import CatalogFile
    from pipeline.catalog.services import catalog_import
    from pipeline.generation import runs as runs_module
    from pipeline.generation.runs import pipeline_run_create, pipeline_run_drive
    from pipeline.models import PipelineRun, Step, StepAlignment, StepProduct
    from tests.catalog_llm import CatalogAwareClient

    chosen = [p for p in sample_files if "Home_and_Kitchen" in p.name or "Pet_Supplies" in p.name]
    catalog_import([CatalogFile.of(p) for p in chosen])
    client = CatalogAwareClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: client)
    generate = pipeline_run_create(
        user=None,
        stages=["intentions", "objectives", "scripts", "needs", "embed"],
        limit=60,
        enqueue=False,
    )
    pipeline_run_drive(generate.pk)
    needing = Step.objects.filter(needs_product=True).count()
    assert needing >= 20

    def rows():
        return sorted(
            (sp.step_id, sp.method, sp.rank, sp.product_id, round(sp.score, 5))
            for sp in StepProduct.objects.all()
        )

    env = {
        "ALIGNMENT_STEP_BLOCK": "1",
        "CELERY_VISIBILITY_TIMEOUT": "5",
        "CELERY_UNACKED_RESTORE_INTERVAL": "1",
        "CELERY_UNACKED_RESTORE_THROTTLE": "1",
    }
    first = celery_workers.start("doomed-aligner", **env)
    run = pipeline_run_create(user=None, stages=["align"], limit=60)
    deadline = time.monotonic() + 120
    while StepAlignment.objects.count() < 6 and time.monotonic() < deadline:
        time.sleep(0.01)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    done_at_kill = StepAlignment.objects.count()
    assert 6 <= done_at_kill < 2 * needing, "the kill must land mid-stage"

    celery_workers.start("rescuing-aligner", **env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        run.refresh_from_db()
        if run.is_done:
            break
        time.sleep(0.5)
    assert run.status == PipelineRun.Status.FINISHED, run.failure
    assert StepAlignment.objects.count() == 2 * needing
    after_crash = rows()

    StepProduct.objects.all().delete()
    StepAlignment.objects.all().delete()
    pools.pool_cache_clear()
    clean = pipeline_run_create(user=None, stages=["align"], limit=60, enqueue=False)
    pipeline_run_drive(clean.pk)
    assert rows() == after_crash
