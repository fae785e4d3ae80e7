"""Running a built-in baseline on a release: predict, then submit through evaluation.services
as the "baselines" author, so the file is validated and scored like anyone's.

    from evaluation.baselines.services import baseline_run, baseline_run_enqueue
    outcome = baseline_run(release, "majority")                 # in this process, scored now
    outcome = baseline_run(release, "llm", limit=20, user=curator)
    baseline_run_enqueue(release, "llm", limit=50, user=curator)  # a curator page: Celery job

``outcome.submission`` is the scored Submission; ``outcome.report`` a JSON-ready dict (kind,
model, counts, for the LLM judge per task: prompt version, judged, yes/no, unparseable, calls
made and served from the cache, tokens, seconds and items per second).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction

from accounts.errors import ApplicationError, ConflictError
from accounts.roles import CURATOR, user_has_role
from annotation.models import Release
from evaluation.models import EvaluatedModel, Submission
from evaluation.services import model_create, model_verify, submission_create, submission_score

from .inputs import (
    test_association_scores_load,
    test_ids_load,
    test_inputs_load,
    train_majority_load,
)
from .simple import (
    ASSOCIATION_THRESHOLD,
    embedding_predictions,
    majority_predictions,
    predictions_csv,
    random_predictions,
)

BASELINE_USERNAME = "baselines"
BASELINE_KINDS = ("random", "majority", "embedding", "llm")
# The embedded default's size, for the leaderboard's model facts (SmolLM2-135M-Instruct).
EMBEDDED_PARAMETERS = 135_000_000

MODEL_FACTS = {
    "random": {
        "name": "Random",
        "setting": EvaluatedModel.Setting.OTHER,
        "description": "A fair coin per item, seeded by the item id; score 0.5 (AUC 0.5).",
    },
    "majority": {
        "name": "Majority class",
        "setting": EvaluatedModel.Setting.OTHER,
        "description": "The majority label of each task in the release's train split.",
    },
    "embedding": {
        "name": "Intention similarity (T2)",
        "setting": EvaluatedModel.Setting.ZERO_SHOT,
        "description": (
            "T2 only: the pipeline's intention association score (mean cosine between the "
            f"step and the product's intentions) against the paper's threshold "
            f"{ASSOCIATION_THRESHOLD}; score = (cosine + 1) / 2."
        ),
    },
    "llm": {
        "setting": EvaluatedModel.Setting.FEW_SHOT,
        "description": (
            "LLM judge: few-shot yes/no prompts (evaluation/baselines/prompts) over the test "
            "inputs; unparseable answers and items not judged get the train majority label."
        ),
    },
}


@dataclass
class BaselineOutcome:
    submission: Submission
    report: dict


def baselines_author():
    """The system author that owns every baseline model, created on first use. It has no
    usable password and is inactive: nobody can sign in as it."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=BASELINE_USERNAME).first()
    if user is None:
        user = user_model(username=BASELINE_USERNAME, is_active=False)
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:  # created meanwhile by a concurrent run
            user = user_model.objects.get(username=BASELINE_USERNAME)
    return user


def baseline_model(kind: str, *, name: str | None = None, client=None) -> EvaluatedModel:
    """The baselines author's model for ``kind`` (is_baseline, verified), created on first use.
    The LLM judge's default name is "LLM judge: <the client's model name>"."""
    if kind not in BASELINE_KINDS:
        raise ApplicationError(
            f"kind: unknown baseline {kind!r}; choose {', '.join(BASELINE_KINDS)}"
        )
    facts = dict(MODEL_FACTS[kind])
    default_name = facts.pop("name", None)
    if kind == "llm":
        default_name = f"LLM judge: {client.model_name}"
        from pipeline.generation.llm import EmbeddedClient

        if isinstance(client, EmbeddedClient) and client.model_path is None:
            facts.update(parameters=EMBEDDED_PARAMETERS, open_weights=True)
    name = (name or default_name).strip()[:200]
    author = baselines_author()
    model = EvaluatedModel.objects.filter(owner=author, name=name).first()
    if model is None:
        try:
            model = model_create(owner=author, name=name, is_baseline=True, **facts)
        except (ConflictError, IntegrityError):
            model = EvaluatedModel.objects.get(owner=author, name=name)
    if not model.is_baseline:
        EvaluatedModel.objects.filter(pk=model.pk).update(is_baseline=True)
        model.is_baseline = True
    if not model.verified:
        model_verify(model)
    return model


def _check(release: Release, kind: str, limit: int | None, user) -> None:
    if kind not in BASELINE_KINDS:
        raise ApplicationError(
            f"kind: unknown baseline {kind!r}; choose {', '.join(BASELINE_KINDS)}"
        )
    if user is not None and not user_has_role(user, CURATOR):
        raise ApplicationError("Only a curator can run a baseline.")
    if not release.is_published:
        raise ApplicationError(f"{release} is not published")
    if limit is not None and kind != "llm":
        raise ApplicationError("limit: only the llm baseline runs on a subset")
    if limit is not None and limit < 1:
        raise ApplicationError("limit: must be at least 1")


def baseline_run(
    release: Release,
    kind: str,
    *,
    limit: int | None = None,
    user=None,
    model_name: str | None = None,
    client=None,
    seed: int = 0,
    on_progress: Callable[[int, int], None] | None = None,
) -> BaselineOutcome:
    """Predict the release's test split with baseline ``kind`` and submit the predictions as
    the baselines author; the submission is validated and scored before this returns.

    ``limit`` (llm only): judge at most that many items per task; the rest get the train
    majority label and the report says how many. ``user``: the curator who asked (None from
    the command line); ``client``: an LLM client (default ``llm_client()``); ``on_progress``:
    called with (done, total) items.
    """
    _check(release, kind, limit, user)
    started = time.monotonic()
    ids = test_ids_load(release)
    if not ids:
        raise ApplicationError(f"{release} has no test items")
    total = sum(len(v) for v in ids.values())
    report: dict = {"kind": kind, "release": str(release), "release_id": release.pk}
    task_reports = None
    if kind == "random":
        predictions = random_predictions(ids, seed=seed)
        report["seed"] = seed
    elif kind == "majority":
        majority = train_majority_load(release)
        predictions = majority_predictions(ids, majority)
        report["majority"] = {
            task: {"label": m.label, "train_share": round(m.share, 6), "train_items": m.n}
            for task, m in sorted(majority.items())
            if task in ids
        }
    elif kind == "embedding":
        if "t2" not in ids:
            raise ApplicationError(f"{release} has no T2 test items")
        scores = test_association_scores_load(release)
        predictions = embedding_predictions(scores)
        report["threshold"] = ASSOCIATION_THRESHOLD
        report["without_score"] = sum(score is None for score in scores.values())
    else:
        from pipeline.generation.llm import llm_client

        from .llm_judge import llm_judge_predict

        client = client or llm_client()
        inputs = test_inputs_load(release, limit=limit)
        majority = train_majority_load(release)
        # The fallback label is the train majority; a task without train items falls back
        # to 1 (the majority of the paper's test sets) and the report says so.
        fallback = {task: majority[task].label if task in majority else 1 for task in ids}
        to_judge = sum(len(v) for v in inputs.values())
        done = 0

        def on_item():
            nonlocal done
            done += 1
            if on_progress is not None:
                on_progress(done, to_judge)

        predictions, task_reports = llm_judge_predict(
            client, inputs, all_ids=ids, fallback=fallback, on_item=on_item
        )
        total = to_judge
        judged = sum(r.judged for r in task_reports.values())
        seconds = sum(r.seconds for r in task_reports.values())
        report.update(
            client_model=client.model_name,
            limit=limit,
            fallback_label=fallback,
            fallback_without_train=sorted(t for t in ids if t not in majority),
            tasks={task: r.to_dict() for task, r in sorted(task_reports.items())},
            judged=judged,
            unparseable=sum(r.unparseable for r in task_reports.values()),
            calls=sum(r.calls for r in task_reports.values()),
            cached=sum(r.cached for r in task_reports.values()),
            items_per_second=round(judged / seconds, 3) if seconds else None,
        )
    model = baseline_model(kind, name=model_name, client=client)
    submission = submission_create(
        owner=baselines_author(),
        model=model,
        release=release,
        files=[(f"{kind}-baseline.csv", predictions_csv(predictions), None)],
        note=_note(kind, user, task_reports),
        enqueue=False,
    )
    submission = submission_score(submission.pk)
    if on_progress is not None and kind != "llm":
        on_progress(total, total)
    report.update(
        model=model.name,
        model_id=model.pk,
        submission_id=submission.pk,
        status=submission.status,
        seconds=round(time.monotonic() - started, 3),
    )
    # Kept next to the submission's files, for a curator page to show later.
    default_storage.save(
        f"submissions/{submission.pk}/baseline-report.json",
        ContentFile(json.dumps(report, indent=2, sort_keys=True).encode()),
    )
    return BaselineOutcome(submission=submission, report=report)


def _note(kind: str, user, task_reports) -> str:
    who = f" run by {user.username}" if user is not None else ""
    if not task_reports:
        return f"{kind} baseline{who}"
    parts = [
        f"{task} {r.judged}/{r.items} judged ({r.prompt}), {r.unparseable} unparseable"
        for task, r in sorted(task_reports.items())
    ]
    return f"LLM judge{who}: " + "; ".join(parts) + "; the rest got the train majority label"


def baseline_run_enqueue(
    release: Release,
    kind: str,
    *,
    limit: int | None = None,
    user=None,
    model_name: str | None = None,
) -> None:
    """Check the request now (so a page can show the error) and run it as a Celery job once
    the current transaction commits."""
    _check(release, kind, limit, user)
    from evaluation.tasks import baseline_run_task

    args = (release.pk, kind, limit, user.pk if user is not None else None, model_name)
    transaction.on_commit(lambda: baseline_run_task.delay(*args))
