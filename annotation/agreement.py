"""Agreement statistics, annotator quality and gold labels for binary crowd judgements.

Pure and database-free: the input is a sequence of ``(item, annotator, label)`` judgements
with labels 0/1 (optionally the seconds each took, and gold answers for control items); the
output is plain dataclasses whose ``to_dict()`` is JSON with no NaN in it. Campaign pages and
``manage.py agreement_report`` feed the same functions.

How it stays fast (5,000 items x 5 votes, every statistic with a 1,000-resample bootstrap
interval, within 2 s; see ``bench/agreement.py``): every coefficient is a ratio of sums of
per-item quantities taken from the item x category count matrix. A bootstrap resample of
items is then just a vector of item weights, and all resamples at once are one matrix product
``weights @ features``. The libraries (statsmodels for Fleiss' kappa, ``krippendorff`` for
alpha) give the reported point estimates; the tests check that the vectorised formulas equal
them and published reference values.

A value that is not defined (every vote the same label, one annotator, no item with two
votes) is reported as ``None`` with a reason, never as NaN and never as an exception.
"""

from __future__ import annotations

import csv
import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from accounts.errors import ApplicationError

LABELS = (0, 1)
DEFAULT_RESAMPLES = 1000
DEFAULT_CONFIDENCE = 0.95
# Cohen's kappa on fewer shared items than this is mostly noise.
DEFAULT_MIN_SHARED = 10
# Below this Dawid-Skene posterior for the winning label an item goes to adjudication.
DEFAULT_LOW_POSTERIOR = 0.8
GROUP_KEYS = ("task", "category")

# A bootstrap interval needs the statistic defined in most resamples to mean anything.
_MIN_DEFINED_SHARE = 0.5
# Resample weights are built in blocks of about this many cells (8 bytes each) so that memory
# stays bounded for large campaigns.
_BOOTSTRAP_BLOCK_CELLS = 2_000_000
# Same floor as crowd-kit: a confusion cell never reaches 0, so its log stays finite.
_DS_EPS = 1e-10

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


# --- results ---------------------------------------------------------------------------------


@dataclass
class Estimate:
    """A statistic with its bootstrap interval; ``value`` is None with ``reason`` if undefined."""

    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    items: int = 0
    reason: str | None = None  # why value (or only the interval) is missing
    note: str | None = None  # what the statistic was computed on, when it is a subset


@dataclass
class VoteSplit:
    split: str  # "majority-minority", e.g. "4-1"
    items: int
    share: float
    positive_majority: int  # of those items, how many have label 1 as the majority


@dataclass
class VoteSplits:
    votes: int
    items: int
    splits: list[VoteSplit]


@dataclass
class CohenPair:
    annotator_a: str
    annotator_b: str
    shared: int
    agreement: float
    kappa: float | None
    reason: str | None = None


@dataclass
class CohenPairs:
    min_shared: int
    pairs: list[CohenPair]
    median: float | None
    minimum: float | None
    maximum: float | None
    annotators: list[str]  # the rows/columns of ``matrix``
    matrix: list[list[float | None]]  # None: fewer than min_shared shared items, or undefined
    reason: str | None = None


@dataclass
class CountAgreement:
    """Coefficients of an item x category count table (any number of categories)."""

    items: int
    categories: int
    percent_agreement: Estimate
    fleiss_kappa: Estimate
    krippendorff_alpha: Estimate
    gwet_ac1: Estimate
    positive_rate: Estimate  # binary tables only: share of votes for category 1


@dataclass
class Agreement:
    items: int
    judgements: int
    annotators: int
    vote_splits: list[VoteSplits]
    percent_agreement: Estimate
    fleiss_kappa: Estimate
    krippendorff_alpha: Estimate
    gwet_ac1: Estimate
    positive_rate: Estimate
    cohen: CohenPairs
    confidence: float
    resamples: int
    seed: int


@dataclass(frozen=True)
class QualityThresholds:
    """When a per-annotator figure earns a flag.

    No flag is raised on fewer than ``min_evidence`` comparisons: 2 of 3 is not a trend.
    """

    min_evidence: int = 10
    loo_agreement_min: float = 0.6
    # Landis & Koch call kappa below 0.2 "slight" agreement.
    loo_kappa_min: float = 0.2
    ds_accuracy_min: float = 0.6
    control_accuracy_min: float = 0.7
    # A binary judgement of a script or a product match needs reading; under 3 s is clicking.
    fast_median_seconds: float = 3.0


@dataclass
class AnnotatorQuality:
    annotator: str
    judgements: int
    positive_rate: float
    loo_compared: int  # judgements whose item had a strict majority among the others
    loo_agreement: float | None
    loo_kappa: float | None
    ds_accuracy: float | None
    control_judgements: int
    control_accuracy: float | None
    median_seconds: float | None
    flags: list[str]


@dataclass
class ItemLabel:
    item: str
    votes: int
    positive: int
    majority: int | None  # None on a tie: a tie is not a label
    ds_p1: float  # Dawid-Skene posterior P(label = 1)
    ds_label: int | None
    control: int | None
    flags: list[str]
    needs_adjudication: bool


@dataclass
class LabelSummary:
    items: int
    positive: int
    negative: int
    ties: int
    needs_adjudication: int
    flags: dict[str, int]


@dataclass
class DawidSkene:
    """Two-class Dawid-Skene with a full confusion matrix per annotator, fitted by EM."""

    p1: np.ndarray  # per item, P(true label = 1)
    prior_p1: float
    confusion: np.ndarray  # (annotators, observed label, true label): P(observed | true)
    accuracy: np.ndarray  # per annotator: expected share of their labels that are right
    iterations: int
    converged: bool
    log_likelihood: float


@dataclass
class DawidSkeneSummary:
    iterations: int
    converged: bool
    prior_p1: float
    log_likelihood: float


@dataclass
class GroupReport:
    key: str
    value: str
    items: int
    judgements: int
    agreement: Agreement
    annotators: list[AnnotatorQuality]
    labels: LabelSummary


@dataclass
class AgreementReport:
    agreement: Agreement
    annotators: list[AnnotatorQuality]
    items: list[ItemLabel]
    labels: LabelSummary
    dawid_skene: DawidSkeneSummary
    groups: dict[str, list[GroupReport]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return json_safe(dataclasses.asdict(self))


def json_safe(value):
    """Plain Python for ``json.dumps(allow_nan=False)``: NaN/inf become None, numpy unwrapped."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, np.ndarray):
        return json_safe(value.tolist())
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


# --- coefficients from count tables ----------------------------------------------------------


class _Features:
    """Per-item quantities whose (weighted) sums give every coefficient.

    For items i with category counts c_ik and n_i votes:
      percent agreement P_i = sum_k c_ik (c_ik - 1) / (n_i (n_i - 1)) on items with n_i >= 2;
      Fleiss (1971) on the complete items (n_i = m): (Pbar - Pe) / (1 - Pe), Pe = sum_k p_k^2;
      Krippendorff's alpha, nominal: 1 - (n - 1) (n - sum_c o_cc) / (n^2 - sum_c n_c^2) from the
      coincidence matrix of the pairable items;
      Gwet's AC1 (Gwet 2008): (pa - pe) / (1 - pe), pe = sum_k pi_k (1 - pi_k) / (q - 1),
      pi_k the mean of c_ik / n_i over rated items.
    """

    def __init__(self, counts: np.ndarray):
        counts = np.asarray(counts, dtype=np.float64)
        if counts.ndim != 2 or counts.shape[1] < 2:
            raise ApplicationError("a count table needs one row per item and 2+ categories")
        self.counts = counts
        n_items, c = counts.shape
        self.categories = c
        n = counts.sum(axis=1)
        self.votes = n
        pair = n >= 2
        rated = n >= 1
        self.pair = pair
        self.m = _modal_votes(n[pair])
        complete = pair & (n == self.m)
        self.complete = complete
        same_pairs = (counts * (counts - 1)).sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            p_i = np.where(pair, same_pairs / (n * (n - 1)), 0.0)
            a_i = np.where(pair, same_pairs / (n - 1), 0.0)
            share = np.where(rated[:, None], counts / n[:, None], 0.0)
        blocks = [
            ("pair", pair[:, None]),
            ("pair_p", p_i[:, None]),
            ("comp", complete[:, None]),
            ("comp_p", (complete * p_i)[:, None]),
            ("comp_c", complete[:, None] * counts),
            ("alpha_n", (pair * n)[:, None]),
            ("alpha_a", a_i[:, None]),
            ("alpha_c", pair[:, None] * counts),
            ("rated", rated[:, None]),
            ("share", share),
            ("n_all", n[:, None]),
            ("c_all", counts),
        ]
        self.slices = {}
        start = 0
        for name, block in blocks:
            self.slices[name] = slice(start, start + block.shape[1])
            start += block.shape[1]
        self.matrix = np.hstack([b.astype(np.float64) for _, b in blocks])

    def statistics(self, sums: np.ndarray) -> dict[str, np.ndarray]:
        """Every coefficient for each row of ``sums`` (weighted sums of the feature matrix)."""
        s = self.slices
        sums = np.atleast_2d(sums)

        def col(name):
            return sums[:, s[name]]

        q = self.categories
        with np.errstate(divide="ignore", invalid="ignore"):
            pa = col("pair_p")[:, 0] / col("pair")[:, 0]
            comp = col("comp")[:, 0]
            pbar = col("comp_p")[:, 0] / comp
            p = col("comp_c") / (self.m * comp)[:, None]
            pe_f = (p**2).sum(axis=1)
            fleiss = (pbar - pe_f) / (1 - pe_f)
            total = col("alpha_n")[:, 0]
            expected = total**2 - (col("alpha_c") ** 2).sum(axis=1)
            alpha = 1 - (total - 1) * (total - col("alpha_a")[:, 0]) / expected
            pi = col("share") / col("rated")[:, 0][:, None]
            pe_g = (pi * (1 - pi)).sum(axis=1) / (q - 1)
            ac1 = (pa - pe_g) / (1 - pe_g)
            positive = col("c_all")[:, -1] / col("n_all")[:, 0] if q == 2 else pa * np.nan
        # Guard 0/0 that floating point turns into a tiny non-zero denominator.
        fleiss[np.isclose(pe_f, 1.0, rtol=0, atol=1e-12)] = np.nan
        alpha[np.isclose(expected, 0.0, rtol=0, atol=1e-9)] = np.nan
        return {
            "percent_agreement": pa,
            "fleiss_kappa": fleiss,
            "krippendorff_alpha": alpha,
            "gwet_ac1": ac1,
            "positive_rate": positive,
        }


def _modal_votes(votes: np.ndarray) -> int:
    """The most common vote count (the larger one on a tie): Fleiss needs equal counts."""
    if not len(votes):
        return 0
    values, freq = np.unique(votes.astype(np.int64), return_counts=True)
    return int(values[freq == freq.max()].max())


def _bootstrap_sums(matrix: np.ndarray, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """Feature sums for ``resamples`` bootstrap resamples of the rows (items), vectorised.

    Each resample draws n item indices with replacement; its item weights (how often each item
    was drawn) times the feature matrix give the sums, so no statistic is recomputed per loop.
    """
    n = matrix.shape[0]
    out = np.empty((resamples, matrix.shape[1]))
    block = max(1, _BOOTSTRAP_BLOCK_CELLS // max(n, 1))
    for start in range(0, resamples, block):
        b = min(block, resamples - start)
        # int32 draws are 4x cheaper to generate than int64; b * n stays far below 2**31.
        draws = rng.integers(0, n, size=(b, n), dtype=np.int32)
        draws += (np.arange(b, dtype=np.int32) * n)[:, None]
        weights = np.bincount(draws.ravel(), minlength=b * n).reshape(b, n)
        out[start : start + b] = weights.astype(np.float64) @ matrix
    return out


def _interval(samples: np.ndarray, confidence: float) -> tuple[float | None, float | None, str]:
    finite = samples[np.isfinite(samples)]
    if not len(samples):
        return None, None, ""
    if len(finite) < _MIN_DEFINED_SHARE * len(samples):
        return None, None, f"undefined in {len(samples) - len(finite)} of {len(samples)} resamples"
    tail = (1 - confidence) / 2
    low, high = np.quantile(finite, [tail, 1 - tail])
    return float(low), float(high), ""


def agreement_counts_compute(
    counts,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
) -> CountAgreement:
    """Percent agreement, Fleiss' kappa, Krippendorff's alpha and Gwet's AC1 of a count table.

    ``counts[i, k]`` is how many annotators put item i in category k. Point estimates of
    Fleiss' kappa and alpha come from statsmodels and ``krippendorff``; the intervals are
    percentile bootstrap intervals over items (seeded).
    """
    from krippendorff import alpha as krippendorff_alpha
    from statsmodels.stats.inter_rater import fleiss_kappa

    features = _Features(counts)
    point = features.statistics(features.matrix.sum(axis=0))
    boot = {}
    if resamples > 0 and len(features.counts):
        rng = np.random.default_rng(seed)
        boot = features.statistics(_bootstrap_sums(features.matrix, resamples, rng))

    pairable = int(features.pair.sum())
    complete = int(features.complete.sum())

    def single_label(mask):
        return (features.counts[mask].sum(axis=0) > 0).sum() < 2

    one_label = single_label(features.pair)
    one_label_complete = single_label(features.complete)

    def estimate(name: str, value, items: int, undefined: str | None, note=None) -> Estimate:
        if undefined is not None or value is None or not math.isfinite(value):
            return Estimate(value=None, items=items, reason=undefined or ONE_LABEL, note=note)
        low = high = None
        reason = None
        if name in boot:
            low, high, why = _interval(boot[name], confidence)
            reason = why or None
        return Estimate(
            value=float(value), ci_low=low, ci_high=high, items=items, reason=reason, note=note
        )

    no_pairs = NO_PAIRS if pairable == 0 else None
    fleiss_value = alpha_value = None
    # The libraries' own values are the ones reported; 0/0 cases never reach them.
    if pairable and not one_label_complete:
        fleiss_value = float(fleiss_kappa(features.counts[features.complete], method="fleiss"))
    if pairable and not one_label:
        alpha_value = float(
            krippendorff_alpha(
                value_counts=features.counts[features.pair], level_of_measurement="nominal"
            )
        )
    undefined = no_pairs or (ONE_LABEL if one_label else None)
    fleiss_undefined = no_pairs or (ONE_LABEL if one_label_complete else None)
    fleiss_note = f"items with {features.m} votes" if pairable else None
    n_items = len(features.counts)
    judgements = float(features.votes.sum())
    return CountAgreement(
        items=n_items,
        categories=features.categories,
        percent_agreement=estimate(
            "percent_agreement", point["percent_agreement"][0], pairable, no_pairs
        ),
        fleiss_kappa=estimate(
            "fleiss_kappa", fleiss_value, complete, fleiss_undefined, fleiss_note
        ),
        krippendorff_alpha=estimate("krippendorff_alpha", alpha_value, pairable, undefined),
        gwet_ac1=estimate("gwet_ac1", point["gwet_ac1"][0], pairable, no_pairs),
        positive_rate=estimate(
            "positive_rate",
            point["positive_rate"][0],
            n_items,
            None
            if features.categories == 2 and judgements
            else (NO_JUDGEMENTS if not judgements else "only defined for binary labels"),
        ),
    )


# --- binary judgements -----------------------------------------------------------------------


def vote_splits_compute(table: VoteTable) -> list[VoteSplits]:
    """Histogram of splits per vote count: 5-0 / 4-1 / 3-2 for 5 votes, 2-2 ties for 4..."""
    votes = table.votes
    majority = table.counts.max(axis=1)
    result = []
    for k in np.unique(votes):
        k = int(k)
        at_k = votes == k
        n_k = int(at_k.sum())
        splits = []
        for top in range(k, (k + 1) // 2 - 1, -1):
            if top < k - top:
                break
            hit = at_k & (majority == top)
            positive = hit & (table.counts[:, 1] > table.counts[:, 0])
            splits.append(
                VoteSplit(
                    split=f"{top}-{k - top}",
                    items=int(hit.sum()),
                    share=float(hit.sum() / n_k),
                    positive_majority=int(positive.sum()),
                )
            )
        result.append(VoteSplits(votes=k, items=n_k, splits=splits))
    return result


def _kappa_2x2(n11, n10, n01, n00):
    """Cohen's kappa from 2x2 counts (arrays); NaN where chance agreement is 1."""
    n = n11 + n10 + n01 + n00
    with np.errstate(divide="ignore", invalid="ignore"):
        po = (n11 + n00) / n
        a1 = (n11 + n10) / n
        b1 = (n11 + n01) / n
        pe = a1 * b1 + (1 - a1) * (1 - b1)
        # Integer test of pe == 1: n^2 == a1n*b1n + a0n*b0n only when both raters are constant
        # and identical.
        degenerate = n * n == (n11 + n10) * (n11 + n01) + (n01 + n00) * (n10 + n00)
        kappa = np.where(degenerate | (n == 0), np.nan, (po - pe) / (1 - pe))
    return kappa, po


def cohen_pairs_compute(table: VoteTable, *, min_shared: int = DEFAULT_MIN_SHARED) -> CohenPairs:
    """Cohen's kappa for every annotator pair with at least ``min_shared`` shared items."""
    n_ann, n_items = len(table.annotators), len(table.items)
    ones = np.ones(len(table.labels))
    pos = sparse.csr_matrix(
        (ones * table.labels, (table.annotator_index, table.item_index)), shape=(n_ann, n_items)
    )
    neg = sparse.csr_matrix(
        (ones * (1 - table.labels), (table.annotator_index, table.item_index)),
        shape=(n_ann, n_items),
    )
    pos.eliminate_zeros()
    neg.eliminate_zeros()
    judged = pos + neg
    shared = sparse.triu(judged @ judged.T, k=1).tocoo()
    keep = shared.data >= min_shared
    rows, cols, n_shared = shared.row[keep], shared.col[keep], shared.data[keep]

    def cell(a, b):
        return np.asarray((a @ b.T)[rows, cols]).ravel() if len(rows) else np.zeros(0)

    n11, n10, n01, n00 = cell(pos, pos), cell(pos, neg), cell(neg, pos), cell(neg, neg)
    kappa, po = _kappa_2x2(n11, n10, n01, n00)
    pairs = []
    for r, c, s, k, a in zip(rows, cols, n_shared, kappa, po, strict=True):
        defined = math.isfinite(k)
        first, second = sorted((table.annotators[r], table.annotators[c]))
        pairs.append(
            CohenPair(
                annotator_a=first,
                annotator_b=second,
                shared=int(s),
                agreement=float(a),
                kappa=float(k) if defined else None,
                reason=None if defined else "both gave one and the same label to every item",
            )
        )
    pairs.sort(key=lambda p: (p.annotator_a, p.annotator_b))
    involved = sorted(set(rows.tolist()) | set(cols.tolist()))
    position = {a: i for i, a in enumerate(involved)}
    matrix: list[list[float | None]] = [[None] * len(involved) for _ in involved]
    for r, c, k in zip(rows, cols, kappa, strict=True):
        value = float(k) if math.isfinite(k) else None
        matrix[position[r]][position[c]] = matrix[position[c]][position[r]] = value
    defined = kappa[np.isfinite(kappa)]
    return CohenPairs(
        min_shared=min_shared,
        pairs=pairs,
        median=float(np.median(defined)) if len(defined) else None,
        minimum=float(defined.min()) if len(defined) else None,
        maximum=float(defined.max()) if len(defined) else None,
        annotators=[table.annotators[a] for a in involved],
        matrix=matrix,
        reason=None if len(pairs) else f"no annotator pair shares {min_shared} or more items",
    )


def agreement_compute(
    judgements: JudgementsLike,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
    min_shared: int = DEFAULT_MIN_SHARED,
) -> Agreement:
    """Every agreement statistic of binary judgements, with seeded bootstrap intervals."""
    table = vote_table_build(judgements)
    counts = agreement_counts_compute(
        table.counts, resamples=resamples, seed=seed, confidence=confidence
    )
    return Agreement(
        items=len(table.items),
        judgements=len(table.labels),
        annotators=len(table.annotators),
        vote_splits=vote_splits_compute(table),
        percent_agreement=counts.percent_agreement,
        fleiss_kappa=counts.fleiss_kappa,
        krippendorff_alpha=counts.krippendorff_alpha,
        gwet_ac1=counts.gwet_ac1,
        positive_rate=counts.positive_rate,
        cohen=cohen_pairs_compute(table, min_shared=min_shared),
        confidence=confidence,
        resamples=resamples,
        seed=seed,
    )


# --- Dawid-Skene -----------------------------------------------------------------------------


def dawid_skene_fit(
    judgements: JudgementsLike, *, max_iterations: int = 200, tol: float = 1e-9
) -> DawidSkene:
    """Two-class Dawid & Skene (1979) EM with a full confusion matrix per annotator.

    Starts, like crowd-kit's ``DawidSkene``, from the majority-vote vote shares (a tie starts at
    0.5), then alternates the M-step (priors and confusion matrices from the posteriors) and
    the E-step (posteriors from them) until the log-likelihood per judgement gains less than
    ``tol``. Confusion cells are floored at 1e-10 before normalising, as crowd-kit does.
    """
    table = vote_table_build(judgements)
    n_items, n_ann = len(table.items), len(table.annotators)
    if not len(table.labels):
        return DawidSkene(np.zeros(0), math.nan, np.zeros((0, 2, 2)), np.zeros(0), 0, True, 0.0)
    item, ann, y = table.item_index, table.annotator_index, table.labels
    posterior = table.counts / table.votes[:, None]
    cell = ann * 2 + y
    log_likelihood = -math.inf
    converged = False
    iterations = 0
    for iterations in range(1, max_iterations + 1):  # noqa: B007 - reported below
        prior = np.clip(posterior.mean(axis=0), _DS_EPS, None)
        confusion = np.empty((n_ann, 2, 2))
        for true in (0, 1):
            mass = np.bincount(cell, weights=posterior[item, true], minlength=n_ann * 2)
            confusion[:, :, true] = mass.reshape(n_ann, 2)
        confusion = np.clip(confusion, _DS_EPS, None)
        confusion /= confusion.sum(axis=1, keepdims=True)
        log_conf = np.log(confusion)
        joint = np.empty((n_items, 2))
        for true in (0, 1):
            joint[:, true] = np.log(prior[true]) + np.bincount(
                item, weights=log_conf[ann, y, true], minlength=n_items
            )
        top = joint.max(axis=1, keepdims=True)
        scaled = np.exp(joint - top)
        total = scaled.sum(axis=1, keepdims=True)
        posterior = scaled / total
        new_ll = float((np.log(total) + top).sum())
        gain = (new_ll - log_likelihood) / len(y)
        log_likelihood = new_ll
        if gain < tol:
            converged = True
            break
    accuracy = np.bincount(ann, weights=posterior[item, y], minlength=n_ann) / np.bincount(
        ann, minlength=n_ann
    )
    return DawidSkene(
        p1=posterior[:, 1],
        prior_p1=float(posterior[:, 1].mean()),
        confusion=confusion,
        accuracy=accuracy,
        iterations=iterations,
        converged=converged,
        log_likelihood=log_likelihood,
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


# --- groups and the whole report -------------------------------------------------------------


def agreement_by_group_compute(
    judgements: JudgementsLike,
    item_attributes: Mapping[str, Mapping[str, str]],
    *,
    keys: Sequence[str] = GROUP_KEYS,
    gold: Mapping[str, int] | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
    min_shared: int = DEFAULT_MIN_SHARED,
    low_posterior: float = DEFAULT_LOW_POSTERIOR,
    thresholds: QualityThresholds = QualityThresholds(),  # noqa: B008 - frozen
) -> dict[str, list[GroupReport]]:
    """The statistics per value of each attribute (``task``, ``category``) of the items.

    Items without a value for a key are left out of that key's groups. Dawid-Skene is fitted
    per group, since an annotator may be reliable on one task and not on another. Each group's
    bootstrap has its own seed derived from ``seed``, so results do not depend on other groups.
    """
    table = vote_table_build(judgements)
    result: dict[str, list[GroupReport]] = {}
    for key_number, key in enumerate(keys):
        values = np.array([str(item_attributes.get(i, {}).get(key) or "") for i in table.items])
        groups = []
        for value_number, value in enumerate(sorted(set(values.tolist()) - {""})):
            part = table.subset(values == value)
            ds = dawid_skene_fit(part)
            group_seed = int(
                np.random.SeedSequence([seed, key_number, value_number]).generate_state(1)[0]
            )
            groups.append(
                GroupReport(
                    key=key,
                    value=value,
                    items=len(part.items),
                    judgements=len(part.labels),
                    agreement=agreement_compute(
                        part,
                        resamples=resamples,
                        seed=group_seed,
                        confidence=confidence,
                        min_shared=min_shared,
                    ),
                    annotators=annotator_quality_compute(
                        part, gold=gold, dawid_skene=ds, thresholds=thresholds
                    ),
                    labels=_label_summary_from_arrays(_gold_arrays(part, ds, gold, low_posterior)),
                )
            )
        if groups:
            result[key] = groups
    return result


def agreement_report_compute(
    judgements: JudgementsLike,
    *,
    gold: Mapping[str, int] | None = None,
    item_attributes: Mapping[str, Mapping[str, str]] | None = None,
    group_keys: Sequence[str] = GROUP_KEYS,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = 0,
    confidence: float = DEFAULT_CONFIDENCE,
    min_shared: int = DEFAULT_MIN_SHARED,
    low_posterior: float = DEFAULT_LOW_POSTERIOR,
    thresholds: QualityThresholds = QualityThresholds(),  # noqa: B008 - frozen
) -> AgreementReport:
    """Agreement, per-annotator quality, gold labels and, given item attributes, per group."""
    if not 0 < confidence < 1:
        raise ApplicationError(f"confidence: {confidence} is not between 0 and 1")
    if resamples < 0:
        raise ApplicationError(f"resamples: {resamples} is negative")
    table = vote_table_build(judgements)
    ds = dawid_skene_fit(table)
    labels = gold_labels_compute(table, gold=gold, dawid_skene=ds, low_posterior=low_posterior)
    groups = {}
    if item_attributes:
        groups = agreement_by_group_compute(
            table,
            item_attributes,
            keys=group_keys,
            gold=gold,
            resamples=resamples,
            seed=seed,
            confidence=confidence,
            min_shared=min_shared,
            low_posterior=low_posterior,
            thresholds=thresholds,
        )
    return AgreementReport(
        agreement=agreement_compute(
            table, resamples=resamples, seed=seed, confidence=confidence, min_shared=min_shared
        ),
        annotators=annotator_quality_compute(
            table, gold=gold, dawid_skene=ds, thresholds=thresholds
        ),
        items=labels,
        labels=label_summary_compute(labels),
        dawid_skene=DawidSkeneSummary(
            iterations=ds.iterations,
            converged=ds.converged,
            prior_p1=ds.prior_p1,
            log_likelihood=ds.log_likelihood,
        ),
        groups=groups,
    )


# --- crowd-label files -----------------------------------------------------------------------


@dataclass(frozen=True)
class LabelFileProblem:
    path: str
    line: int
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.problem}"


@dataclass
class LabelFile:
    judgements: list[Judgement]
    item_attributes: dict[str, dict[str, str]]
    problems: list[LabelFileProblem]


REQUIRED_COLUMNS = ("item", "annotator", "label")
OPTIONAL_COLUMNS = ("seconds", "task", "category")


def _csv_rows(path: Path, name: str, required: Sequence[str], problems: list):
    """Yield (line, row dict) of a CSV file with a header; header problems go to ``problems``."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as error:
        problems.append(LabelFileProblem(name, 0, "(file)", f"cannot be read ({error.strerror})"))
        return
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                problems.append(
                    LabelFileProblem(
                        name, 1, "(header)", f"the file is empty; expected {', '.join(required)}"
                    )
                )
                return
            columns = [c.strip().lower() for c in header]
            missing = [c for c in required if c not in columns]
            if missing:
                problems.append(
                    LabelFileProblem(
                        name,
                        1,
                        "(header)",
                        f"missing column {', '.join(missing)} (found: {', '.join(columns)})",
                    )
                )
                return
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(columns):
                    problems.append(
                        LabelFileProblem(
                            name,
                            reader.line_num,
                            "(line)",
                            f"{len(row)} fields, the header has {len(columns)}",
                        )
                    )
                    continue
                yield reader.line_num, dict(zip(columns, (c.strip() for c in row), strict=True))
        except UnicodeDecodeError:
            problems.append(LabelFileProblem(name, reader.line_num + 1, "(file)", "not UTF-8 text"))
        except csv.Error as error:
            problems.append(LabelFileProblem(name, reader.line_num, "(line)", str(error)))


def _label_value(text: str) -> int | None:
    return {"0": 0, "1": 1}.get(text)


def label_file_read(path, display_name: str | None = None) -> LabelFile:
    """Read a crowd-labels CSV: header with item, annotator, label [, seconds, task, category].

    Every bad row is reported as ``file:line: field: problem``; the caller decides whether to
    go on (the command does not: a statistic over a silently shortened file misleads).
    """
    path = Path(path)
    name = display_name or path.name
    problems: list[LabelFileProblem] = []
    judgements: list[Judgement] = []
    attributes: dict[str, dict[str, str]] = {}
    attribute_lines: dict[tuple[str, str], int] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, row in _csv_rows(path, name, REQUIRED_COLUMNS, problems):
        before = len(problems)

        def bad(column, problem, line=line):
            problems.append(LabelFileProblem(name, line, column, problem))

        item, annotator, label_text = row["item"], row["annotator"], row["label"]
        if not item:
            bad("item", "empty")
        if not annotator:
            bad("annotator", "empty")
        label = _label_value(label_text)
        if label is None:
            bad("label", f"{label_text!r} is not 0 or 1")
        seconds = None
        if row.get("seconds"):
            try:
                seconds = float(row["seconds"])
            except ValueError:
                seconds = math.nan
            if not math.isfinite(seconds) or seconds < 0:
                bad("seconds", f"{row['seconds']!r} is not a number of seconds >= 0")
        if item and annotator:
            first = seen.get((item, annotator))
            if first is not None:
                bad("annotator", f"{annotator!r} already labelled item {item!r} on line {first}")
            else:
                seen[(item, annotator)] = line
        for column in ("task", "category"):
            value = row.get(column)
            if item and value:
                known = attributes.setdefault(item, {}).get(column)
                if known is None:
                    attributes[item][column] = value
                    attribute_lines[(item, column)] = line
                elif known != value:
                    bad(
                        column,
                        f"item {item!r} has {column} {known!r} on line "
                        f"{attribute_lines[(item, column)]}, here {value!r}",
                    )
        if len(problems) == before:
            judgements.append(Judgement(item, annotator, label, seconds))
    return LabelFile(judgements=judgements, item_attributes=attributes, problems=problems)


def gold_file_read(path, display_name: str | None = None):
    """Control-item answers from a CSV with columns item, label: ``({item: label}, problems)``."""
    path = Path(path)
    name = display_name or path.name
    problems: list[LabelFileProblem] = []
    gold: dict[str, int] = {}
    lines: dict[str, int] = {}
    for line, row in _csv_rows(path, name, ("item", "label"), problems):
        label = _label_value(row["label"])
        if not row["item"]:
            problems.append(LabelFileProblem(name, line, "item", "empty"))
        elif label is None:
            problems.append(
                LabelFileProblem(name, line, "label", f"{row['label']!r} is not 0 or 1")
            )
        elif row["item"] in gold and gold[row["item"]] != label:
            problems.append(
                LabelFileProblem(
                    name,
                    line,
                    "label",
                    f"item {row['item']!r} has another answer on line {lines[row['item']]}",
                )
            )
        else:
            gold[row["item"]] = label
            lines.setdefault(row["item"], line)
    return gold, problems
