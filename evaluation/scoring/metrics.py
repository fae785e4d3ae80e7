"""Metrics for binary-task predictions, with bootstrap confidence intervals.

Per task: accuracy (the headline, SPEC.md section 3), macro-F1 over the two classes, AUC when
scores are given, the same per category, 95% percentile bootstrap intervals for each, and a
paired comparison with another submission on the same items (the current leader). Everything
is plain numpy; results are dataclasses whose `to_dict()` is JSON-safe (no NaN: an undefined
value is None with a `reason`).

Why the bootstrap is fast (issue 7 item 7: 1,000,000 items x 3 tasks x 1,000 resamples in 10 s):
resampling n items with replacement and counting them into cells (the 4 cells of a confusion
matrix, or the 4 cells "both right / only A / only B / neither" of a paired comparison) gives
cell counts that are exactly Multinomial(n, observed cell proportions). Accuracy, macro-F1 and
the paired accuracy difference depend on the resample only through those counts, so 1,000
multinomial draws of 4 cells replace 1,000 x n index draws with the *same* distribution.

AUC depends on the order of the scores, so its cells are (score block, class): the items sorted
by score are cut into at most `AUC_BLOCKS` blocks of consecutive ranks, never splitting a run
of tied scores. When there are no more distinct scores than blocks, every block is one tied
score and the resampled AUC is exact: positives in a higher block beat every negative below,
pairs in the same block count one half (sklearn's tie rule). Otherwise pairs across blocks are
still counted exactly and a pair inside one block counts the block's observed within-block
AUC, which is its expected value given the block's resampled class counts; only the variance
of the within-block order (about 1/AUC_BLOCKS of all pairs) is left out. Each resample is then
one multinomial draw over 2 x blocks cells and a cumulative sum, memory bounded by
`_CHUNK` x blocks and independent of n.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

SCORER_VERSION = "1.0.0"

DEFAULT_RESAMPLES = 1000
DEFAULT_CONFIDENCE = 0.95
DEFAULT_SEED = 0
# Blocks for the AUC bootstrap over a whole task and within one category (see module doc).
AUC_BLOCKS = 1024
AUC_BLOCKS_CATEGORY = 256
# Resamples drawn at a time: bounds the (chunk x cells) arrays whatever `resamples` is.
_CHUNK = 250

BOOTSTRAP_METHOD = (
    "percentile bootstrap over items (confusion and paired cells drawn as multinomial counts; "
    "AUC from multinomial counts over (score block, class) cells); categories resampled "
    "within the category"
)

# Confusion cells, in this order everywhere: gold 1 & predicted 1, gold 1 & predicted 0,
# gold 0 & predicted 1, gold 0 & predicted 0.
_TP, _FN, _FP, _TN = range(4)
# Paired cells: both right, only A right, only B right, neither.
_BOTH, _ONLY_A, _ONLY_B, _NEITHER = range(4)

# Random streams, so that each interval has its own reproducible draws whatever else is asked.
_STREAM_CONFUSION, _STREAM_AUC, _STREAM_PAIRED, _STREAM_BANDS = range(4)


# ---------------------------------------------------------------------------------------------
# Result types


def _json_clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _json_clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_clean(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


class _JsonMixin:
    def to_dict(self) -> dict:
        return _json_clean(asdict(self))


@dataclass
class Estimate(_JsonMixin):
    """A metric with its confidence interval; `reason` says why a None is None."""

    value: float | None
    ci_low: float | None = None
    ci_high: float | None = None
    reason: str | None = None


@dataclass
class CategoryScore(_JsonMixin):
    category: str
    n: int
    n_positive: int
    accuracy: Estimate
    macro_f1: Estimate
    auc: Estimate


@dataclass
class PairedComparison(_JsonMixin):
    """Submission A against submission B on the same items; difference = accuracy A - B."""

    n: int
    both_correct: int
    only_a_correct: int
    only_b_correct: int
    neither_correct: int
    accuracy_a: float
    accuracy_b: float
    difference: Estimate
    # Two-sided bootstrap p-value for "no difference" (see paired_compare).
    bootstrap_p_value: float
    mcnemar_statistic: float | None
    mcnemar_p_value: float | None
    mcnemar_reason: str | None
    resamples: int
    seed: int
    confidence: float
    scorer_version: str = SCORER_VERSION


@dataclass
class TaskScore(_JsonMixin):
    task: str
    n: int
    n_positive: int
    accuracy: Estimate
    macro_f1: Estimate
    auc: Estimate
    by_category: list[CategoryScore]
    vs_leader: PairedComparison | None
    resamples: int
    seed: int
    confidence: float
    bootstrap_method: str = BOOTSTRAP_METHOD
    scorer_version: str = SCORER_VERSION


@dataclass
class SubmissionScore(_JsonMixin):
    tasks: dict[str, TaskScore]
    # Mean of the task accuracies: the leaderboard's sort key.
    mean_accuracy: float
    scorer_version: str = SCORER_VERSION


@dataclass
class TaskGold:
    """Gold labels of one task's test items (0/1), with each item's category if known.

    `categories` holds names (any values np.unique can sort), or integer codes into
    `category_names`, which is faster for large tasks.
    """

    labels: Any
    categories: Any = None
    category_names: Sequence[str] | None = None


@dataclass
class MeanAccuracyComparison(_JsonMixin):
    """Paired bootstrap of the difference in mean task accuracy (A - B) over common tasks."""

    tasks: list[str]
    difference: Estimate
    bootstrap_p_value: float


@dataclass
class RankedEntry(_JsonMixin):
    key: str
    mean_accuracy: float
    band: int
    band_leader: str
    # The band leader against this entry; None for the leader itself.
    vs_band_leader: MeanAccuracyComparison | None


@dataclass
class RankBands(_JsonMixin):
    entries: list[RankedEntry]
    alpha: float
    method: str
    scorer_version: str = SCORER_VERSION


# ---------------------------------------------------------------------------------------------
# Small helpers


def _rng(seed: int, *stream: int) -> np.random.Generator:
    return np.random.default_rng(np.random.SeedSequence([int(seed), *stream]))


def _key_stream(text: str) -> int:
    return zlib.crc32(str(text).encode("utf-8"))


def _binary_array(values: Any, what: str) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{what} must be one-dimensional")
    if array.dtype == bool:
        return array.astype(np.int8)
    if array.size and not np.isin(array, (0, 1)).all():
        raise ValueError(f"{what} must hold only 0 and 1")
    return array.astype(np.int8)


def _percentile_interval(
    samples: np.ndarray, confidence: float, undefined_reason: str
) -> tuple[float | None, float | None, str | None]:
    """Percentile interval of the defined resamples.

    Resamples where the metric is undefined (e.g. AUC of a resample with one class) are
    dropped; when they are half or more, the interval would describe a different population
    and is withheld.
    """
    defined = samples[np.isfinite(samples)]
    if defined.size == 0 or defined.size * 2 <= samples.size:
        return None, None, undefined_reason
    tail = (1.0 - confidence) / 2.0 * 100.0
    low, high = np.percentile(defined, [tail, 100.0 - tail])
    return float(low), float(high), None


def _draw_chunks(total: int) -> list[int]:
    return [min(_CHUNK, total - start) for start in range(0, total, _CHUNK)]


# ---------------------------------------------------------------------------------------------
# Accuracy and macro-F1 from confusion cells


def _accuracy_f1(cells: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Accuracy and macro-F1 from confusion cell counts (last axis: TP, FN, FP, TN).

    Macro-F1 averages the F1 of the classes that occur in the gold or the predictions, which
    is what sklearn's f1_score(average="macro") does; a class that occurs in neither has no
    F1 (0/0) and is left out of the mean.
    """
    cells = np.asarray(cells, dtype=np.float64)
    tp, fn, fp, tn = cells[..., _TP], cells[..., _FN], cells[..., _FP], cells[..., _TN]
    n = tp + fn + fp + tn
    with np.errstate(invalid="ignore", divide="ignore"):
        accuracy = (tp + tn) / n
        den_1 = 2 * tp + fp + fn
        den_0 = 2 * tn + fn + fp
        f1_1 = np.where(den_1 > 0, 2 * tp / np.where(den_1 > 0, den_1, 1), 0.0)
        f1_0 = np.where(den_0 > 0, 2 * tn / np.where(den_0 > 0, den_0, 1), 0.0)
        classes = (den_1 > 0).astype(np.float64) + (den_0 > 0)
        macro = (f1_1 + f1_0) / classes
    return accuracy, macro


def _confusion_cells(gold: np.ndarray, predicted: np.ndarray) -> np.ndarray:
    cell = 2 * (1 - gold.astype(np.int64)) + (1 - predicted.astype(np.int64))
    return np.bincount(cell, minlength=4)


def _accuracy_f1_estimates(
    cells: np.ndarray, resamples: int, confidence: float, rng: np.random.Generator
) -> tuple[Estimate, Estimate]:
    n = int(cells.sum())
    accuracy, macro = _accuracy_f1(cells)
    # Exactly the distribution of the confusion cells of n items drawn with replacement.
    draws = rng.multinomial(n, cells / n, size=resamples)
    boot_accuracy, boot_macro = _accuracy_f1(draws)
    reason = "undefined in too many resamples"
    return (
        Estimate(float(accuracy), *_percentile_interval(boot_accuracy, confidence, reason)),
        Estimate(float(macro), *_percentile_interval(boot_macro, confidence, reason)),
    )


# ---------------------------------------------------------------------------------------------
# AUC


@dataclass
class _AucBlocks:
    positives: np.ndarray  # per block
    negatives: np.ndarray
    within: np.ndarray  # observed AUC of the pairs inside each block (0.5 when all tied)
    auc: float | None


def _auc_blocks(sorted_scores: np.ndarray, sorted_gold: np.ndarray, max_blocks: int) -> _AucBlocks:
    """Group items sorted by score into tie groups, then into at most `max_blocks` blocks."""
    n = sorted_scores.size
    starts = np.flatnonzero(np.r_[True, sorted_scores[1:] != sorted_scores[:-1]])
    positives = np.add.reduceat(sorted_gold.astype(np.int64), starts)
    negatives = np.diff(np.r_[starts, n]) - positives
    # Negatives strictly below each tie group: a positive beats them, ties count one half.
    negatives_below = np.cumsum(negatives) - negatives
    total_pos, total_neg = int(positives.sum()), int(negatives.sum())
    auc = None
    if total_pos and total_neg:
        wins = float(positives @ negatives_below) + 0.5 * float(positives @ negatives)
        auc = wins / (float(total_pos) * float(total_neg))
    if starts.size <= max_blocks:
        return _AucBlocks(positives, negatives, np.full(starts.size, 0.5), auc)
    # Cut at tie-group starts into blocks of about n / max_blocks items.
    raw_block = starts * max_blocks // n
    block = np.cumsum(np.r_[0, raw_block[1:] != raw_block[:-1]])
    block_pos = np.bincount(block, weights=positives)
    block_neg = np.bincount(block, weights=negatives)
    block_neg_start = (np.cumsum(block_neg) - block_neg)[block]
    wins_inside = positives * (negatives_below - block_neg_start) + 0.5 * positives * negatives
    pairs = block_pos * block_neg
    within = np.divide(
        np.bincount(block, weights=wins_inside),
        pairs,
        out=np.full(pairs.size, 0.5),
        where=pairs > 0,
    )
    return _AucBlocks(block_pos.astype(np.int64), block_neg.astype(np.int64), within, auc)


def _auc_resamples(blocks: _AucBlocks, resamples: int, rng: np.random.Generator) -> np.ndarray:
    k = blocks.positives.size
    n = int(blocks.positives.sum() + blocks.negatives.sum())
    proportions = np.concatenate([blocks.positives, blocks.negatives]) / n
    out = np.empty(resamples)
    done = 0
    for size in _draw_chunks(resamples):
        draws = rng.multinomial(n, proportions, size=size)
        pos, neg = draws[:, :k], draws[:, k:]
        neg_below = np.cumsum(neg, axis=1) - neg
        wins = (pos * neg_below).sum(axis=1) + (pos * neg * blocks.within).sum(axis=1)
        pairs = pos.sum(axis=1).astype(np.float64) * neg.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[done : done + size] = np.where(pairs > 0, wins / pairs, np.nan)
        done += size
    return out


def _auc_estimate(
    sorted_scores: np.ndarray,
    sorted_gold: np.ndarray,
    max_blocks: int,
    resamples: int,
    confidence: float,
    rng: np.random.Generator,
) -> Estimate:
    blocks = _auc_blocks(sorted_scores, sorted_gold, max_blocks)
    if blocks.auc is None:
        return Estimate(None, reason="only one class in the gold labels")
    samples = _auc_resamples(blocks, resamples, rng)
    return Estimate(
        blocks.auc,
        *_percentile_interval(samples, confidence, "too few items of one class to resample"),
    )


def auc_score(gold: Any, scores: Any) -> float | None:
    """Rank AUC (Mann-Whitney, ties count one half); None when one class is absent."""
    gold = _binary_array(gold, "gold")
    scores = np.asarray(scores, dtype=np.float64)
    order = np.argsort(scores, kind="stable")
    return _auc_blocks(scores[order], gold[order], max_blocks=0).auc


# ---------------------------------------------------------------------------------------------
# Paired comparison


def _paired_cells(correct_a: np.ndarray, correct_b: np.ndarray) -> np.ndarray:
    cell = 2 * (1 - correct_a.astype(np.int64)) + (1 - correct_b.astype(np.int64))
    return np.bincount(cell, minlength=4)


def _two_sided_p(differences: np.ndarray) -> float:
    """Bootstrap p-value for "difference = 0": twice the smaller share of resamples on either
    side of 0 (ties counted on both sides), i.e. the smallest alpha whose percentile interval
    leaves out 0. The +1s keep it above 0 with a finite number of resamples."""
    below = int((differences <= 0).sum())
    above = int((differences >= 0).sum())
    return min(1.0, 2.0 * (min(below, above) + 1) / (differences.size + 1))


def _mcnemar(only_a: int, only_b: int) -> tuple[float | None, float | None, str | None]:
    """McNemar's chi-square test with continuity correction, as statsmodels'
    mcnemar(exact=False, correction=True): (|b - c| - 1)^2 / (b + c) on 1 degree of freedom."""
    discordant = only_a + only_b
    if discordant == 0:
        return None, None, "the two submissions are right on exactly the same items"
    statistic = (abs(only_a - only_b) - 1.0) ** 2 / discordant
    # The chi-square survival function with 1 degree of freedom is erfc(sqrt(x / 2)); this
    # avoids importing scipy.stats (about a second) for one number.
    return float(statistic), math.erfc(math.sqrt(statistic / 2.0)), None


def paired_compare(
    correct_a: Any,
    correct_b: Any,
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = DEFAULT_CONFIDENCE,
    stream: int = 0,
) -> PairedComparison:
    """Compare two submissions item by item (per-item correctness, same items, same order).

    The difference in accuracy is resampled through the 4 paired cells (multinomial, exact
    for the paired bootstrap over items); McNemar's test is reported beside it.
    """
    a = _binary_array(correct_a, "correct_a")
    b = _binary_array(correct_b, "correct_b")
    if a.size != b.size or a.size == 0:
        raise ValueError("a paired comparison needs the same, non-empty set of items")
    cells = _paired_cells(a, b)
    n = int(a.size)
    difference = (int(cells[_ONLY_A]) - int(cells[_ONLY_B])) / n
    draws = _rng(seed, _STREAM_PAIRED, stream).multinomial(n, cells / n, size=resamples)
    boot = (draws[:, _ONLY_A] - draws[:, _ONLY_B]) / n
    statistic, p_value, reason = _mcnemar(int(cells[_ONLY_A]), int(cells[_ONLY_B]))
    return PairedComparison(
        n=n,
        both_correct=int(cells[_BOTH]),
        only_a_correct=int(cells[_ONLY_A]),
        only_b_correct=int(cells[_ONLY_B]),
        neither_correct=int(cells[_NEITHER]),
        accuracy_a=(int(cells[_BOTH]) + int(cells[_ONLY_A])) / n,
        accuracy_b=(int(cells[_BOTH]) + int(cells[_ONLY_B])) / n,
        difference=Estimate(difference, *_percentile_interval(boot, confidence, "")),
        bootstrap_p_value=_two_sided_p(boot),
        mcnemar_statistic=statistic,
        mcnemar_p_value=p_value,
        mcnemar_reason=reason,
        resamples=resamples,
        seed=seed,
        confidence=confidence,
    )


# ---------------------------------------------------------------------------------------------
# One task, one submission


def _category_codes(gold: TaskGold, n: int) -> tuple[np.ndarray, list[str]] | None:
    if gold.categories is None:
        return None
    values = np.asarray(gold.categories)
    if values.shape != (n,):
        raise ValueError("categories must give one category per gold label")
    if gold.category_names is not None:
        names = [str(name) for name in gold.category_names]
        codes = values.astype(np.int64)
        if codes.size and (codes.min() < 0 or codes.max() >= len(names)):
            raise ValueError("category codes must index category_names")
        return codes, names
    names, codes = np.unique(values, return_inverse=True)
    return codes.astype(np.int64), [str(name) for name in names]


def task_score(
    gold: TaskGold | Any,
    predicted: Any,
    *,
    scores: Any = None,
    leader_predicted: Any = None,
    task: str = "",
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = DEFAULT_CONFIDENCE,
    auc_blocks: int = AUC_BLOCKS,
    auc_blocks_category: int = AUC_BLOCKS_CATEGORY,
) -> TaskScore:
    """Score one task's predictions (aligned with the gold labels) with bootstrap intervals.

    `gold` is a TaskGold, or just the gold labels. `scores` (probability of label 1) adds
    AUC. `leader_predicted` (the leader's labels on the same items) adds `vs_leader`, the
    paired comparison of this submission (A) with the leader (B).
    """
    if not isinstance(gold, TaskGold):
        gold = TaskGold(labels=gold)
    if resamples < 1:
        raise ValueError("resamples must be at least 1")
    labels = _binary_array(gold.labels, "gold labels")
    predicted = _binary_array(predicted, "predicted labels")
    n = labels.size
    if n == 0 or predicted.size != n:
        raise ValueError("predictions must align one to one with a non-empty gold set")
    if scores is not None:
        scores = np.asarray(scores, dtype=np.float64)
        if scores.shape != (n,) or not np.isfinite(scores).all():
            raise ValueError("scores must be finite and align with the gold labels")
    stream = _key_stream(task)
    confusion_rng = _rng(seed, _STREAM_CONFUSION, stream)
    auc_rng = _rng(seed, _STREAM_AUC, stream)

    cells = _confusion_cells(labels, predicted)
    accuracy, macro_f1 = _accuracy_f1_estimates(cells, resamples, confidence, confusion_rng)

    no_scores = Estimate(None, reason="no scores were given")
    auc = no_scores
    order = None
    if scores is not None:
        order = np.argsort(scores, kind="stable")
        auc = _auc_estimate(
            scores[order], labels[order], auc_blocks, resamples, confidence, auc_rng
        )

    by_category: list[CategoryScore] = []
    coded = _category_codes(gold, n)
    if coded is not None:
        codes, names = coded
        # Categories are resampled within themselves (their size fixed), so each interval
        # describes that category's items, not the luck of how many were drawn.
        category_cells = np.bincount(
            codes * 4 + 2 * (1 - labels.astype(np.int64)) + (1 - predicted.astype(np.int64)),
            minlength=4 * len(names),
        ).reshape(len(names), 4)
        if order is not None:
            # Items by category, by score inside each: one stable sort of the score order.
            by_cat_order = order[np.argsort(codes[order], kind="stable")]
            bounds = np.r_[0, np.cumsum(np.bincount(codes, minlength=len(names)))]
        for index, name in enumerate(names):
            cat_cells = category_cells[index]
            size = int(cat_cells.sum())
            if size == 0:
                continue
            cat_stream = _key_stream(name)
            cat_accuracy, cat_f1 = _accuracy_f1_estimates(
                cat_cells,
                resamples,
                confidence,
                _rng(seed, _STREAM_CONFUSION, stream, cat_stream),
            )
            cat_auc = no_scores
            if order is not None:
                members = by_cat_order[bounds[index] : bounds[index + 1]]
                cat_auc = _auc_estimate(
                    scores[members],
                    labels[members],
                    auc_blocks_category,
                    resamples,
                    confidence,
                    _rng(seed, _STREAM_AUC, stream, cat_stream),
                )
            by_category.append(
                CategoryScore(
                    category=name,
                    n=size,
                    n_positive=int(cat_cells[_TP] + cat_cells[_FN]),
                    accuracy=cat_accuracy,
                    macro_f1=cat_f1,
                    auc=cat_auc,
                )
            )

    vs_leader = None
    if leader_predicted is not None:
        leader = _binary_array(leader_predicted, "leader predictions")
        if leader.size != n:
            raise ValueError("the leader's predictions must align with the gold labels")
        vs_leader = paired_compare(
            predicted == labels,
            leader == labels,
            resamples=resamples,
            seed=seed,
            confidence=confidence,
            stream=stream,
        )

    return TaskScore(
        task=task,
        n=n,
        n_positive=int(cells[_TP] + cells[_FN]),
        accuracy=accuracy,
        macro_f1=macro_f1,
        auc=auc,
        by_category=by_category,
        vs_leader=vs_leader,
        resamples=resamples,
        seed=seed,
        confidence=confidence,
    )


def _field(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def submission_score(
    gold: Mapping[str, TaskGold],
    predictions: Mapping[str, Any],
    *,
    leader: Mapping[str, Any] | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = DEFAULT_CONFIDENCE,
) -> SubmissionScore:
    """Score every task of a submission.

    `predictions[task]` has `labels` and optionally `scores` (attributes or keys), aligned
    with `gold[task].labels` (predictions.PredictionsResult.predictions is such a mapping).
    `leader[task]` is the leader's predicted labels for the paired comparison.
    """
    tasks: dict[str, TaskScore] = {}
    for task in sorted(predictions):
        if task not in gold:
            raise ValueError(f"no gold labels for task {task!r}")
        leader_labels = None
        if leader is not None and task in leader:
            leader_labels = _field(leader[task], "labels", leader[task])
        tasks[task] = task_score(
            gold[task],
            _field(predictions[task], "labels"),
            scores=_field(predictions[task], "scores"),
            leader_predicted=leader_labels,
            task=task,
            resamples=resamples,
            seed=seed,
            confidence=confidence,
        )
    if not tasks:
        raise ValueError("a submission needs predictions for at least one task")
    mean = sum(score.accuracy.value for score in tasks.values()) / len(tasks)
    return SubmissionScore(tasks=tasks, mean_accuracy=mean)


# ---------------------------------------------------------------------------------------------
# Leaderboard rank bands


def _correct_by_task(entry: Any) -> dict[str, np.ndarray]:
    correct = _field(entry, "correct")
    if correct is None:
        raise ValueError("each entry needs its per-item correctness ('correct')")
    if not isinstance(correct, Mapping):
        correct = {"": correct}
    return {task: _binary_array(values, "correct") for task, values in correct.items()}


def mean_accuracy_compare(
    correct_a: Mapping[str, Any],
    correct_b: Mapping[str, Any],
    *,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    confidence: float = DEFAULT_CONFIDENCE,
    stream: int = 0,
) -> MeanAccuracyComparison:
    """Paired bootstrap of mean-over-tasks accuracy A - B: each task's 4 paired cells are
    drawn as a multinomial of that task's size (items resampled within their task)."""
    a = {task: _binary_array(v, "correct") for task, v in correct_a.items()}
    b = {task: _binary_array(v, "correct") for task, v in correct_b.items()}
    if set(a) != set(b) or not a:
        raise ValueError("both entries need correctness for the same tasks")
    rng = _rng(seed, _STREAM_BANDS, stream)
    tasks = sorted(a)
    observed = 0.0
    boot = np.zeros(resamples)
    for task in tasks:
        if a[task].size != b[task].size or a[task].size == 0:
            raise ValueError(f"task {task!r}: both entries need the same, non-empty items")
        cells = _paired_cells(a[task], b[task])
        n = a[task].size
        observed += (int(cells[_ONLY_A]) - int(cells[_ONLY_B])) / n
        draws = rng.multinomial(n, cells / n, size=resamples)
        boot += (draws[:, _ONLY_A] - draws[:, _ONLY_B]) / n
    observed /= len(tasks)
    boot /= len(tasks)
    return MeanAccuracyComparison(
        tasks=tasks,
        difference=Estimate(observed, *_percentile_interval(boot, confidence, "")),
        bootstrap_p_value=_two_sided_p(boot),
    )


def rank_bands(
    entries: Sequence[Any],
    *,
    alpha: float = 0.05,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    compare: Callable[[Any, Any], float] | None = None,
) -> RankBands:
    """Group leaderboard entries into rank bands.

    Each entry has `key` and `correct` ({task: per-item correctness}, or one array), as
    attributes or keys. Entries are ordered by mean task accuracy (highest first, ties kept in
    the given order). The first entry leads band 1; each next entry joins the current band
    when it is statistically indistinguishable from that band's leader (paired bootstrap
    p-value of the mean-accuracy difference >= alpha), and otherwise leads a new band.
    `compare(leader, entry)` may supply the p-value instead (e.g. from stored comparisons).
    No correction for multiple comparisons is made: a band says "not shown to differ from
    its leader", not "equal".
    """
    prepared = []
    for entry in entries:
        correct = _correct_by_task(entry)
        mean = float(np.mean([values.mean() for values in correct.values()]))
        prepared.append((str(_field(entry, "key")), mean, correct, entry))
    order = sorted(range(len(prepared)), key=lambda i: -prepared[i][1])
    ranked: list[RankedEntry] = []
    band = 0
    leader = None
    for i in order:
        key, mean, correct, entry = prepared[i]
        comparison = None
        joins = False
        if leader is not None:
            leader_key, _, leader_correct, leader_entry = leader
            comparison = mean_accuracy_compare(
                leader_correct,
                correct,
                resamples=resamples,
                seed=seed,
                stream=_key_stream(f"{leader_key}\0{key}"),
            )
            p_value = (
                compare(leader_entry, entry)
                if compare is not None
                else comparison.bootstrap_p_value
            )
            joins = p_value >= alpha
        if not joins:
            band += 1
            leader = (key, mean, correct, entry)
            comparison = None
        ranked.append(
            RankedEntry(
                key=key,
                mean_accuracy=mean,
                band=band,
                band_leader=leader[0],
                vs_band_leader=comparison,
            )
        )
    return RankBands(
        entries=ranked,
        alpha=alpha,
        method="paired bootstrap of the mean task accuracy against the band leader",
    )


__all__ = [
    "SCORER_VERSION",
    "CategoryScore",
    "Estimate",
    "MeanAccuracyComparison",
    "PairedComparison",
    "RankBands",
    "RankedEntry",
    "SubmissionScore",
    "TaskGold",
    "TaskScore",
    "auc_score",
    "mean_accuracy_compare",
    "paired_compare",
    "rank_bands",
    "submission_score",
    "task_score",
]
