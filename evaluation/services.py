"""Everything that writes in evaluation: models, submissions, scoring, the leaderboard phase.

A submission moves submitted -> validating -> scoring -> finished, or ends invalid (the file
has problems: it is stored with its report and never scored) or failed (our error). Scoring
reads the hidden gold labels (evaluation/gold.py); nothing it stores or answers names a gold
label: only aggregate metrics.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import numpy as np
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from accounts.errors import ApplicationError, ConflictError
from annotation.models import Release
from evaluation.gold import hidden_split_load, release_test_ids
from evaluation.models import EvaluatedModel, LeaderboardPhase, Score, Submission
from evaluation.scoring.metrics import SCORER_VERSION, task_score
from evaluation.scoring.predictions import PredictionFile, predictions_read

DEFAULT_DAILY_QUOTA = 5
RESAMPLES = 1000


class QuotaExceeded(ApplicationError):
    http_status = 429


def _quota() -> int:
    return int(getattr(settings, "EVALUATION_DAILY_QUOTA", DEFAULT_DAILY_QUOTA))


# What an author may say about a model (is_baseline only through the baselines service).
MODEL_FACTS = frozenset(
    {
        "organisation",
        "parameters",
        "open_weights",
        "setting",
        "paper_url",
        "code_url",
        "description",
    }
)


def _model_facts_check(facts: dict, *, allowed: frozenset) -> None:
    unknown = set(facts) - allowed
    if unknown:
        raise ApplicationError(f"unknown fields: {', '.join(sorted(unknown))}")
    if facts.get("parameters") is not None and int(facts["parameters"]) < 0:
        raise ApplicationError("parameters: must not be negative")


def model_create(*, owner, name: str, **facts) -> EvaluatedModel:
    name = name.strip()
    if not name:
        raise ApplicationError("name: required")
    if EvaluatedModel.objects.filter(owner=owner, name=name).exists():
        raise ConflictError(f"You already have a model named {name!r}.")
    _model_facts_check(facts, allowed=MODEL_FACTS | {"is_baseline"})
    return EvaluatedModel.objects.create(owner=owner, name=name, **facts)


def model_verify(model: EvaluatedModel, *, verified: bool = True) -> EvaluatedModel:
    EvaluatedModel.objects.filter(pk=model.pk).update(verified=verified)
    model.verified = verified
    return model


def quota_status(owner, release: Release, now: dt.datetime | None = None) -> dict:
    """Valid (or not yet checked) submissions today, UTC, and when the count resets."""
    now = now or timezone.now()
    day = now.astimezone(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    used = (
        Submission.objects.filter(owner=owner, release=release, created_at__gte=day)
        .exclude(status__in=[Submission.Status.INVALID, Submission.Status.FAILED])
        .count()
    )
    return {"limit": _quota(), "used": used, "resets_at": day + dt.timedelta(days=1)}


def submission_create(
    *,
    owner,
    model: EvaluatedModel,
    release: Release,
    files: list[tuple[str, object, str | None]],
    note: str = "",
    enqueue: bool = True,
) -> Submission:
    """Store the uploaded files and queue the scoring. ``files``: (name, file object or bytes,
    task or None for a file with a task column)."""
    if model.owner_id != owner.pk:
        raise ApplicationError("model: not one of your models")
    if not release.is_published:
        raise ApplicationError(f"{release} is not published")
    if not files:
        raise ApplicationError("files: upload at least one prediction file")
    quota = quota_status(owner, release)
    if quota["used"] >= quota["limit"] and not model.is_baseline:
        raise QuotaExceeded(
            f"You have used your {quota['limit']} submissions to {release} for today (invalid "
            f"files do not count); the count resets at {quota['resets_at']:%Y-%m-%d %H:%M} UTC.",
            extra={"resets_at": quota["resets_at"].isoformat()},
        )
    with transaction.atomic():
        submission = Submission.objects.create(
            owner=owner,
            model=model,
            release=release,
            note=note[:300],
            release_version=release.version,
        )
        stored = []
        for n, (name, data, task) in enumerate(files, start=1):
            content = data if isinstance(data, bytes) else None
            path = default_storage.save(
                f"submissions/{submission.pk}/{n}-{Path(name).name}",
                _as_file(content if content is not None else data),
            )
            stored.append(
                {
                    "name": Path(name).name,
                    "path": path,
                    "task": task or "",
                    "bytes": default_storage.size(path),
                }
            )
        submission.files = stored
        submission.save(update_fields=["files"])
        if enqueue:
            from evaluation.tasks import submission_score_task

            transaction.on_commit(lambda: submission_score_task.delay(submission.pk))
    return submission


def _as_file(data):
    from django.core.files.base import ContentFile, File

    if isinstance(data, bytes):
        return ContentFile(data)
    return data if hasattr(data, "chunks") else File(data)


def _move(submission: Submission, status: str, **fields) -> None:
    Submission.objects.filter(pk=submission.pk).exclude(status__in=Submission.DONE).update(
        status=status, **fields
    )


def submission_score(submission_id: int) -> Submission:
    """Validate and score a submission (the Celery job). A finished submission is left alone."""
    submission = Submission.objects.select_related("release", "model").get(pk=submission_id)
    if submission.is_done:
        return submission
    release = submission.release
    try:
        _move(submission, Submission.Status.VALIDATING, started_at=timezone.now())
        handles = [default_storage.open(f["path"], "rb") for f in submission.files]
        try:
            result = predictions_validate(
                release,
                [
                    PredictionFile(f["name"], handle, f["task"] or None)
                    for f, handle in zip(submission.files, handles, strict=True)
                ],
            )
        finally:
            for handle in handles:
                handle.close()
        if not result.ok:
            _move(
                submission,
                Submission.Status.INVALID,
                report={**result.to_dict(), "text": result.report_text()},
                finished_at=timezone.now(),
            )
            return Submission.objects.get(pk=submission.pk)
        _move(submission, Submission.Status.SCORING, report=result.to_dict())
        leader = _leader_predictions(release, exclude_model=submission.model_id)
        arrays = {}
        for task, predicted in sorted(result.predictions.items()):
            arrays[f"{task}_labels"] = predicted.labels
            if predicted.scores is not None:
                arrays[f"{task}_scores"] = predicted.scores
        scores = [
            Score(
                submission=submission,
                task=task,
                part=part,
                n=n,
                accuracy=score["accuracy"]["value"],
                accuracy_low=score["accuracy"]["ci_low"],
                accuracy_high=score["accuracy"]["ci_high"],
                macro_f1=score["macro_f1"]["value"],
                auc=score["auc"]["value"],
                details=score,
                release_version=release.version,
                scorer_version=SCORER_VERSION,
            )
            for task, part, n, score in predictions_score(
                release, result.predictions, leader=leader, seed=submission.pk
            )
        ]
        buffer = io.BytesIO()
        np.savez_compressed(buffer, **arrays)
        from django.core.files.base import ContentFile

        path = default_storage.save(
            f"submissions/{submission.pk}/predictions.npz", ContentFile(buffer.getvalue())
        )
        with transaction.atomic():
            Score.objects.filter(submission=submission).delete()
            Score.objects.bulk_create(scores)
            # The newest finished submission is the model's entry until its author picks another.
            Submission.objects.filter(model=submission.model, release=release, chosen=True).update(
                chosen=False
            )
            Submission.objects.filter(pk=submission.pk).update(
                status=Submission.Status.FINISHED,
                chosen=True,
                predictions_path=path,
                scorer_version=SCORER_VERSION,
                finished_at=timezone.now(),
            )
    except Exception as error:
        _move(
            submission,
            Submission.Status.FAILED,
            failure=f"internal error while scoring: {error.__class__.__name__}",
            finished_at=timezone.now(),
        )
        raise
    return Submission.objects.get(pk=submission.pk)


def predictions_validate(release: Release, files: list[PredictionFile]):
    """Check prediction files against the release's test ids (never its labels). A
    submission may cover some of the tasks, but at least one."""
    result = predictions_read(files, release_test_ids(release), require_all_tasks=False)
    if result.ok and not result.predictions:
        result.ok = False
        result.problems.append("(files): no predictions for any task of this release")
        result.counts["empty"] = result.counts.get("empty", 0) + 1
    return result


def predictions_score(
    release: Release, predictions: dict, *, leader: dict | None = None, seed: int = 0
) -> list[tuple[str, str, int, dict]]:
    """Score validated predictions on each task and part of the test split: a list of
    (task, part, n, metrics.TaskScore as a dict). The one place that reads gold labels for
    scoring; the submission job and `score_predictions` both call it."""
    splits = hidden_split_load(release)
    leader = leader or {}
    out = []
    for task, predicted in sorted(predictions.items()):
        split = splits[task]
        masks = {
            Score.Part.PUBLIC: split.public,
            Score.Part.PRIVATE: ~split.public,
            Score.Part.ALL: np.ones(len(split.ids), dtype=bool),
        }
        for part, mask in masks.items():
            if not mask.any():
                continue
            leader_labels = leader.get(task)
            score = task_score(
                split.gold(mask),
                predicted.labels[mask],
                scores=None if predicted.scores is None else predicted.scores[mask],
                leader_predicted=None if leader_labels is None else leader_labels[mask],
                task=task,
                resamples=RESAMPLES,
                seed=seed,
            ).to_dict()
            out.append((task, str(part), int(mask.sum()), score))
    return out


def predictions_load(submission: Submission) -> dict[str, np.ndarray]:
    """A finished submission's predicted labels per task, in the release's test order."""
    if not submission.predictions_path:
        return {}
    with default_storage.open(submission.predictions_path, "rb") as handle:
        data = np.load(io.BytesIO(handle.read()))
        return {key[: -len("_labels")]: data[key] for key in data.files if key.endswith("_labels")}


def _leader_predictions(release: Release, *, exclude_model: int) -> dict[str, np.ndarray]:
    """The current public leader's predictions, for the paired comparison."""
    from evaluation.selectors import leaderboard_leader

    leader = leaderboard_leader(release, exclude_model=exclude_model)
    return predictions_load(leader) if leader is not None else {}


def submission_choose(submission: Submission, *, owner) -> Submission:
    if submission.owner_id != owner.pk:
        raise ApplicationError("submission: not yours")
    if submission.status != Submission.Status.FINISHED:
        raise ConflictError("Only a scored submission can be shown on the leaderboard.")
    with transaction.atomic():
        Submission.objects.filter(
            model=submission.model, release=submission.release, chosen=True
        ).update(chosen=False)
        Submission.objects.filter(pk=submission.pk).update(chosen=True)
    submission.chosen = True
    return submission


def phase_close(release: Release, *, user) -> LeaderboardPhase:
    """Reveal the private part of the test split on the leaderboard."""
    phase, _ = LeaderboardPhase.objects.get_or_create(release=release)
    if phase.closed:
        raise ConflictError(f"The phase of {release} is already closed.")
    phase.closed = True
    phase.closed_by = user
    phase.closed_at = timezone.now()
    phase.save()
    return phase


def model_update(model: EvaluatedModel, *, owner, **facts) -> EvaluatedModel:
    """Change a model's facts; only its owner may. A verified model loses its badge, since
    a curator checked the description that was there before."""
    if model.owner_id != owner.pk:
        raise ApplicationError("model: not one of your models")
    name = str(facts.pop("name", model.name)).strip()
    if not name:
        raise ApplicationError("name: required")
    if (
        name != model.name
        and EvaluatedModel.objects.filter(owner=owner, name=name).exclude(pk=model.pk).exists()
    ):
        raise ConflictError(f"You already have a model named {name!r}.")
    _model_facts_check(facts, allowed=MODEL_FACTS)
    changed = name != model.name or any(getattr(model, k) != v for k, v in facts.items())
    model.name = name
    for key, value in facts.items():
        setattr(model, key, value)
    if changed:
        model.verified = False
    model.save()
    return model


def api_token_get(user):
    """The user's API token, made on first use."""
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=user)
    return token


def api_token_regenerate(user):
    """Replace the user's API token: the old one stops working at once."""
    from rest_framework.authtoken.models import Token

    with transaction.atomic():
        Token.objects.filter(user=user).delete()
        return Token.objects.create(user=user)


def model_author_register(*, username: str, email: str, password: str):
    """A new account with the model author role (the sign-up page has validated the
    password against AUTH_PASSWORD_VALIDATORS)."""
    from accounts.models import User
    from accounts.roles import MODEL_AUTHOR, role_assign

    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ConflictError("That username is taken.")
        user = User.objects.create_user(username=username, email=email, password=password)
        role_assign(user, MODEL_AUTHOR)
    return user
