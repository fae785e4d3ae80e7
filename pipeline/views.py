from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from accounts.errors import ApplicationError
from accounts.roles import CURATOR, role_required
from pipeline import selectors
from pipeline.catalog.services import catalog_import_job_create
from pipeline.forms import CatalogUploadForm
from pipeline.models import CatalogImport, Product

PAGE_SIZE = 50


@role_required(CURATOR)
def catalog(request):
    query = request.GET.get("q", "").strip()
    category_id = request.GET.get("category") or None
    if category_id is not None and not str(category_id).isdigit():
        category_id = None
    products = selectors.product_search(query=query, category_id=category_id)
    page = Paginator(products, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "pipeline/catalog.html",
        {
            "page": page,
            "query": query,
            "category_id": int(category_id) if category_id else None,
            "categories": selectors.category_list_with_counts(),
        },
    )


@role_required(CURATOR)
def product_detail(request, parent_asin: str):
    product = get_object_or_404(Product.objects.select_related("category"), parent_asin=parent_asin)
    reviews = product.reviews.order_by("-helpful_vote", "timestamp")[:100]
    return render(request, "pipeline/product_detail.html", {"product": product, "reviews": reviews})


@role_required(CURATOR)
def import_new(request):
    if request.method != "POST":
        return render(request, "pipeline/import_new.html", {"form": CatalogUploadForm()})
    form = CatalogUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = catalog_import_job_create(
                user=request.user,
                uploads=form.cleaned_data["files"],
                strict=form.cleaned_data["strict"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Import {job.pk} queued.")
            return redirect("pipeline:import-detail", pk=job.pk)
    return render(request, "pipeline/import_new.html", {"form": form})


@role_required(CURATOR)
def import_list(request):
    page = Paginator(selectors.catalog_import_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "pipeline/import_list.html", {"page": page})


@role_required(CURATOR)
def import_detail(request, pk: int):
    job = get_object_or_404(CatalogImport.objects.select_related("created_by"), pk=pk)
    return render(request, "pipeline/import_detail.html", {"job": job})
