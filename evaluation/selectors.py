"""Reads with rules: the leaderboard, submissions an author may see, releases for authors.

The public leaderboard is computed from the public part of the test split only; the private
part appears once a curator has closed the phase. Invalid and failed submissions never rank.
A model author sees their own submissions; of others', only the leaderboard rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.core.cache import cache
from django.db.models import QuerySet

from accounts.roles import CURATOR, user_has_role
from annotation.models import Release
from evaluation.gold import hidden_split_load
from evaluation.models import LeaderboardPhase, Score, Submission
from evaluation.scoring.metrics import rank_bands

TASKS = ("t1", "t2", "t3")
BANDS_CACHE_SECONDS = 3600

# SPEC.md section 3: accuracies reported on the paper's own test set (T1 / T2 / T3). Shown for
# reference, never ranked: they were not measured on this release.
PAPER_REFERENCE = [
    ("Random", 50.0, 50.0, 50.0),
    ("Majority class", 60.98, 57.67, 56.46),
    ("Llama-3.1-8B zero-shot", 71.45, 65.74, 61.63),
    ("GPT-4o 5-shot", 77.92, 73.90, 72.85),
    ("Llama-3.1-8B fine-tuned", 83.86, 77.70, 75.88),
    ("Llama-3.1-8B fine-tuned + intentions", 84.65, 78.60, 76.35),
]


def releases_for(user) -> QuerySet:
    releases = Release.objects.order_by("-published_at", "-created_at")
    if user_has_role(user, CURATOR):
        return releases
    return releases.filter(status=Release.Status.PUBLISHED)


def submissions_visible_to(user) -> QuerySet:
    submissions = Submission.objects.select_related("model", "release", "owner")
    if user_has_role(user, CURATOR):
        return submissions
    return submissions.filter(owner=user)


def phase_closed(release: Release) -> bool:
    return LeaderboardPhase.objects.filter(release=release, closed=True).exists()


@dataclass
class LeaderboardRow:
    submission: Submission
    tasks: dict[str, Score | None]
    mean: float | None
    band: int | None = None
    rank_note: str = ""
    badges: list[str] = field(default_factory=list)

    @property
    def model(self):
        return self.submission.model


def _chosen(release: Release) -> QuerySet:
    return (
        Submission.objects.filter(release=release, chosen=True, status=Submission.Status.FINISHED)
        .select_related("model", "owner")
        .prefetch_related("scores")
    )


def leaderboard_rows(release: Release, *, part: str = Score.Part.PUBLIC) -> list[LeaderboardRow]:
    """Rows sorted by mean accuracy over the tasks this part of the release has (T1-T3 in a
    full release); entries statistically indistinguishable from a band's leader share its rank
    band. Entries without a score on every one of those tasks are listed, unranked."""
    from evaluation.services import predictions_load

    if part == Score.Part.PRIVATE and not phase_closed(release):
        raise PermissionError("the private part is revealed when the phase closes")
    splits = hidden_split_load(release)

    def mask_of(split):
        if part == Score.Part.PUBLIC:
            return split.public
        if part == Score.Part.PRIVATE:
            return ~split.public
        return np.ones_like(split.public)

    # A small release can lack a task in one part (its few items all fell in the other).
    present = [task for task in TASKS if task in splits and mask_of(splits[task]).any()]
    rows = []
    for submission in _chosen(release):
        by_task = {s.task: s for s in submission.scores.all() if s.part == part}
        tasks = {task: by_task.get(task) for task in TASKS}
        complete = bool(present) and all(tasks[task] for task in present)
        mean = float(np.mean([tasks[t].accuracy for t in present])) if complete else None
        badges = []
        if submission.model.is_baseline:
            badges.append("baseline")
        if submission.model.verified:
            badges.append("verified")
        rows.append(LeaderboardRow(submission, tasks, mean, badges=badges))
    ranked = [row for row in rows if row.mean is not None]
    if ranked:
        # The bands are a seeded bootstrap over frozen data (a published release's hidden
        # labels, finished submissions' predictions): the same chosen set always gives the
        # same bands, so they are computed once per set, not on every page view.
        key = _bands_cache_key(release, part, present, ranked)
        bands = cache.get(key)
        if bands is None:
            entries = []
            for row in ranked:
                predicted = predictions_load(row.submission)
                correct = {}
                for task in present:
                    split = splits[task]
                    correct[task] = (predicted[task] == split.labels)[mask_of(split)]
                entries.append({"key": str(row.submission.pk), "correct": correct})
            bands = {
                e.key: (
                    e.band,
                    e.vs_band_leader.bootstrap_p_value if e.vs_band_leader is not None else None,
                )
                for e in rank_bands(entries, seed=release.pk).entries
            }
            cache.set(key, bands, BANDS_CACHE_SECONDS)
        for row in ranked:
            row.band, p_value = bands[str(row.submission.pk)]
            if p_value is not None:
                row.rank_note = f"not distinguishable from the band leader (p = {p_value:.3f})"
    rows.sort(key=lambda r: (r.mean is None, -(r.mean or 0), r.submission.created_at))
    return rows


def _bands_cache_key(release: Release, part: str, present: list[str], ranked) -> str:
    """Names everything the bands depend on: the release as published, the part, its tasks and
    each ranked submission (with its creation time, so a reused id never hits a stale entry)."""
    published = release.published_at.isoformat() if release.published_at else "draft"
    chosen = ",".join(
        f"{row.submission.pk}@{row.submission.created_at.timestamp():.6f}"
        for row in sorted(ranked, key=lambda r: r.submission.pk)
    )
    return f"leaderboard:bands:{release.pk}:{published}:{part}:{'+'.join(present)}:{chosen}"


def leaderboard_leader(release: Release, *, exclude_model: int | None = None):
    """The chosen submission with the best public mean accuracy (or best single task when
    nobody has all three), for the paired comparison of a new submission."""
    best, best_mean = None, -1.0
    for submission in _chosen(release):
        if submission.model_id == exclude_model:
            continue
        scores = [s.accuracy for s in submission.scores.all() if s.part == Score.Part.PUBLIC]
        if scores and np.mean(scores) > best_mean:
            best, best_mean = submission, float(np.mean(scores))
    return best


# ---------------------------------------------------------------------------------------------
# What pages and endpoints show. No function below returns a gold label, a vote count, a
# posterior or which test part an item is in; scores of the private part (and of the whole
# split, which contains it) stay hidden from authors until the phase closes.

# The columns of the test-inputs download: what a system gets to see, nothing more.
TEST_INPUT_FIELDS = ("id", "task", "category", "inputs")
# Parts of a task score that could tell an item's gold label on a small subset (a category
# with one item and its positive count), left out of every answer.
_HIDDEN_SCORE_KEYS = {"n_positive"}


def published_releases() -> QuerySet:
    return Release.objects.filter(status=Release.Status.PUBLISHED).order_by("-published_at", "-pk")


def release_test_inputs(release: Release):
    """The test split's inputs, one dict per item in task and id order, streamed from the
    frozen release items. Only the listed columns are read from the database."""
    from annotation.models import ReleaseItem

    rows = (
        ReleaseItem.objects.filter(release=release, split=ReleaseItem.Split.TEST)
        .order_by("task", "uid")
        .values_list("uid", "task", "category", "inputs")
    )
    for uid, task, category, inputs in rows.iterator(chunk_size=2000):
        yield {"id": uid, "task": task, "category": category, "inputs": inputs}


def visible_parts(release: Release, user) -> list[str]:
    """Which parts of the test split the user may see scores for."""
    if user_has_role(user, CURATOR) or phase_closed(release):
        return [Score.Part.PUBLIC, Score.Part.PRIVATE, Score.Part.ALL]
    return [Score.Part.PUBLIC]


def _scrub(value):
    if isinstance(value, dict):
        return {k: _scrub(v) for k, v in value.items() if k not in _HIDDEN_SCORE_KEYS}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def submission_scores(submission: Submission, user) -> list[dict]:
    """The submission's scores the user may see, per task and part: accuracy with its 95%
    interval, macro-F1, AUC, the category breakdown and the comparison with the leader."""
    parts = visible_parts(submission.release, user)
    out = []
    for score in submission.scores.all():
        if score.part not in parts:
            continue
        details = _scrub(score.details)
        out.append(
            {
                "task": score.task,
                "part": score.part,
                "n": score.n,
                "accuracy": details["accuracy"],
                "macro_f1": details["macro_f1"],
                "auc": details["auc"],
                "by_category": details.get("by_category", []),
                "vs_leader": details.get("vs_leader"),
                "resamples": details.get("resamples"),
                "confidence": details.get("confidence"),
                "release_version": score.release_version,
                "scorer_version": score.scorer_version,
            }
        )
    return out


def submission_status(submission: Submission, user) -> dict:
    """What the status endpoint answers: the lifecycle, the report of an invalid file, and
    the scores once finished (public part only until the phase closes)."""
    report = submission.report or {}
    return {
        "id": submission.pk,
        "status": submission.status,
        "status_label": submission.get_status_display(),
        "done": submission.is_done,
        "model": submission.model.name,
        "model_id": submission.model_id,
        "release": str(submission.release),
        "release_id": submission.release_id,
        "chosen": submission.chosen,
        "created_at": submission.created_at,
        "finished_at": submission.finished_at,
        "files": [
            {"name": f["name"], "task": f.get("task", ""), "bytes": f.get("bytes")}
            for f in submission.files
        ],
        "report": {
            "ok": report.get("ok"),
            "problems": report.get("problems", []),
            "counts": report.get("counts", {}),
            "missing": report.get("missing", {}),
            "text": report.get("text", ""),
        }
        if report
        else None,
        "failure": submission.failure,
        "release_version": submission.release_version,
        "scorer_version": submission.scorer_version,
        "scores": (
            submission_scores(submission, user)
            if submission.status == Submission.Status.FINISHED
            else []
        ),
    }


def leaderboard_table(release: Release, *, part: str = Score.Part.PUBLIC) -> list[dict]:
    """Leaderboard rows as plain data (pages, JSON and CSV): rank band, model facts, badges,
    T1-T3 accuracy with 95% intervals and the mean. Raises PermissionError for the private
    part of an open phase."""
    if part != Score.Part.PUBLIC and not phase_closed(release):
        # The whole split contains the private part: hidden just the same.
        raise PermissionError("the private part is revealed when the phase closes")
    rows = []
    for row in leaderboard_rows(release, part=part):
        model = row.model
        tasks = {}
        for task, score in row.tasks.items():
            tasks[task] = (
                None
                if score is None
                else {
                    "accuracy": score.accuracy,
                    "ci_low": score.accuracy_low,
                    "ci_high": score.accuracy_high,
                    "n": score.n,
                }
            )
        rows.append(
            {
                "band": row.band,
                "ranked": row.mean is not None,
                "rank_note": row.rank_note,
                "model": {
                    "name": model.name,
                    "organisation": model.organisation,
                    "parameters": model.parameters,
                    "open_weights": model.open_weights,
                    "setting": model.setting,
                    "paper_url": model.paper_url,
                    "code_url": model.code_url,
                },
                "badges": row.badges,
                "tasks": tasks,
                "mean_accuracy": row.mean,
                "submitted_at": row.submission.created_at,
                "release_version": row.submission.release_version,
                "scorer_version": row.submission.scorer_version,
            }
        )
    return rows


def paper_reference_rows() -> list[dict]:
    return [
        {"system": name, "t1": t1, "t2": t2, "t3": t3, "mean": round((t1 + t2 + t3) / 3, 2)}
        for name, t1, t2, t3 in PAPER_REFERENCE
    ]


def models_visible_to(user) -> QuerySet:
    from evaluation.models import EvaluatedModel

    models = EvaluatedModel.objects.select_related("owner")
    if user_has_role(user, CURATOR):
        return models
    return models.filter(owner=user)


def leaderboard_view(release: Release, part: str = Score.Part.PUBLIC) -> dict:
    """The whole leaderboard answer (page, JSON export, API): ranked rows and, apart, the
    paper's reference rows."""
    return {
        "release": {"id": release.pk, "name": release.name, "version": release.version},
        "part": str(part),
        "phase_closed": phase_closed(release),
        "rows": leaderboard_table(release, part=part),
        "reference": {
            "note": "reported on the paper's own test set, not ranked",
            "rows": paper_reference_rows(),
        },
    }


def release_test_counts(release: Release) -> dict[str, int]:
    from django.db.models import Count

    from annotation.models import ReleaseItem

    return dict(
        ReleaseItem.objects.filter(release=release, split=ReleaseItem.Split.TEST)
        .values_list("task")
        .annotate(n=Count("pk"))
        .order_by("task")
    )
