"""Celery tasks: thin wrappers that take ids and call a service."""

from celery import shared_task


@shared_task(name="evaluation.submission_score")
def submission_score_task(submission_id: int) -> None:
    from evaluation.services import submission_score

    submission_score(submission_id)
