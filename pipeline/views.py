from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.errors import ApplicationError
from accounts.roles import CURATOR, role_required
from pipeline import selectors
from pipeline.alignment.report import alignment_method_comparison, alignment_models
from pipeline.alignment.scoring import THRESHOLD
from pipeline.catalog.services import catalog_import_job_create
from pipeline.forms import CatalogUploadForm, ItemSetForm, PipelineRunForm
from pipeline.generation.runs import pipeline_run_cancel, pipeline_run_create
from pipeline.items.services import item_set_create
from pipeline.models import CatalogImport, Category, ItemSet, PipelineRun, Product, Task
from pipeline.stage_registry import PIPELINE_STAGES

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
        "stage_names": PIPELINE_STAGES,
        "category_names": list(Category.objects.values_list("name", flat=True)),
    }
    if request.method != "POST":
        form = PipelineRunForm(initial={"stages": list(PIPELINE_STAGES)}, **form_kwargs)
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


@role_required(CURATOR)
def alignment_report(request):
    from django.conf import settings

    from ecomscript_site.plots import histogram_svg

    models = alignment_models()
    chosen = request.GET.get("model") or (models[0] if models else "")
    if chosen not in models:
        chosen = models[0] if models else ""
    report = alignment_method_comparison(embedding_model=chosen) if chosen else None
    plot = None
    if report and report["steps"]:
        threshold = float(getattr(settings, "ALIGNMENT_THRESHOLD", THRESHOLD))
        plot = histogram_svg(
            {m["label"]: m["best_scores"] for m in report["methods"].values()},
            bins=[i / 40 for i in range(-8, 41)],
            xlabel="best score per step",
            ylabel="steps",
            vline=threshold,
            vline_label=f"threshold {threshold}",
        )
    return render(
        request,
        "pipeline/alignment_report.html",
        {"report": report, "models": models, "chosen": chosen, "plot": plot},
    )


@role_required(CURATOR)
def item_set_list(request):
    page = Paginator(selectors.item_set_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "pipeline/item_set_list.html", {"page": page})


@role_required(CURATOR)
def item_set_new(request):
    form_kwargs = {
        "task_choices": Task.choices,
        "category_names": list(Category.objects.values_list("name", flat=True)),
    }
    form = ItemSetForm(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            item_set = item_set_create(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Item set {item_set.pk} is being built.")
            return redirect("pipeline:item-set-detail", pk=item_set.pk)
    return render(request, "pipeline/item_set_new.html", {"form": form})


@role_required(CURATOR)
def item_set_detail(request, pk: int):
    item_set = get_object_or_404(ItemSet.objects.select_related("created_by"), pk=pk)
    items = Paginator(
        item_set.items.select_related("category").order_by("position"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(request, "pipeline/item_set_detail.html", {"item_set": item_set, "items": items})
