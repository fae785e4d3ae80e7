"""Per-annotator quality and gold labels (majority vote with a tie policy, Dawid-Skene
posteriors, the flags that send an item to adjudication)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from accounts.errors import ApplicationError
from annotation.agreement.coefficients import _kappa_2x2, _modal_votes
from annotation.agreement.dawid_skene import dawid_skene_fit
from annotation.agreement.results import (
    AnnotatorQuality,
    DawidSkene,
    ItemLabel,
    LabelSummary,
    QualityThresholds,
)
from annotation.agreement.votes import (
    DEFAULT_LOW_POSTERIOR,
    LABELS,
    JudgementsLike,
    VoteTable,
    vote_table_build,
)

# --- annotators and gold labels --------------------------------------------------------------


def _gold_array(table: VoteTable, gold: Mapping[str, int] | None) -> np.ndarray:
    """Per item: the control answer, or -1."""
    out = np.full(len(table.items), -1, dtype=np.int64)
    if gold:
        for i, item in enumerate(table.items):
            answer = gold.get(item)
            if answer is not None:
                if answer not in LABELS:
                    raise ApplicationError(f"gold: item {item!r}: {answer!r} is not 0 or 1")
                out[i] = int(answer)
    return out


def annotator_quality_compute(
    judgements: JudgementsLike,
    *,
    gold: Mapping[str, int] | None = None,
    dawid_skene: DawidSkene | None = None,
    thresholds: QualityThresholds = QualityThresholds(),  # noqa: B008 - frozen
) -> list[AnnotatorQuality]:
    """Per-annotator quality, sorted by leave-one-out agreement (worst first).

    The leave-one-out (LOO) majority of a judgement is the majority of the *other* votes on the
    same item; where the others tie (or there are none) the judgement is not compared.
    """
    table = vote_table_build(judgements)
    n_ann = len(table.annotators)
    if not n_ann:
        return []
    ds = dawid_skene or dawid_skene_fit(table)
    item, ann, y = table.item_index, table.annotator_index, table.labels
    others_pos = table.counts[item, 1] - y
    others_neg = table.counts[item, 0] - (1 - y)
    compared = others_pos != others_neg
    loo = (others_pos > others_neg).astype(np.int64)

    def per_annotator(weights=None, mask=None):
        a = ann if mask is None else ann[mask]
        w = None if weights is None else (weights if mask is None else weights[mask])
        return np.bincount(a, weights=w, minlength=n_ann)

    judged = per_annotator()
    positive = per_annotator(y.astype(np.float64))
    n_compared = per_annotator(mask=compared)
    agree = per_annotator((y == loo).astype(np.float64), compared)
    # 2x2 table of (own label, LOO label) per annotator for Cohen's kappa against the LOO.
    cells = np.bincount(
        ann[compared] * 4 + y[compared] * 2 + loo[compared], minlength=n_ann * 4
    ).reshape(n_ann, 4)
    kappa, _ = _kappa_2x2(cells[:, 3], cells[:, 2], cells[:, 1], cells[:, 0])
    gold_item = _gold_array(table, gold)
    on_control = gold_item[item] >= 0
    n_control = per_annotator(mask=on_control)
    control_right = per_annotator((y == gold_item[item]).astype(np.float64), on_control)
    median_seconds = _median_per_group(table.seconds, ann, n_ann)

    result = []
    for a in range(n_ann):
        loo_agreement = agree[a] / n_compared[a] if n_compared[a] else None
        loo_kappa = float(kappa[a]) if math.isfinite(kappa[a]) else None
        control_accuracy = control_right[a] / n_control[a] if n_control[a] else None
        quality = AnnotatorQuality(
            annotator=table.annotators[a],
            judgements=int(judged[a]),
            positive_rate=float(positive[a] / judged[a]),
            loo_compared=int(n_compared[a]),
            loo_agreement=None if loo_agreement is None else float(loo_agreement),
            loo_kappa=loo_kappa,
            ds_accuracy=float(ds.accuracy[a]) if math.isfinite(ds.accuracy[a]) else None,
            control_judgements=int(n_control[a]),
            control_accuracy=None if control_accuracy is None else float(control_accuracy),
            median_seconds=None if math.isnan(median_seconds[a]) else float(median_seconds[a]),
            flags=[],
        )
        quality.flags = _annotator_flags(quality, thresholds)
        result.append(quality)
    result.sort(key=lambda q: (q.loo_agreement is None, q.loo_agreement or 0.0, q.annotator))
    return result


def _median_per_group(values: np.ndarray, group: np.ndarray, n_groups: int) -> np.ndarray:
    """Median of the finite values of each group (NaN for a group without any), vectorised."""
    finite = np.isfinite(values)
    v, g = values[finite], group[finite]
    order = np.lexsort((v, g))
    v = v[order]
    count = np.bincount(g, minlength=n_groups)
    start = np.concatenate(([0], np.cumsum(count)[:-1]))
    out = np.full(n_groups, np.nan)
    has = count > 0
    low = start[has] + (count[has] - 1) // 2
    high = start[has] + count[has] // 2
    out[has] = (v[low] + v[high]) / 2
    return out


def _annotator_flags(q: AnnotatorQuality, t: QualityThresholds) -> list[str]:
    flags = []
    if q.loo_compared >= t.min_evidence:
        if q.loo_agreement is not None and q.loo_agreement < t.loo_agreement_min:
            flags.append("low_loo_agreement")
        if q.loo_kappa is not None and q.loo_kappa < t.loo_kappa_min:
            flags.append("low_loo_kappa")
    if q.judgements >= t.min_evidence:
        if q.ds_accuracy is not None and q.ds_accuracy < t.ds_accuracy_min:
            flags.append("low_ds_accuracy")
        if q.positive_rate in (0.0, 1.0):
            # One answer for everything is the commonest spam pattern, and it hides from
            # accuracy when the labels are skewed.
            flags.append("single_label")
    if (
        q.control_judgements >= t.min_evidence
        and q.control_accuracy is not None
        and q.control_accuracy < t.control_accuracy_min
    ):
        flags.append("low_control_accuracy")
    if q.median_seconds is not None and q.median_seconds < t.fast_median_seconds:
        flags.append("too_fast")
    return flags


ADJUDICATION_FLAGS = ("tie", "split", "ds_disagrees", "low_posterior", "control_disagrees")


@dataclass
class _GoldArrays:
    votes: np.ndarray
    positive: np.ndarray
    majority: np.ndarray  # -1 on a tie
    ds_label: np.ndarray  # -1 when the posterior is exactly 0.5
    control: np.ndarray  # -1 when not a control item
    flags: list[tuple[str, np.ndarray]]
    needs_adjudication: np.ndarray


def _gold_arrays(table: VoteTable, ds: DawidSkene, gold, low_posterior: float) -> _GoldArrays:
    neg, pos = table.counts[:, 0], table.counts[:, 1]
    votes = pos + neg
    margin = np.abs(pos - neg)
    tie = margin == 0
    majority = np.where(tie, -1, (pos > neg).astype(np.int64))
    # The smallest margin that is not a tie has the parity of the vote count: 1 or 2.
    split = ~tie & (np.minimum(pos, neg) > 0) & (margin <= 2)
    ds_label = np.where(ds.p1 > 0.5, 1, np.where(ds.p1 < 0.5, 0, -1))
    ds_disagrees = ~tie & (ds_label >= 0) & (ds_label != majority)
    low = np.maximum(ds.p1, 1 - ds.p1) < low_posterior
    control = _gold_array(table, gold)
    control_disagrees = (control >= 0) & ~tie & (majority != control)
    few = votes < _modal_votes(votes)
    flags = [
        ("tie", tie),
        ("split", split),
        ("ds_disagrees", ds_disagrees),
        ("low_posterior", low),
        ("control_disagrees", control_disagrees),
        ("few_votes", few),
    ]
    needs = np.zeros(len(votes), dtype=bool)
    for name, mask in flags:
        if name in ADJUDICATION_FLAGS:
            needs |= mask
    return _GoldArrays(votes, pos, majority, ds_label, control, flags, needs)


def gold_labels_compute(
    judgements: JudgementsLike,
    *,
    gold: Mapping[str, int] | None = None,
    dawid_skene: DawidSkene | None = None,
    low_posterior: float = DEFAULT_LOW_POSTERIOR,
) -> list[ItemLabel]:
    """Majority vote per item with an explicit tie policy, beside the Dawid-Skene posterior.

    A tie has no label (``majority`` is None) and is flagged ``tie``: it goes to adjudication,
    never silently to 0. Other flags: ``split`` (the narrowest non-tie split, 3-2 of 5 or 3-1
    of 4), ``ds_disagrees``, ``low_posterior`` (max posterior below ``low_posterior``),
    ``control_disagrees`` (majority differs from a control item's gold answer), and
    ``few_votes`` (fewer votes than most items have; informational, not for adjudication).
    """
    table = vote_table_build(judgements)
    if not len(table.items):
        return []
    ds = dawid_skene or dawid_skene_fit(table)
    g = _gold_arrays(table, ds, gold, low_posterior)
    item_flags: list[list[str]] = [[] for _ in table.items]
    for name, mask in g.flags:
        for i in np.flatnonzero(mask):
            item_flags[i].append(name)
    p1 = ds.p1.tolist()
    return [
        ItemLabel(
            item=item,
            votes=int(g.votes[i]),
            positive=int(g.positive[i]),
            majority=None if g.majority[i] < 0 else int(g.majority[i]),
            ds_p1=p1[i],
            ds_label=None if g.ds_label[i] < 0 else int(g.ds_label[i]),
            control=None if g.control[i] < 0 else int(g.control[i]),
            flags=item_flags[i],
            needs_adjudication=bool(g.needs_adjudication[i]),
        )
        for i, item in enumerate(table.items)
    ]


def _label_summary_from_arrays(g: _GoldArrays) -> LabelSummary:
    return LabelSummary(
        items=len(g.votes),
        positive=int((g.majority == 1).sum()),
        negative=int((g.majority == 0).sum()),
        ties=int((g.majority < 0).sum()),
        needs_adjudication=int(g.needs_adjudication.sum()),
        flags={name: int(mask.sum()) for name, mask in sorted(g.flags) if mask.any()},
    )


def label_summary_compute(labels: Sequence[ItemLabel]) -> LabelSummary:
    flags: dict[str, int] = {}
    for label in labels:
        for flag in label.flags:
            flags[flag] = flags.get(flag, 0) + 1
    return LabelSummary(
        items=len(labels),
        positive=sum(1 for x in labels if x.majority == 1),
        negative=sum(1 for x in labels if x.majority == 0),
        ties=sum(1 for x in labels if x.majority is None),
        needs_adjudication=sum(1 for x in labels if x.needs_adjudication),
        flags=dict(sorted(flags.items())),
    )
