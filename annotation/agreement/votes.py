"""Judgements as the statistics take them: the item x annotator vote table, and the
constants and reasons shared by every module of the package."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from accounts.errors import ApplicationError

LABELS = (0, 1)
DEFAULT_RESAMPLES = 1000
DEFAULT_CONFIDENCE = 0.95
# Cohen's kappa on fewer shared items than this is mostly noise.
DEFAULT_MIN_SHARED = 10
# Below this Dawid-Skene posterior for the winning label an item goes to adjudication.
DEFAULT_LOW_POSTERIOR = 0.8
GROUP_KEYS = ("task", "category")

NO_PAIRS = "no item has two or more votes (a single annotator, or one vote per item)"
ONE_LABEL = "every vote carries the same label, so chance agreement is 1 and the ratio is 0/0"
NO_JUDGEMENTS = "no judgements"

# --- input -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Judgement:
    item: str
    annotator: str
    label: int
    seconds: float | None = None


@dataclass(frozen=True)
class VoteTable:
    """Judgements encoded as integer arrays, one entry per judgement, plus per-item counts."""

    items: list[str]
    annotators: list[str]
    item_index: np.ndarray
    annotator_index: np.ndarray
    labels: np.ndarray
    seconds: np.ndarray  # NaN where unknown
    counts: np.ndarray  # (items, 2): votes for label 0 and for label 1

    @property
    def votes(self) -> np.ndarray:
        return self.counts.sum(axis=1)

    def subset(self, item_mask: np.ndarray) -> VoteTable:
        """The table restricted to some items (annotators without judgements there drop out)."""
        keep = item_mask[self.item_index]
        item_ids = np.flatnonzero(item_mask)
        item_map = np.full(len(self.items), -1)
        item_map[item_ids] = np.arange(len(item_ids))
        ann_ids = np.unique(self.annotator_index[keep])
        ann_map = np.full(len(self.annotators), -1)
        ann_map[ann_ids] = np.arange(len(ann_ids))
        return VoteTable(
            items=[self.items[i] for i in item_ids],
            annotators=[self.annotators[a] for a in ann_ids],
            item_index=item_map[self.item_index[keep]],
            annotator_index=ann_map[self.annotator_index[keep]],
            labels=self.labels[keep],
            seconds=self.seconds[keep],
            counts=self.counts[item_ids],
        )


JudgementsLike = VoteTable | Iterable[Judgement | Sequence]


def vote_table_build(judgements: JudgementsLike) -> VoteTable:
    """Encode judgements; accepts Judgement objects or (item, annotator, label[, seconds]).

    One annotator judges an item at most once (the campaign's database constraint); a second
    judgement of the same pair is an error, not a second vote.
    """
    if isinstance(judgements, VoteTable):
        return judgements
    item_ids: dict[str, int] = {}
    annotator_ids: dict[str, int] = {}
    item_index, annotator_index, labels, seconds = [], [], [], []
    for number, judgement in enumerate(judgements, start=1):
        if isinstance(judgement, Judgement):
            item, annotator, label, secs = (
                judgement.item,
                judgement.annotator,
                judgement.label,
                judgement.seconds,
            )
        else:
            item, annotator, label = judgement[0], judgement[1], judgement[2]
            secs = judgement[3] if len(judgement) > 3 else None
        if label not in LABELS:  # True/False pass too: they equal 1/0
            raise ApplicationError(f"judgement {number}: label: {label!r} is not 0 or 1")
        item_index.append(item_ids.setdefault(str(item), len(item_ids)))
        annotator_index.append(annotator_ids.setdefault(str(annotator), len(annotator_ids)))
        labels.append(int(label))
        seconds.append(math.nan if secs is None else float(secs))
    items = list(item_ids)
    annotators = list(annotator_ids)
    item_arr = np.asarray(item_index, dtype=np.int64)
    ann_arr = np.asarray(annotator_index, dtype=np.int64)
    label_arr = np.asarray(labels, dtype=np.int64)
    if len(item_arr):
        pair_key = item_arr * len(annotators) + ann_arr
        unique, first, seen = np.unique(pair_key, return_index=True, return_counts=True)
        if (seen > 1).any():
            dup = first[np.argmax(seen > 1)]
            raise ApplicationError(
                f"annotator {annotators[ann_arr[dup]]!r} judged item {items[item_arr[dup]]!r} "
                "more than once"
            )
    counts = np.zeros((len(items), 2), dtype=np.int64)
    np.add.at(counts, (item_arr, label_arr), 1)
    return VoteTable(
        items=items,
        annotators=annotators,
        item_index=item_arr,
        annotator_index=ann_arr,
        labels=label_arr,
        seconds=np.asarray(seconds, dtype=np.float64),
        counts=counts,
    )
