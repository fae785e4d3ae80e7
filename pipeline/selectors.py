"""Reads with rules: what curators browse in the catalogue."""

from django.db.models import Count, Q, QuerySet

from pipeline.models import CatalogImport, Category, Product


def category_list_with_counts() -> QuerySet:
    return Category.objects.annotate(
        product_count=Count("products", distinct=True),
    ).order_by("name")


def product_search(*, query: str = "", category_id: int | None = None) -> QuerySet:
    products = Product.objects.select_related("category").annotate(review_count=Count("reviews"))
    if category_id:
        products = products.filter(category_id=category_id)
    if query:
        products = products.filter(
            Q(title__icontains=query) | Q(parent_asin__iexact=query) | Q(store__icontains=query)
        )
    return products.order_by("category__name", "parent_asin")


def catalog_import_list() -> QuerySet:
    return CatalogImport.objects.select_related("created_by").order_by("-created_at")


def pipeline_run_list() -> QuerySet:
    from pipeline.models import PipelineRun

    return PipelineRun.objects.select_related("created_by").prefetch_related("stage_progress")


def pipeline_run_status(run) -> dict:
    """A run's progress as the page and the API show it: per-stage bars, rate, time left,
    and the latest rejected answers."""
    from django.utils import timezone

    now = timezone.now()
    stages = []
    for progress in run.stage_progress.all().order_by("position"):
        elapsed = None
        rate = None
        eta = None
        if progress.started_at:
            end = progress.finished_at or now
            elapsed = max((end - progress.started_at).total_seconds(), 0.001)
            if progress.done:
                rate = progress.done / elapsed
                if not progress.finished_at and rate > 0:
                    eta = (progress.total - progress.done) / rate
        stages.append(
            {
                "stage": progress.stage,
                "total": progress.total,
                "done": progress.done,
                "percent": progress.percent,
                "rejected": progress.rejected,
                "calls": progress.calls,
                "cached_calls": progress.cached_calls,
                "tokens_in": progress.tokens_in,
                "tokens_out": progress.tokens_out,
                "started_at": progress.started_at,
                "finished_at": progress.finished_at,
                "seconds": round(elapsed, 1) if elapsed is not None else None,
                "units_per_minute": round(rate * 60, 1) if rate else None,
                "seconds_left": round(eta) if eta is not None else None,
            }
        )
    recent = [
        {
            "stage": r.stage,
            "subject": r.subject,
            "attempt": r.attempt,
            "reason": r.reason,
            "detail": r.detail,
            "final": r.final,
            "at": r.created_at,
        }
        for r in run.rejects.order_by("-created_at")[:20]
    ]
    return {
        "id": run.pk,
        "status": run.status,
        "status_label": run.get_status_display(),
        "stages": stages,
        "scope": run.scope,
        "generator_model": run.generator_model,
        "cancel_requested": run.cancel_requested,
        "failure": run.failure,
        "recent_rejects": recent,
        "tokens_in": sum(s["tokens_in"] for s in stages),
        "tokens_out": sum(s["tokens_out"] for s in stages),
        "created_at": run.created_at,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
    }


def item_set_list() -> QuerySet:
    from pipeline.models import ItemSet

    return ItemSet.objects.select_related("created_by").order_by("-created_at")
