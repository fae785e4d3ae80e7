"""Pipeline runs: stages fill the tables, resume without duplicates, cache, cancel, reject.

These tests swap the one LLM function (``llm_client``) for a scripted client so that the
run logic is checked exactly; tests/pipeline/test_llm_client.py and the prompt tests run
the real embedded model.
"""

import re

import pytest
from django.core.management import CommandError, call_command

from accounts.errors import ApplicationError
from pipeline.catalog.reader import CatalogFile
from pipeline.catalog.services import catalog_import
from pipeline.generation import runs as runs_module
from pipeline.generation.runs import (
    DriveResult,
    pipeline_run_cancel,
    pipeline_run_create,
    pipeline_run_drive,
    pipeline_run_resume,
)
from pipeline.models import (
    GenerationReject,
    Intention,
    LLMResponse,
    Objective,
    PipelineRun,
    PipelineStageProgress,
    Script,
    Step,
)
from tests.scripted_llm import ScriptedClient

pytestmark = pytest.mark.django_db

ALL_STAGES = ["intentions", "objectives", "scripts", "needs"]


@pytest.fixture
def catalog(sample_files):
    kitchen = [p for p in sample_files if "Home_and_Kitchen" in p.name]
    catalog_import([CatalogFile.of(p) for p in kitchen])


@pytest.fixture
def scripted(monkeypatch):
    client = ScriptedClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: client)
    return client


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


def test_a_run_fills_every_stage_for_its_scope(catalog, scripted):
    run = pipeline_run_create(user=None, stages=ALL_STAGES, limit=4, enqueue=False)
    assert pipeline_run_drive(run.pk) is DriveResult.DONE
    run.refresh_from_db()
    assert run.status == PipelineRun.Status.FINISHED
    assert Intention.objects.values("product").distinct().count() == 4
    assert all(
        Intention.objects.filter(product_id=p).count() == 10
        for p in Intention.objects.values_list("product", flat=True)
    )
    assert Objective.objects.count() == 4
    assert Script.objects.count() == 4
    assert Step.objects.filter(needs_product__isnull=True).count() == 0
    assert Step.objects.filter(needs_product=True).count() == 8  # 2 of 5 steps, 4 scripts
    assert set(Step.objects.filter(needs_product=True).values_list("text", flat=True)) == {
        "Buy groceries and drinks",
        "Borrow extra folding chairs",
    }
    assert Step.objects.filter(needs_product=False, keywords=[]).count() == 12
    for progress in PipelineStageProgress.objects.filter(run=run):
        assert progress.done == progress.total > 0 and progress.finished_at
    assert Intention.objects.filter(generator_model="scripted-test-model").count() == 40


def test_second_run_makes_no_model_calls_and_no_rows(catalog, scripted):
    pipeline_run_drive(pipeline_run_create(user=None, stages=ALL_STAGES, limit=3, enqueue=False).pk)
    before, calls = rows(), scripted.calls
    run = pipeline_run_create(user=None, stages=ALL_STAGES, limit=3, enqueue=False)
    pipeline_run_drive(run.pk)
    assert rows() == before
    assert scripted.calls == calls  # everything was already done: not even a cached call
    assert PipelineRun.objects.get(pk=run.pk).status == PipelineRun.Status.FINISHED


def test_crashed_run_resumes_to_the_same_rows_as_an_uninterrupted_one(catalog, monkeypatch):
    clean = ScriptedClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: clean)
    pipeline_run_drive(pipeline_run_create(user=None, stages=ALL_STAGES, limit=3, enqueue=False).pk)
    expected = rows()
    for model in (Intention, Objective, Script, LLMResponse, PipelineRun):
        model.objects.all().delete()

    crashing = ScriptedClient(fail_after=7)
    monkeypatch.setattr(runs_module, "llm_client", lambda: crashing)
    run = pipeline_run_create(user=None, stages=ALL_STAGES, limit=3, enqueue=False)
    with pytest.raises(KeyboardInterrupt):
        pipeline_run_drive(run.pk, owner="worker-1")
    assert rows() != expected  # it really stopped part-way
    crashing.fail_after = None
    # The same task redelivered (same owner) takes its lease back at once.
    assert pipeline_run_drive(run.pk, owner="worker-1") is DriveResult.DONE
    assert rows() == expected
    assert PipelineRun.objects.get(pk=run.pk).status == PipelineRun.Status.FINISHED


def test_answers_come_from_the_cache_after_a_crash(catalog, monkeypatch):
    crashing = ScriptedClient(fail_after=3)
    monkeypatch.setattr(runs_module, "llm_client", lambda: crashing)
    run = pipeline_run_create(user=None, stages=["intentions"], limit=6, enqueue=False)
    with pytest.raises(KeyboardInterrupt):
        pipeline_run_drive(run.pk, owner="w")
    assert LLMResponse.objects.count() == 3  # one answer per product, stored as it came
    fresh = ScriptedClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: fresh)
    # Forget the intentions but keep the cache: those three requests are not sent again.
    Intention.objects.all().delete()
    run2 = pipeline_run_create(user=None, stages=["intentions"], limit=6, enqueue=False)
    pipeline_run_drive(run2.pk)
    progress = PipelineStageProgress.objects.get(run=run2)
    assert (progress.calls, progress.cached_calls, fresh.calls) == (6, 3, 3)
    assert Intention.objects.count() == 60


def test_another_driver_holding_the_lease_is_not_disturbed(catalog, scripted):
    run = pipeline_run_create(user=None, stages=["intentions"], limit=1, enqueue=False)
    from django.utils import timezone

    PipelineRun.objects.filter(pk=run.pk).update(
        lease_owner="other", lease_until=timezone.now() + timezone.timedelta(minutes=1)
    )
    assert pipeline_run_drive(run.pk, owner="me") is DriveResult.BUSY
    assert Intention.objects.count() == 0
    PipelineRun.objects.filter(pk=run.pk).update(
        lease_until=timezone.now() - timezone.timedelta(seconds=1)
    )
    assert pipeline_run_drive(run.pk, owner="me") is DriveResult.DONE
    assert Intention.objects.count() == 10


def test_invalid_answers_are_rejected_with_reasons_and_never_stored(catalog, monkeypatch):
    client = ScriptedClient(bad={"objectives"})
    monkeypatch.setattr(runs_module, "llm_client", lambda: client)
    run = pipeline_run_create(user=None, stages=["objectives", "scripts"], limit=2, enqueue=False)
    pipeline_run_drive(run.pk)
    run.refresh_from_db()
    assert run.status == PipelineRun.Status.FINISHED
    assert Objective.objects.count() == 0
    rejects = GenerationReject.objects.filter(run=run, stage="objectives")
    assert rejects.count() == 2 * 3  # 2 products x 3 attempts, each with a reason
    assert rejects.filter(final=True).count() == 2
    assert all(r.reason for r in rejects)
    assert PipelineStageProgress.objects.get(run=run, stage="objectives").rejected == 6


def test_cancel_stops_the_run_and_resume_finishes_it(catalog, scripted):
    run = pipeline_run_create(user=None, stages=["intentions"], limit=6, enqueue=False)

    def cancel_after_first_chunk(run):
        pipeline_run_cancel(PipelineRun.objects.get(pk=run.pk))

    pipeline_run_drive(run.pk, on_chunk=cancel_after_first_chunk)
    run.refresh_from_db()
    assert run.status == PipelineRun.Status.CANCELLED
    done = Intention.objects.values("product").distinct().count()
    assert 0 < done < 6
    with pytest.raises(ApplicationError):
        pipeline_run_cancel(run)
    pipeline_run_resume(run, enqueue=False)
    pipeline_run_drive(run.pk)
    run.refresh_from_db()
    assert run.status == PipelineRun.Status.FINISHED
    assert Intention.objects.values("product").distinct().count() == 6


def test_scope_limit_spreads_over_categories(sample_files, scripted):
    catalog_import([CatalogFile.of(p) for p in sample_files])
    run = pipeline_run_create(user=None, stages=["intentions"], limit=6, enqueue=False)
    pipeline_run_drive(run.pk)
    categories = Intention.objects.values_list("product__category__name", flat=True).distinct()
    assert len(set(categories)) == 6


def test_bad_run_requests_are_refused_clearly(catalog, scripted):
    with pytest.raises(ApplicationError, match="stages: unknown paint"):
        pipeline_run_create(user=None, stages=["paint"], enqueue=False)
    with pytest.raises(ApplicationError, match="categories: no category named Toys"):
        pipeline_run_create(user=None, stages=["intentions"], categories=["Toys"], enqueue=False)
    with pytest.raises(ApplicationError, match="limit: must be at least 1"):
        pipeline_run_create(user=None, stages=["intentions"], limit=0, enqueue=False)
    assert PipelineRun.objects.count() == 0


def test_command_runs_stages_and_prints_counts(catalog, scripted, capsys):
    call_command(
        "run_pipeline", "--stages", "intentions,objectives", "--limit", "2", "--no-progress"
    )
    out = capsys.readouterr().out
    assert re.search(r"intentions\s+2/2 done", out)
    assert re.search(r"objectives\s+2/2 done", out)
    assert "finished" in out
    with pytest.raises(CommandError, match="stages: unknown"):
        call_command("run_pipeline", "--stages", "intentions,bogus", "--no-progress")
