"""The hidden side of a release: its test items' gold labels, categories and parts, in one
fixed order per task. Only the scorer reads this module; no page or endpoint returns it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotation.models import Release, ReleaseItem
from evaluation.scoring.metrics import TaskGold


@dataclass
class HiddenSplit:
    """One task's test items in uid order."""

    ids: list[str]
    labels: np.ndarray  # int8 0/1
    categories: np.ndarray  # int codes into category_names
    category_names: list[str]
    public: np.ndarray  # bool: in the public part

    def gold(self, mask: np.ndarray | None = None) -> TaskGold:
        if mask is None:
            return TaskGold(self.labels, self.categories, self.category_names)
        return TaskGold(self.labels[mask], self.categories[mask], self.category_names)


def hidden_split_load(release: Release) -> dict[str, HiddenSplit]:
    rows: dict[str, list] = {}
    for task, uid, label, category, part in (
        ReleaseItem.objects.filter(release=release, split=ReleaseItem.Split.TEST)
        .order_by("task", "uid")
        .values_list("task", "uid", "label", "category", "test_part")
        .iterator(chunk_size=10_000)
    ):
        rows.setdefault(task, []).append((uid, label, category, part))
    splits = {}
    for task, items in rows.items():
        names = sorted({category for _, _, category, _ in items})
        code = {name: n for n, name in enumerate(names)}
        splits[task] = HiddenSplit(
            ids=[uid for uid, _, _, _ in items],
            labels=np.array([label for _, label, _, _ in items], dtype=np.int8),
            categories=np.array([code[c] for _, _, c, _ in items], dtype=np.int32),
            category_names=names,
            public=np.array([part == "public" for _, _, _, part in items], dtype=bool),
        )
    return splits


def release_test_ids(release: Release) -> dict[str, list[str]]:
    """The ids a submission must predict, per task (no labels)."""
    ids: dict[str, list[str]] = {}
    for task, uid in (
        ReleaseItem.objects.filter(release=release, split=ReleaseItem.Split.TEST)
        .order_by("task", "uid")
        .values_list("task", "uid")
    ):
        ids.setdefault(task, []).append(uid)
    return ids
