"""The paper's step-product scoring, as pure functions over vectors.

A step that needs a purchase gets, for each candidate product, the AVERAGE cosine similarity
between the step's embedding and the embeddings of the product's intentions; the top 3
products with a score >= 0.45 are kept (SPEC.md section 3). With unit vectors,
mean_i(s . v_i) = s . mean_i(v_i), so each product is stored as one (unnormalised) mean vector
and a score is one inner product: an exact inner-product search (faiss ``IndexFlatIP``).

Ties are broken by the lower product row (rows are in product-id order), so results are the
same whatever the block sizes: faiss's heaps compare (score, id) pairs, and the numpy path
sorts the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

import faiss
import numpy as np

TOP_K = 3  # the paper keeps the top 3 products per step ...
THRESHOLD = 0.45  # ... whose score is at least 0.45
PRODUCT_BLOCK = 65_536  # product vectors per faiss index: bounds memory for huge categories


def intention_vector(intention_vectors: np.ndarray) -> np.ndarray:
    """The product's vector for the intention method: the mean of its intentions' unit
    vectors. Deliberately not normalised again: the dot product with a unit step vector must
    equal the average cosine, not the cosine to the centroid."""
    vectors = np.asarray(intention_vectors, dtype=np.float32)
    if vectors.ndim != 2 or len(vectors) == 0:
        raise ValueError("a product needs at least one intention vector")
    return vectors.mean(axis=0, dtype=np.float64).astype(np.float32)


Match = tuple[int, float]  # (product row, score)


def _keep(rows: np.ndarray, scores: np.ndarray, k: int, threshold: float) -> list[Match]:
    """Rows and scores of one step's best candidates -> the kept matches, best first."""
    keep = scores >= np.float32(threshold)
    rows, scores = rows[keep], scores[keep]
    order = np.lexsort((rows, -scores))[:k]
    return [(int(rows[i]), float(scores[i])) for i in order]


def _keep_many(rows: np.ndarray, scores: np.ndarray, k: int, threshold: float) -> list[list[Match]]:
    """``_keep`` for every row of (steps, candidates) arrays at once: the same filter and the
    same (score desc, row asc) order, sorted in one numpy call instead of one per step: with
    20,000 steps against 10,000 products the per-step calls added about 8% to faiss's own
    search time, this about 2% (bench/alignment.py)."""
    invalid = ~(scores >= np.float32(threshold))
    # lexsort's last key is the primary one: entries under the threshold go last.
    order = np.lexsort((rows, -scores, invalid), axis=-1)[:, :k]
    best_rows = np.take_along_axis(rows, order, axis=1).tolist()
    best_scores = np.take_along_axis(scores, order, axis=1).tolist()
    counts = np.minimum((~invalid).sum(axis=1), k).tolist()
    return [
        list(zip(r[:n], s[:n], strict=True))
        for r, s, n in zip(best_rows, best_scores, counts, strict=True)
    ]


def top_matches(
    step_vectors: np.ndarray,
    product_vectors: np.ndarray,
    *,
    k: int = TOP_K,
    threshold: float = THRESHOLD,
    candidate_rows: Sequence[np.ndarray | None] | None = None,
    product_block: int = PRODUCT_BLOCK,
) -> list[list[Match]]:
    """For each step, up to ``k`` (product row, score) pairs with score >= ``threshold``,
    best first. ``candidate_rows[i]`` narrows step i to those product rows (None: all rows)."""
    steps = np.ascontiguousarray(step_vectors, dtype=np.float32)
    products = np.ascontiguousarray(product_vectors, dtype=np.float32)
    n_steps, n_products = len(steps), len(products)
    if candidate_rows is None:
        candidate_rows = [None] * n_steps
    if len(candidate_rows) != n_steps:
        raise ValueError("candidate_rows needs one entry per step")
    results: list[list[Match]] = [[] for _ in range(n_steps)]
    if n_products == 0 or n_steps == 0 or k < 1:
        return results

    whole = [i for i, rows in enumerate(candidate_rows) if rows is None]
    if len(whole) == n_steps:  # nothing narrowed: no copy of the step matrix
        return _search_all(steps, products, k, threshold, product_block)
    if whole:
        for i, matches in zip(
            whole, _search_all(steps[whole], products, k, threshold, product_block), strict=True
        ):
            results[i] = matches
    for i, rows in enumerate(candidate_rows):
        if rows is None:
            continue
        rows = np.unique(np.asarray(rows, dtype=np.int64))
        if len(rows) == 0:
            continue
        scores = products[rows] @ steps[i]
        if len(rows) > k:
            # Everything tied with the k-th best stays in, so the tie-break below is exact.
            kth = np.partition(scores, len(rows) - k)[len(rows) - k]
            close = scores >= kth
            rows, scores = rows[close], scores[close]
        results[i] = _keep(rows, scores, k, threshold)
    return results


def _search_all(steps, products, k, threshold, product_block) -> list[list[Match]]:
    """Exact inner-product top-k over all product rows, one faiss index per block of products,
    merged across blocks."""
    best_rows: list[np.ndarray] = []
    best_scores: list[np.ndarray] = []
    for start in range(0, len(products), product_block):
        block = products[start : start + product_block]
        index = faiss.IndexFlatIP(block.shape[1])
        index.add(block)
        scores, rows = index.search(steps, min(k, len(block)))
        best_rows.append(rows.astype(np.int64) + start)
        best_scores.append(scores)
    rows = np.concatenate(best_rows, axis=1)
    scores = np.concatenate(best_scores, axis=1)
    return _keep_many(rows, scores, k, threshold)
