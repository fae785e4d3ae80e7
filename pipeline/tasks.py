"""Celery tasks: thin wrappers that take ids and call a service."""

from celery import shared_task

from pipeline.catalog.services import catalog_import_job_run


@shared_task(name="pipeline.catalog_import_job")
def catalog_import_job_task(job_id: int) -> None:
    catalog_import_job_run(job_id)
