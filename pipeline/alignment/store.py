"""The embedding store: vectors keyed by model and a hash of the text.

``embeddings_ensure`` is the only way texts get embedded: it looks every text up first and
encodes only the ones that have no vector for this model yet, so re-runs cost lookups, not model
time. Rows are inserted with ``ignore_conflicts`` on the unique (model, text_hash) key, so two
workers racing on the same text leave one row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pipeline.models import TextEmbedding

from .embeddings import Embedder

LOOKUP_BATCH = 2000  # hashes per IN (...) query: well under every database's parameter limit


def text_hash(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def vector_to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def vector_from_bytes(raw, dim: int) -> np.ndarray:
    array = np.frombuffer(bytes(raw), dtype="<f4")
    if array.size != dim:
        raise ValueError(f"stored vector has {array.size} values, expected {dim}")
    return array


@dataclass
class EnsureStats:
    texts: int = 0
    unique: int = 0
    encoded: int = 0


def embeddings_ensure(
    texts: Sequence[str], embedder: Embedder, stats: EnsureStats | None = None
) -> np.ndarray:
    """Vectors for ``texts`` in order, shape (len(texts), dim), unit length, float32."""
    stats = stats if stats is not None else EnsureStats()
    hashes = [text_hash(t) for t in texts]
    by_hash: dict[str, str] = dict(zip(hashes, texts, strict=True))
    stats.texts += len(texts)
    stats.unique += len(by_hash)
    found: dict[str, np.ndarray] = {}
    unique = list(by_hash)
    for start in range(0, len(unique), LOOKUP_BATCH):
        batch = unique[start : start + LOOKUP_BATCH]
        for key, dim, raw in TextEmbedding.objects.filter(
            model=embedder.name, text_hash__in=batch
        ).values_list("text_hash", "dim", "vector"):
            found[key] = vector_from_bytes(raw, dim)
    missing = [key for key in unique if key not in found]
    if missing:
        vectors = embedder.encode([by_hash[key] for key in missing])
        stats.encoded += len(missing)
        dim = vectors.shape[1]
        TextEmbedding.objects.bulk_create(
            [
                TextEmbedding(
                    model=embedder.name, text_hash=key, dim=dim, vector=vector_to_bytes(vec)
                )
                for key, vec in zip(missing, vectors, strict=True)
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        found.update(zip(missing, vectors, strict=True))
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([found[key] for key in hashes]).astype(np.float32, copy=False)
