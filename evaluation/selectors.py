"""Reads with rules: the leaderboard, submissions an author may see, releases for authors.

The public leaderboard is computed from the public part of the test split only; the private
part appears once a curator has closed the phase. Invalid and failed submissions never rank.
A model author sees their own submissions; of others', only the leaderboard rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.db.models import QuerySet

from accounts.roles import CURATOR, user_has_role
from annotation.models import Release
from evaluation.gold import hidden_split_load
from evaluation.models import LeaderboardPhase, Score, Submission
from evaluation.scoring.metrics import rank_bands

TASKS = ("t1", "t2", "t3")

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
    """Rows sorted by mean accuracy over T1-T3; entries statistically indistinguishable from a
    band's leader share its rank band. Entries without all three tasks are listed, unranked."""
    from evaluation.services import predictions_load

    if part == Score.Part.PRIVATE and not phase_closed(release):
        raise PermissionError("the private part is revealed when the phase closes")
    rows = []
    for submission in _chosen(release):
        by_task = {s.task: s for s in submission.scores.all() if s.part == part}
        tasks = {task: by_task.get(task) for task in TASKS}
        complete = all(tasks.values())
        mean = float(np.mean([s.accuracy for s in tasks.values()])) if complete else None
        badges = []
        if submission.model.is_baseline:
            badges.append("baseline")
        if submission.model.verified:
            badges.append("verified")
        rows.append(LeaderboardRow(submission, tasks, mean, badges=badges))
    ranked = [row for row in rows if row.mean is not None]
    if ranked:
        splits = hidden_split_load(release)
        entries = []
        for row in ranked:
            predicted = predictions_load(row.submission)
            correct = {}
            for task in TASKS:
                split = splits[task]
                mask = (
                    split.public
                    if part == Score.Part.PUBLIC
                    else (
                        ~split.public if part == Score.Part.PRIVATE else np.ones_like(split.public)
                    )
                )
                correct[task] = (predicted[task] == split.labels)[mask]
            entries.append({"key": str(row.submission.pk), "correct": correct})
        bands = {e.key: e for e in rank_bands(entries, seed=release.pk).entries}
        for row in ranked:
            entry = bands[str(row.submission.pk)]
            row.band = entry.band
            if entry.vs_band_leader is not None:
                row.rank_note = (
                    f"not distinguishable from the band leader "
                    f"(p = {entry.vs_band_leader.bootstrap_p_value:.3f})"
                )
    rows.sort(key=lambda r: (r.mean is None, -(r.mean or 0), r.submission.created_at))
    return rows


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
