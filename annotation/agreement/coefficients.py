"""Agreement coefficients from count tables: percent agreement, Fleiss' kappa, Krippendorff's alpha
(nominal), Gwet's AC1 and the positive rate with bootstrap intervals over items; vote splits and
pairwise Cohen's kappa."""

from __future__ import annotations

import math

import numpy as np
from scipy import sparse

from accounts.errors import ApplicationError
from annotation.agreement.results import (
    Agreement,
    CohenPair,
    CohenPairs,
    CountAgreement,
    Estimate,
    VoteSplit,
    VoteSplits,
)
from annotation.agreement.votes import (
    DEFAULT_CONFIDENCE,
    DEFAULT_MIN_SHARED,
    DEFAULT_RESAMPLES,
    NO_JUDGEMENTS,
    NO_PAIRS,
    ONE_LABEL,
    JudgementsLike,
    VoteTable,
    vote_table_build,
)

# --- coefficients from count tables ----------------------------------------------------------

# A bootstrap interval needs the statistic defined in most resamples to mean anything.
_MIN_DEFINED_SHARE = 0.5
# Resample weights are built in blocks of about this many cells (8 bytes each) so that memory
# stays bounded for large campaigns.
_BOOTSTRAP_BLOCK_CELLS = 2_000_000


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
