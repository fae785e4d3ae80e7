"""Celery tasks: thin wrappers that take ids and call a service."""

from celery import shared_task


@shared_task(name="annotation.release_export")
def release_export_task(export_id: int) -> None:
    from annotation.curation.exports import release_export_run

    release_export_run(export_id)
