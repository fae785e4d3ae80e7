"""Celery tasks: thin wrappers that take ids and call a service."""

from celery import shared_task


@shared_task(name="evaluation.submission_score")
def submission_score_task(submission_id: int) -> None:
    from evaluation.services import submission_score

    submission_score(submission_id)


@shared_task(name="evaluation.baseline_run")
def baseline_run_task(
    release_id: int,
    kind: str,
    limit: int | None = None,
    user_id: int | None = None,
    model_name: str | None = None,
) -> int:
    """Run a built-in baseline on a release and score it; returns the submission id."""
    from django.contrib.auth import get_user_model

    from annotation.models import Release
    from evaluation.baselines.services import baseline_run

    user = get_user_model().objects.get(pk=user_id) if user_id is not None else None
    outcome = baseline_run(
        Release.objects.get(pk=release_id), kind, limit=limit, user=user, model_name=model_name
    )
    return outcome.submission.pk
