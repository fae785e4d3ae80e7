"""What a baseline may read of a release: the test split's inputs (never its labels) and,
for the majority class, the train split's labels.

Every query here names its columns explicitly, so a reviewer can check at a glance that no
test label reaches a baseline: test items are read as (uid, task, inputs) and, for the
embedding baseline, the association score the pipeline computed before anyone judged the item.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from annotation.models import Release, ReleaseItem

TASKS = ("t1", "t2", "t3")


@dataclass(frozen=True)
class TestInput:
    """One test item as a model author sees it: the public id, the task, the frozen inputs."""

    uid: str
    task: str
    inputs: dict


def test_inputs_load(release: Release, *, limit: int | None = None) -> dict[str, list[TestInput]]:
    """The test inputs per task, in the release's test order (uid order, the order of
    evaluation.gold). ``limit``: at most that many items per task, the first in that order."""
    out: dict[str, list[TestInput]] = {}
    rows = (
        ReleaseItem.objects.filter(release=release, split=ReleaseItem.Split.TEST)
        .order_by("task", "uid")
        .values_list("uid", "task", "inputs")  # no label, no part, no votes
    )
    for uid, task, inputs in rows.iterator(chunk_size=2000):
        items = out.setdefault(task, [])
        if limit is None or len(items) < limit:
            items.append(TestInput(uid, task, inputs))
    return out


def test_ids_load(release: Release) -> dict[str, list[str]]:
    ids: dict[str, list[str]] = {}
    for uid, task in (
        ReleaseItem.objects.filter(release=release, split=ReleaseItem.Split.TEST)
        .order_by("task", "uid")
        .values_list("uid", "task")
    ):
        ids.setdefault(task, []).append(uid)
    return ids


def test_association_scores_load(release: Release, task: str = "t2") -> dict[str, float | None]:
    """Each test item's intention association score (pipeline.models.Item.score), computed by
    the pipeline from the step and the product's intentions; None where there is none."""
    return dict(
        ReleaseItem.objects.filter(release=release, split=ReleaseItem.Split.TEST, task=task)
        .order_by("uid")
        .values_list("uid", "item__score")
    )


@dataclass(frozen=True)
class TrainMajority:
    label: int
    share: float  # share of the majority label in the train split
    positive_share: float  # share of label 1 in the train split
    n: int


def train_majority_load(release: Release) -> dict[str, TrainMajority]:
    """The majority label of each task in the release's TRAIN split (a tie goes to 1), which
    any participant can compute from the published train files."""
    counts: dict[str, Counter] = {}
    for task, label in (
        ReleaseItem.objects.filter(release=release, split=ReleaseItem.Split.TRAIN)
        .values_list("task", "label")
        .iterator(chunk_size=5000)
    ):
        counts.setdefault(task, Counter())[label] += 1
    out = {}
    for task, counter in counts.items():
        n = sum(counter.values())
        label = 1 if counter[1] >= counter[0] else 0
        out[task] = TrainMajority(
            label=label, share=counter[label] / n, positive_share=counter[1] / n, n=n
        )
    return out
