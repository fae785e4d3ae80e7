from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.errors import ApplicationError
from accounts.roles import CURATOR, role_required
from pipeline import selectors
from pipeline.catalog.services import catalog_import_job_create
from pipeline.forms import CatalogUploadForm, PipelineRunForm
from pipeline.generation.runs import pipeline_run_cancel, pipeline_run_create
from pipeline.generation.stages import GENERATION_STAGES
from pipeline.models import CatalogImport, Category, PipelineRun, Product

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


@role_required(CURATOR)
def run_list(request):
    page = Paginator(selectors.pipeline_run_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "pipeline/run_list.html", {"page": page})


@role_required(CURATOR)
def run_new(request):
    form_kwargs = {
        "stage_names": GENERATION_STAGES,
        "category_names": list(Category.objects.values_list("name", flat=True)),
    }
    if request.method != "POST":
        form = PipelineRunForm(initial={"stages": list(GENERATION_STAGES)}, **form_kwargs)
        return render(request, "pipeline/run_new.html", {"form": form})
    form = PipelineRunForm(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            run = pipeline_run_create(
                user=request.user,
                stages=form.cleaned_data["stages"],
                categories=form.cleaned_data["categories"],
                limit=form.cleaned_data["limit"],
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Run {run.pk} started.")
            return redirect("pipeline:run-detail", pk=run.pk)
    return render(request, "pipeline/run_new.html", {"form": form})


@role_required(CURATOR)
def run_detail(request, pk: int):
    run = get_object_or_404(PipelineRun, pk=pk)
    return render(
        request,
        "pipeline/run_detail.html",
        {"run": run, "status": selectors.pipeline_run_status(run)},
    )


@role_required(CURATOR)
@require_POST
def run_cancel(request, pk: int):
    run = get_object_or_404(PipelineRun, pk=pk)
    try:
        pipeline_run_cancel(run)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Run {run.pk} will stop after the unit in progress.")
    return redirect("pipeline:run-detail", pk=run.pk)
