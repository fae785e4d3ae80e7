"""The embed and align stages on the sample catalogue, with the real sentence model.

Generation is scripted (tests/catalog_llm.py writes intentions from each product's own words),
so these tests check the alignment: every step that needs a purchase is scored by both
methods, the stored scores are the paper's formula over the stored vectors, narrowing holds,
and re-runs or crashes change nothing.
"""

import numpy as np
import pytest

from pipeline.alignment import pools
from pipeline.alignment.embeddings import embedder, embedder_reset
from pipeline.alignment.stages import AlignStage
from pipeline.alignment.store import text_hash, vector_from_bytes
from pipeline.catalog.reader import CatalogFile
from pipeline.catalog.services import catalog_import
from pipeline.generation import runs as runs_module
from pipeline.generation.runs import pipeline_run_create, pipeline_run_drive
from pipeline.models import (
    PipelineRun,
    ProductVector,
    Step,
    StepAlignment,
    StepProduct,
    TextEmbedding,
)
from tests.catalog_llm import CatalogAwareClient

pytestmark = pytest.mark.django_db

GENERATION = ["intentions", "objectives", "scripts", "needs"]


@pytest.fixture(autouse=True)
def fresh_model():
    embedder_reset()
    pools.pool_cache_clear()
    yield
    pools.pool_cache_clear()


@pytest.fixture
def generated(sample_files, monkeypatch):
    chosen = [p for p in sample_files if "Home_and_Kitchen" in p.name or "Pet_Supplies" in p.name]
    catalog_import([CatalogFile.of(p) for p in chosen])
    client = CatalogAwareClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: client)
    run = pipeline_run_create(user=None, stages=GENERATION, limit=24, enqueue=False)
    pipeline_run_drive(run.pk)
    assert Step.objects.filter(needs_product=True).count() >= 10
    return client


def align(**scope):
    run = pipeline_run_create(user=None, stages=["embed", "align"], enqueue=False, **scope)
    pipeline_run_drive(run.pk)
    run.refresh_from_db()
    assert run.status == PipelineRun.Status.FINISHED, run.failure
    return run


def alignment_rows():
    return sorted(
        (sp.step_id, sp.method, sp.rank, sp.product_id, round(sp.score, 5))
        for sp in StepProduct.objects.all()
    )


def test_every_step_that_needs_a_purchase_is_scored_by_both_methods(generated):
    run = align(limit=24)
    needing = set(Step.objects.filter(needs_product=True).values_list("id", flat=True))
    for method in ("intention", "title"):
        scored = set(
            StepAlignment.objects.filter(
                method=method, embedding_model=run.embedding_model
            ).values_list("step_id", flat=True)
        )
        assert scored == needing
    # Steps that need no purchase get no products.
    assert not StepProduct.objects.filter(step__needs_product=False).exists()
    progress = run.stage_progress.get(stage="align")
    assert progress.done == progress.total == len(needing)
    for step_id in needing:
        for method in ("intention", "title"):
            kept = list(StepProduct.objects.filter(step_id=step_id, method=method))
            assert len(kept) <= 3
            assert [sp.rank for sp in sorted(kept, key=lambda sp: sp.rank)] == list(
                range(1, len(kept) + 1)
            )
            assert all(sp.score >= 0.45 for sp in kept)
            scores = [sp.score for sp in sorted(kept, key=lambda sp: sp.rank)]
            assert scores == sorted(scores, reverse=True)
    assert StepProduct.objects.filter(method="intention").count() >= len(needing) // 2


def test_stored_score_is_the_average_cosine_over_the_products_intentions(generated):
    align(limit=24)
    model = embedder()
    checked = 0
    for sp in StepProduct.objects.filter(method="intention").select_related("step", "product"):
        step_row = TextEmbedding.objects.get(model=model.name, text_hash=text_hash(sp.step.text))
        step = vector_from_bytes(step_row.vector, step_row.dim)
        cosines = []
        for intention in sp.product.intentions.all():
            row = TextEmbedding.objects.get(model=model.name, text_hash=text_hash(intention.text))
            cosines.append(float(step @ vector_from_bytes(row.vector, row.dim)))
        assert sp.score == pytest.approx(np.mean(cosines), abs=1e-5)
        checked += 1
    assert checked >= 5


def test_products_come_from_the_objectives_category_and_keywords_narrow(generated):
    align(limit=24)
    for sp in StepProduct.objects.select_related("step__script__objective", "product"):
        assert sp.product.category_id == sp.step.script.objective.category_id
    alignments = list(StepAlignment.objects.filter(method="intention").select_related("step"))
    with_products = ProductVector.objects.filter(kind="intention").values("product")
    for sa in alignments:
        pool = ProductVector.objects.filter(
            kind="intention",
            product__category_id=sa.step.script.objective.category_id,
        ).count()
        if sa.narrowing == "keywords":
            assert 1 <= sa.candidates <= pool
        else:
            assert sa.narrowing == "category" and sa.candidates == pool
    assert any(sa.narrowing == "keywords" for sa in alignments)
    assert with_products.exists()


def test_without_narrowing_every_product_is_a_candidate(generated, settings):
    settings.ALIGNMENT_NARROW_BY_CATEGORY = False
    settings.ALIGNMENT_NARROW_BY_KEYWORDS = False
    align(limit=24)
    everything = ProductVector.objects.filter(kind="intention").count()
    assert set(StepAlignment.objects.values_list("narrowing", "candidates")) == {
        ("catalogue", everything)
    }


def test_a_second_run_embeds_nothing_and_changes_no_row(generated):
    align(limit=24)
    before = alignment_rows()
    texts = TextEmbedding.objects.count()
    run = align(limit=24)
    assert alignment_rows() == before
    assert TextEmbedding.objects.count() == texts
    for stage in ("embed", "align"):
        progress = run.stage_progress.get(stage=stage)
        assert progress.calls == 0 and progress.done == progress.total


def test_a_crash_mid_align_then_resume_gives_the_rows_of_a_clean_run(generated, settings):
    settings.ALIGNMENT_STEP_BLOCK = 3
    align(limit=24)
    clean = alignment_rows()
    StepProduct.objects.all().delete()
    StepAlignment.objects.all().delete()

    original = AlignStage.process_chunk
    chunks = {"n": 0}

    def dies_on_third_chunk(self, ctx, ids):
        chunks["n"] += 1
        if chunks["n"] == 3:
            raise KeyboardInterrupt("worker killed")
        return original(self, ctx, ids)

    AlignStage.process_chunk = dies_on_third_chunk
    run = pipeline_run_create(user=None, stages=["embed", "align"], limit=24, enqueue=False)
    try:
        with pytest.raises(KeyboardInterrupt):
            pipeline_run_drive(run.pk)
    finally:
        AlignStage.process_chunk = original
    partial = StepAlignment.objects.count()
    assert 0 < partial < 2 * Step.objects.filter(needs_product=True).count()
    # A dead driver's lease expires; here the same owner comes back, as a redelivered task does.
    PipelineRun.objects.filter(pk=run.pk).update(lease_until=None)
    pipeline_run_drive(run.pk)
    run.refresh_from_db()
    assert run.status == PipelineRun.Status.FINISHED
    assert alignment_rows() == clean


def test_new_intentions_make_the_product_vector_be_recomputed(generated):
    align(limit=24)
    vector = ProductVector.objects.filter(kind="intention").select_related("product").first()
    product = vector.product
    product.intentions.create(
        text="PersonX wants to buy this because it is a thoughtful housewarming gift",
        generator_model="catalog-test-model",
    )
    run = align(limit=24)
    vector.refresh_from_db()
    assert vector.n_texts == product.intentions.count()
    assert run.stage_progress.get(stage="embed").calls > 0


def test_the_method_comparison_report_renders_for_curators(generated, client, make_user):
    from accounts.roles import CURATOR

    align(limit=24)
    client.force_login(make_user("reporter", CURATOR))
    page = client.get("/pipeline/alignment/")
    assert page.status_code == 200
    report = page.context["report"]
    needing = Step.objects.filter(needs_product=True).count()
    assert report["steps"] == needing
    for method in ("intention", "title"):
        expected = StepAlignment.objects.filter(method=method, kept__gt=0).values("step").count()
        assert report["methods"][method]["with_product"] == expected
    body = page.content.decode()
    assert "<svg" in body and 'id="sample"' in body
    assert len(report["sample"]) == min(20, needing)
