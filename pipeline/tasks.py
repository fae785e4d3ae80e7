"""Celery tasks: thin wrappers that take ids and call a service."""

from celery import shared_task

from pipeline.catalog.services import catalog_import_job_run


@shared_task(name="pipeline.catalog_import_job")
def catalog_import_job_task(job_id: int) -> None:
    catalog_import_job_run(job_id)


@shared_task(bind=True, name="pipeline.run_drive", max_retries=None)
def pipeline_run_task(self, run_id: int) -> None:
    """Drive a pipeline run for a while, then hand over to a fresh task (so no single task
    runs for hours); wait and retry while another driver holds the run."""
    from django.conf import settings

    from pipeline.generation.runs import DriveResult, pipeline_run_drive

    budget = None if self.request.is_eager else settings.PIPELINE_TASK_BUDGET_SECONDS
    result = pipeline_run_drive(run_id, owner=self.request.id, budget_seconds=budget)
    if result is DriveResult.MORE:
        pipeline_run_task.delay(run_id)
    elif result is DriveResult.BUSY:
        raise self.retry(countdown=15)


@shared_task(name="pipeline.item_set_build")
def item_set_build_task(item_set_id: int) -> None:
    from pipeline.items.services import item_set_build

    item_set_build(item_set_id)
