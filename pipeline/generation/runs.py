"""Pipeline runs: create, drive chunk by chunk, cancel, resume.

A run is driven by ``pipeline_run_drive``, called by a Celery task (or in-process by the
command line). It takes a lease on the run so only one driver works at a time; a driver that
died (``kill -9``) loses its lease when it expires, or gets it straight back when Celery
redelivers the same task. Each chunk asks the stage what is still missing, so nothing is done
twice and a resumed run ends with the same rows as an uninterrupted one.
"""

import threading
import time
import uuid
from collections.abc import Callable
from enum import Enum

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.errors import ApplicationError
from pipeline.alignment.embeddings import model_name_from_settings
from pipeline.models import Category, PipelineRun, PipelineStageProgress
from pipeline.stage_registry import PIPELINE_STAGES, STAGE_CLASSES

from .llm import LLMError, llm_client
from .stages import StageContext

LEASE_SECONDS = 120


class DriveResult(Enum):
    DONE = "done"  # the run ended (finished, cancelled or failed)
    MORE = "more"  # the time budget ran out; call again
    BUSY = "busy"  # another driver holds the lease


def pipeline_run_create(*, user, stages, categories=None, limit=None, enqueue=True) -> PipelineRun:
    stages = [s.strip() for s in stages if s.strip()]
    unknown = [s for s in stages if s not in STAGE_CLASSES]
    if not stages or unknown:
        raise ApplicationError(
            f"stages: unknown {', '.join(unknown) or '(none given)'}; "
            f"choose from {', '.join(PIPELINE_STAGES)}"
        )
    # Stages always run in pipeline order, whatever order they were named in.
    stages = [s for s in PIPELINE_STAGES if s in stages]
    categories = sorted(set(categories or []))
    missing = set(categories) - set(
        Category.objects.filter(name__in=categories).values_list("name", flat=True)
    )
    if missing:
        raise ApplicationError(f"categories: no category named {', '.join(sorted(missing))}")
    if limit is not None and int(limit) < 1:
        raise ApplicationError("limit: must be at least 1 product")
    with transaction.atomic():
        run = PipelineRun.objects.create(
            created_by=user,
            stages=stages,
            scope={"categories": categories, "limit": int(limit) if limit else None},
            generator_model=llm_client().model_name,
            embedding_model=model_name_from_settings(),
        )
        PipelineStageProgress.objects.bulk_create(
            [PipelineStageProgress(run=run, stage=s, position=i) for i, s in enumerate(stages)]
        )
        if enqueue:
            _enqueue(run.pk)
    return run


def pipeline_run_cancel(run: PipelineRun) -> None:
    """Ask the run to stop; the driver stops after the unit it is working on."""
    if run.is_done:
        raise ApplicationError(f"Run {run.pk} has already ended ({run.get_status_display()}).")
    PipelineRun.objects.filter(pk=run.pk).update(cancel_requested=True)
    # A queued run with no driver yet ends now.
    PipelineRun.objects.filter(pk=run.pk, status=PipelineRun.Status.QUEUED).update(
        status=PipelineRun.Status.CANCELLED, finished_at=timezone.now()
    )


def pipeline_run_resume(run: PipelineRun, *, enqueue=True) -> None:
    """Queue a failed or cancelled run again; it continues with what is still missing."""
    if run.status not in (PipelineRun.Status.FAILED, PipelineRun.Status.CANCELLED):
        raise ApplicationError(f"Run {run.pk} is {run.get_status_display()}; nothing to resume.")
    PipelineRun.objects.filter(pk=run.pk).update(
        status=PipelineRun.Status.QUEUED,
        cancel_requested=False,
        failure="",
        finished_at=None,
        lease_owner="",
        lease_until=None,
    )
    if enqueue:
        _enqueue(run.pk)


def pipeline_run_drive(
    run_id: int,
    *,
    owner: str | None = None,
    budget_seconds: float | None = None,
    on_chunk: Callable[[PipelineRun], None] | None = None,
) -> DriveResult:
    owner = owner or uuid.uuid4().hex
    if not _lease_take(run_id, owner):
        run = PipelineRun.objects.get(pk=run_id)
        return DriveResult.DONE if run.is_done else DriveResult.BUSY
    started = time.monotonic()
    run = PipelineRun.objects.get(pk=run_id)
    PipelineRun.objects.filter(pk=run_id, status=PipelineRun.Status.QUEUED).update(
        status=PipelineRun.Status.RUNNING, started_at=timezone.now()
    )
    client = llm_client()
    try:
        for stage_name in run.stages:
            stage = STAGE_CLASSES[stage_name]()
            # Model stages work a few units at a time; vector stages in blocks of hundreds.
            chunk_size = int(
                getattr(stage, "chunk_size", 0) or getattr(settings, "PIPELINE_CHUNK_SIZE", 8)
            )
            ctx = StageContext(run=run, client=client, model=run.generator_model)
            progress = PipelineStageProgress.objects.get(run=run, stage=stage_name)
            if progress.finished_at:
                continue
            if progress.started_at is None:
                total = stage.units(ctx).count()
                PipelineStageProgress.objects.filter(pk=progress.pk).update(
                    started_at=timezone.now(), total=total
                )
            while True:
                if _cancel_requested(run_id):
                    _end(run_id, owner, PipelineRun.Status.CANCELLED)
                    return DriveResult.DONE
                units = list(stage.pending(ctx).values_list("id", flat=True)[:chunk_size])
                if not units:
                    _stage_progress_save(progress.pk, stage, ctx, finished=True)
                    break
                if hasattr(stage, "process_chunk"):
                    stage.process_chunk(ctx, units)
                else:
                    for unit_id in units:
                        if _cancel_requested(run_id):
                            break
                        stage.process(ctx, unit_id)
                _stage_progress_save(progress.pk, stage, ctx)
                ctx = StageContext(run=run, client=client, model=run.generator_model)
                if not _lease_take(run_id, owner):
                    return DriveResult.BUSY
                if on_chunk:
                    on_chunk(run)
                if budget_seconds is not None and time.monotonic() - started > budget_seconds:
                    _lease_release(run_id, owner)
                    return DriveResult.MORE
    except LLMError as error:
        _end(run_id, owner, PipelineRun.Status.FAILED, failure=f"model call failed: {error}")
        return DriveResult.DONE
    except Exception as error:
        _end(
            run_id,
            owner,
            PipelineRun.Status.FAILED,
            failure=f"internal error: {error.__class__.__name__}: {error}",
        )
        raise
    _end(run_id, owner, PipelineRun.Status.FINISHED)
    return DriveResult.DONE


def _stage_progress_save(progress_id: int, stage, ctx: StageContext, finished=False) -> None:
    remaining = stage.pending(ctx).count()
    progress = PipelineStageProgress.objects.get(pk=progress_id)
    # Units can appear while a stage runs (an earlier stage of another run); keep done <= total.
    total = max(progress.total, stage.units(ctx).count())
    updates = {
        "total": total,
        "done": max(0, total - remaining),
        "rejected": F("rejected") + ctx.rejected,
        "calls": F("calls") + ctx.calls,
        "cached_calls": F("cached_calls") + ctx.cached_calls,
        "tokens_in": F("tokens_in") + ctx.tokens_in,
        "tokens_out": F("tokens_out") + ctx.tokens_out,
    }
    if finished:
        updates["finished_at"] = timezone.now()
    PipelineStageProgress.objects.filter(pk=progress_id).update(**updates)
    ctx.rejected = ctx.calls = ctx.cached_calls = ctx.tokens_in = ctx.tokens_out = 0


def _lease_take(run_id: int, owner: str) -> bool:
    now = timezone.now()
    return bool(
        PipelineRun.objects.filter(pk=run_id)
        .exclude(status__in=PipelineRun.DONE_STATUSES)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now) | Q(lease_owner=owner))
        .update(lease_owner=owner, lease_until=now + timezone.timedelta(seconds=LEASE_SECONDS))
    )


def _lease_release(run_id: int, owner: str) -> None:
    PipelineRun.objects.filter(pk=run_id, lease_owner=owner).update(lease_until=None)


def _cancel_requested(run_id: int) -> bool:
    return PipelineRun.objects.filter(pk=run_id, cancel_requested=True).exists()


def _end(run_id: int, owner: str, status: str, failure: str = "") -> None:
    # Move the status forward only: an ended run is never reopened by a late driver.
    PipelineRun.objects.filter(pk=run_id).exclude(status__in=PipelineRun.DONE_STATUSES).update(
        status=status, failure=failure, finished_at=timezone.now(), lease_until=None
    )


def _enqueue(run_id: int) -> None:
    from pipeline.tasks import pipeline_run_task

    if settings.CELERY_TASK_ALWAYS_EAGER and settings.PIPELINE_EAGER_IN_THREAD:
        # The embedded default has no worker: drive the run in a thread of this process so a
        # page that starts a run answers at once instead of after the whole run.
        def start():
            threading.Thread(
                target=_drive_in_thread, args=(run_id,), name=f"pipeline-run-{run_id}", daemon=True
            ).start()

        transaction.on_commit(start)
    else:
        transaction.on_commit(lambda: pipeline_run_task.delay(run_id))


def _drive_in_thread(run_id: int) -> None:
    from django.db import connection

    try:
        pipeline_run_drive(run_id)
    finally:
        connection.close()
