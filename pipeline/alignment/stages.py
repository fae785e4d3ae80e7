"""The two alignment stages of a pipeline run: ``embed`` and ``align``.

Like the generation stages, a stage's ``pending`` query is the whole truth about progress:
``embed`` is done for a product when its title vector and an intention vector over all its
current intentions exist; ``align`` is done for a step when it has a StepAlignment row for every
method. Each chunk writes in one transaction, so a killed worker leaves whole chunks or nothing,
and the next driver recomputes exactly the missing ones.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from pipeline.generation.stages import NeedsStage, StageContext, scope_products
from pipeline.models import Intention, ProductVector, Step, StepAlignment, StepProduct

from .embeddings import embedder
from .pools import pool_for
from .scoring import THRESHOLD, TOP_K, intention_vector, top_matches
from .store import EnsureStats, embeddings_ensure, vector_to_bytes

ALIGNMENT_STAGES = ("embed", "align")
METHODS = (StepProduct.Method.INTENTION, StepProduct.Method.TITLE)


def alignment_settings() -> dict:
    return {
        "top_k": int(getattr(settings, "ALIGNMENT_TOP_K", TOP_K)),
        "threshold": float(getattr(settings, "ALIGNMENT_THRESHOLD", THRESHOLD)),
        "by_category": bool(getattr(settings, "ALIGNMENT_NARROW_BY_CATEGORY", True)),
        "by_keywords": bool(getattr(settings, "ALIGNMENT_NARROW_BY_KEYWORDS", True)),
    }


def _record(ctx: StageContext, stats: EnsureStats) -> None:
    # Shown in the run's "calls (cached)" columns: texts looked up, and those already stored.
    ctx.calls += stats.unique
    ctx.cached_calls += stats.unique - stats.encoded


class EmbedStage:
    """Product vectors: one per product for each method (intentions mean, title)."""

    name = "embed"

    @property
    def chunk_size(self) -> int:
        return int(getattr(settings, "ALIGNMENT_EMBED_CHUNK", 64))

    def units(self, ctx: StageContext) -> QuerySet:
        return scope_products(ctx.run)

    def pending(self, ctx: StageContext) -> QuerySet:
        model = ctx.run.embedding_model
        intentions = Coalesce(
            Subquery(
                Intention.objects.filter(product=OuterRef("pk"))
                .order_by()
                .values("product")
                .annotate(n=Count("id"))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )
        vectors = ProductVector.objects.filter(product=OuterRef("pk"), model=model)
        return (
            self.units(ctx)
            .annotate(n_intentions=intentions)
            .annotate(
                has_title=Exists(vectors.filter(kind=ProductVector.Kind.TITLE)),
                has_intention=Exists(
                    vectors.filter(
                        kind=ProductVector.Kind.INTENTION, n_texts=OuterRef("n_intentions")
                    )
                ),
            )
            .filter(Q(has_title=False) | (Q(n_intentions__gt=0) & Q(has_intention=False)))
            .order_by("id")
        )

    def process_chunk(self, ctx: StageContext, product_ids: list[int]) -> None:
        model = embedder()
        texts: dict[int, list[str]] = defaultdict(list)
        for product_id, text in Intention.objects.filter(product_id__in=product_ids).values_list(
            "product_id", "text"
        ):
            texts[product_id].append(text)
        titles = dict(scope_products(ctx.run).filter(id__in=product_ids).values_list("id", "title"))
        ids = sorted(titles)
        flat = [titles[i] for i in ids]
        spans = []
        for product_id in ids:
            spans.append((product_id, len(flat), len(texts[product_id])))
            flat.extend(sorted(texts[product_id]))
        stats = EnsureStats()
        vectors = embeddings_ensure(flat, model, stats)
        rows = []
        for n, (product_id, start, count) in enumerate(spans):
            rows.append(_product_vector(product_id, model.name, "title", vectors[n], 1))
            if count:
                mean = intention_vector(vectors[start : start + count])
                rows.append(_product_vector(product_id, model.name, "intention", mean, count))
        ProductVector.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["product", "model", "kind"],
            update_fields=["dim", "vector", "n_texts", "updated_at"],
        )
        _record(ctx, stats)


def _product_vector(product_id, model, kind, vector, n_texts) -> ProductVector:
    return ProductVector(
        product_id=product_id,
        model=model,
        kind=kind,
        dim=len(vector),
        vector=vector_to_bytes(vector),
        n_texts=n_texts,
    )


class AlignStage:
    """Score every step that needs a purchase against its candidates, by both methods."""

    name = "align"

    @property
    def chunk_size(self) -> int:
        return int(getattr(settings, "ALIGNMENT_STEP_BLOCK", 256))

    def units(self, ctx: StageContext) -> QuerySet:
        return NeedsStage().units(ctx).filter(needs_product=True)

    def pending(self, ctx: StageContext) -> QuerySet:
        done = StepAlignment.objects.filter(
            step=OuterRef("pk"), embedding_model=ctx.run.embedding_model
        )
        missing = Q()
        for method in METHODS:
            missing |= ~Exists(done.filter(method=method))
        return self.units(ctx).filter(missing).order_by("id")

    def process_chunk(self, ctx: StageContext, step_ids: list[int]) -> None:
        options = alignment_settings()
        model = embedder()
        steps = list(
            Step.objects.filter(id__in=step_ids)
            .select_related("script__objective")
            .order_by("id")
            .only("id", "text", "keywords", "script__objective__category_id")
        )
        stats = EnsureStats()
        vectors = embeddings_ensure([step.text for step in steps], model, stats)
        by_pool: dict[int | None, list[int]] = defaultdict(list)
        for n, step in enumerate(steps):
            category = step.script.objective.category_id if options["by_category"] else None
            by_pool[category].append(n)
        products: list[StepProduct] = []
        alignments: list[StepAlignment] = []
        for category, members in by_pool.items():
            pool = pool_for(model.name, category)
            narrowing = "category" if category is not None else "catalogue"
            rows: list[np.ndarray | None] = []
            how: list[str] = []
            for n in members:
                narrowed = (
                    pool.keyword_rows(steps[n].keywords or [])
                    if options["by_keywords"] and len(pool)
                    else None
                )
                # Keywords that match nothing would leave the step no candidate at all; it is
                # then scored against the whole category, and the record says so.
                if narrowed is not None and len(narrowed):
                    rows.append(narrowed)
                    how.append("keywords")
                else:
                    rows.append(None)
                    how.append(narrowing)
            for method in METHODS:
                matrix = pool.intention if method == StepProduct.Method.INTENTION else pool.title
                found = top_matches(
                    vectors[members],
                    matrix,
                    k=options["top_k"],
                    threshold=options["threshold"],
                    candidate_rows=rows,
                )
                for n, matches, narrowed, label in zip(members, found, rows, how, strict=True):
                    step = steps[n]
                    for rank, (row, score) in enumerate(matches, start=1):
                        products.append(
                            StepProduct(
                                step_id=step.id,
                                product_id=int(pool.product_ids[row]),
                                score=score,
                                rank=rank,
                                method=method,
                            )
                        )
                    alignments.append(
                        StepAlignment(
                            step_id=step.id,
                            method=method,
                            embedding_model=model.name,
                            candidates=len(pool) if narrowed is None else len(narrowed),
                            narrowing=label,
                            kept=len(matches),
                            best_score=matches[0][1] if matches else None,
                        )
                    )
        with transaction.atomic():
            # Replace, never add to, what an earlier pass left for these steps: the rows after a
            # crash and a redo equal the rows of one clean pass.
            StepProduct.objects.filter(step_id__in=step_ids, method__in=METHODS).delete()
            StepAlignment.objects.filter(
                step_id__in=step_ids, embedding_model=model.name, method__in=METHODS
            ).delete()
            StepProduct.objects.bulk_create(products, batch_size=1000)
            StepAlignment.objects.bulk_create(alignments, batch_size=1000)
        _record(ctx, stats)


STAGE_CLASSES = {stage.name: stage for stage in (EmbedStage, AlignStage)}
