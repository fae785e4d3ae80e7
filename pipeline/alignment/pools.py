"""Candidate pools: the product vectors a step is scored against, loaded once per process.

A pool is every product of a category (or of the whole catalogue) that has both an intention
vector and a title vector for the embedding model, in product-id order, with a small inverted
index of title and feature words for keyword narrowing. Pools are cached and reloaded only when
the category's vectors change (their count or latest update moves).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count, Max

from pipeline.models import Product, ProductVector

from .store import vector_from_bytes

WORD = re.compile(r"[a-z0-9]+")
POOL_CACHE_SIZE = 8  # categories kept in memory per process


def words(text: str) -> list[str]:
    """Lower-case words with a plural 's' dropped, so "chairs" finds "chair"."""
    out = []
    for word in WORD.findall(text.lower()):
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return out


@dataclass
class Pool:
    product_ids: np.ndarray
    intention: np.ndarray  # (n, dim) mean intention vectors
    title: np.ndarray  # (n, dim) unit title vectors
    index: dict[str, np.ndarray] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.product_ids)

    def keyword_rows(self, keywords: list[str]) -> np.ndarray | None:
        """Rows whose title or features contain every word of at least one keyword; None when
        no keyword has a usable word (the caller then does not narrow)."""
        found: list[np.ndarray] = []
        usable = False
        for keyword in keywords:
            parts = [w for w in words(keyword) if len(w) > 1]
            if not parts:
                continue
            usable = True
            rows = None
            for part in parts:
                hit = self.index.get(part)
                if hit is None:
                    rows = None
                    break
                rows = hit if rows is None else np.intersect1d(rows, hit, assume_unique=True)
                if len(rows) == 0:
                    break
            if rows is not None and len(rows):
                found.append(rows)
        if not usable:
            return None
        return np.unique(np.concatenate(found)) if found else np.zeros(0, dtype=np.int64)


_cache: OrderedDict[tuple, tuple[tuple, Pool]] = OrderedDict()
_lock = threading.Lock()


def pool_for(model: str, category_id: int | None) -> Pool:
    vectors = ProductVector.objects.filter(model=model)
    if category_id is not None:
        vectors = vectors.filter(product__category_id=category_id)
    version = tuple(vectors.aggregate(n=Count("id"), at=Max("updated_at")).values())
    key = (model, category_id)
    with _lock:
        hit = _cache.get(key)
        if hit and hit[0] == version:
            _cache.move_to_end(key)
            return hit[1]
    pool = _pool_load(vectors)
    with _lock:
        _cache[key] = (version, pool)
        _cache.move_to_end(key)
        while len(_cache) > POOL_CACHE_SIZE:
            _cache.popitem(last=False)
    return pool


def pool_cache_clear() -> None:
    with _lock:
        _cache.clear()


def _pool_load(vectors) -> Pool:
    by_kind: dict[str, dict[int, np.ndarray]] = {
        ProductVector.Kind.INTENTION: {},
        ProductVector.Kind.TITLE: {},
    }
    for product_id, kind, dim, raw in vectors.values_list(
        "product_id", "kind", "dim", "vector"
    ).iterator(chunk_size=5000):
        by_kind[kind][product_id] = vector_from_bytes(raw, dim)
    intention, title = by_kind[ProductVector.Kind.INTENTION], by_kind[ProductVector.Kind.TITLE]
    ids = np.array(sorted(set(intention) & set(title)), dtype=np.int64)
    if len(ids) == 0:
        empty = np.zeros((0, 1), dtype=np.float32)
        return Pool(product_ids=ids, intention=empty, title=empty)
    pool = Pool(
        product_ids=ids,
        intention=np.stack([intention[i] for i in ids]),
        title=np.stack([title[i] for i in ids]),
    )
    postings: dict[str, list[int]] = {}
    row_of = {int(pid): row for row, pid in enumerate(ids)}
    for pid, title_text, features in (
        Product.objects.filter(id__in=vectors.values("product_id"))
        .values_list("id", "title", "features")
        .iterator(chunk_size=5000)
    ):
        text = " ".join([title_text, *[str(f) for f in (features or [])]])
        row = row_of.get(pid)
        if row is None:  # a product with only one of its two vectors
            continue
        for word in set(words(text)):
            postings.setdefault(word, []).append(row)
    pool.index = {w: np.array(sorted(rows), dtype=np.int64) for w, rows in postings.items()}
    return pool
