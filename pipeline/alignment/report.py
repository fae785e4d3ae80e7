"""The method comparison the paper motivates: intention similarity vs the step text against
product titles, on the same steps (SPEC.md section 3: searching with the step text gave poor
results for 68% of steps)."""

from __future__ import annotations

import random
import statistics
from collections import defaultdict

from django.db.models import Count

from pipeline.models import Step, StepAlignment, StepProduct

INTENTION, TITLE = StepProduct.Method.INTENTION, StepProduct.Method.TITLE
SAMPLE_SIZE = 20


def alignment_models() -> list[str]:
    return list(
        StepAlignment.objects.values_list("embedding_model", flat=True)
        .distinct()
        .order_by("embedding_model")
    )


def alignment_method_comparison(*, embedding_model: str, seed: int = 0) -> dict:
    """Coverage, overlap, score distributions and a side-by-side sample, over the steps that
    both methods scored with ``embedding_model``."""
    both = (
        StepAlignment.objects.filter(embedding_model=embedding_model, method__in=[INTENTION, TITLE])
        .values("step_id")
        .annotate(n=Count("method", distinct=True))
        .filter(n=2)
        .values("step_id")
    )
    alignments = {
        (a.step_id, a.method): a
        for a in StepAlignment.objects.filter(embedding_model=embedding_model, step_id__in=both)
    }
    step_ids = sorted({step_id for step_id, _ in alignments})
    kept: dict[tuple[int, str], list[StepProduct]] = defaultdict(list)
    for sp in (
        StepProduct.objects.filter(step_id__in=both, method__in=[INTENTION, TITLE])
        .select_related("product")
        .order_by("step_id", "method", "rank")
    ):
        kept[(sp.step_id, sp.method)].append(sp)

    methods = {}
    for method in (INTENTION, TITLE):
        rows = [alignments[(s, method)] for s in step_ids]
        best = [a.best_score for a in rows if a.best_score is not None]
        covered = sum(1 for a in rows if a.kept)
        methods[method] = {
            "label": StepProduct.Method(method).label,
            "steps": len(rows),
            "with_product": covered,
            "share_with_product": covered / len(rows) if rows else None,
            "mean_kept": statistics.fmean(a.kept for a in rows) if rows else None,
            "mean_candidates": statistics.fmean(a.candidates for a in rows) if rows else None,
            "median_best_score": statistics.median(best) if best else None,
            "best_scores": best,
            "kept_scores": [sp.score for s in step_ids for sp in kept[(s, method)]],
        }

    jaccards, top1_same, only_intention, only_title = [], 0, 0, 0
    both_covered = 0
    for s in step_ids:
        a = {sp.product_id for sp in kept[(s, INTENTION)]}
        b = {sp.product_id for sp in kept[(s, TITLE)]}
        if a and not b:
            only_intention += 1
        if b and not a:
            only_title += 1
        if a and b:
            both_covered += 1
            jaccards.append(len(a & b) / len(a | b))
            top1_same += kept[(s, INTENTION)][0].product_id == kept[(s, TITLE)][0].product_id
    overlap = {
        "steps_both_have_products": both_covered,
        "mean_jaccard": statistics.fmean(jaccards) if jaccards else None,
        "top1_agreement": top1_same / both_covered if both_covered else None,
        "only_intention": only_intention,
        "only_title": only_title,
    }

    sample_ids = sorted(random.Random(seed).sample(step_ids, min(SAMPLE_SIZE, len(step_ids))))
    steps = Step.objects.select_related("script__objective__category").in_bulk(sample_ids)
    sample = [
        {
            "step": steps[s],
            "intention": kept[(s, INTENTION)],
            "title": kept[(s, TITLE)],
            "candidates": alignments[(s, INTENTION)].candidates,
            "narrowing": alignments[(s, INTENTION)].narrowing,
        }
        for s in sample_ids
    ]
    return {
        "embedding_model": embedding_model,
        "steps": len(step_ids),
        "methods": methods,
        "overlap": overlap,
        "sample": sample,
    }
