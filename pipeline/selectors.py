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
