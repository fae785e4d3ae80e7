"""Curation pages: a campaign's agreement report and adjudication queue, and releases.

Thin views: the numbers come from annotation.curation (campaign_stats, campaign_gold, the
release services) and annotation.curation.selectors; these views only parse input, call one
of them and shape the result for the templates and plots.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.errors import ApplicationError
from accounts.roles import CURATOR, role_required
from annotation.curation import selectors
from annotation.curation.gold import adjudication_decide, adjudication_queue, campaign_stats
from annotation.curation.releases import (
    DEFAULT_PUBLIC_SHARE,
    DEFAULT_SIZES,
    release_create,
    release_delete,
    release_publish,
)
from annotation.models import Campaign, CampaignItem, CampaignStats, Release

QUEUE_PAGE_SIZE = 20
HISTORY_LIMIT = 200
RELEASE_PAGE_SIZE = 50
STATISTICS = (
    ("percent_agreement", "Percent agreement"),
    ("fleiss_kappa", "Fleiss' kappa"),
    ("krippendorff_alpha", "Krippendorff's alpha (nominal)"),
    ("gwet_ac1", "Gwet's AC1"),
    ("positive_rate", "Positive-label rate"),
)


# --- agreement ---------------------------------------------------------------------------


def _estimates(agreement: dict) -> list[tuple[str, str, dict]]:
    return [(key, label, agreement[key]) for key, label in STATISTICS]


def _agreement_plots(report: dict, over_time: list[dict], quality: list[dict]) -> dict:
    from ecomscript_site.plots import bars_svg, lines_svg, scatter_svg

    plots = {}
    splits = report["agreement"]["vote_splits"]
    if splits:
        several = len(splits) > 1
        labels = [
            f"{s['split']} ({group['votes']} votes)" if several else s["split"]
            for group in splits
            for s in group["splits"]
        ]
        values = [s["items"] for group in splits for s in group["splits"]]
        plots["vote_split"] = bars_svg(labels, values, xlabel="vote split", ylabel="items")
    if over_time:
        xs = [point["at"] for point in over_time]

        def ys(key):
            # matplotlib draws NaN as a gap; None would break the float conversion.
            return [float("nan") if p[key] is None else p[key] for p in over_time]

        plots["over_time"] = lines_svg(
            {
                "percent agreement": (xs, ys("percent_agreement")),
                "Fleiss' kappa": (xs, ys("fleiss_kappa")),
                "Krippendorff's alpha": (xs, ys("krippendorff_alpha")),
            },
            xlabel="judgements submitted up to",
            ylabel="agreement",
        )
    points = [q for q in quality if q["ds_accuracy"] is not None]
    if points:
        plots["accuracy_volume"] = scatter_svg(
            [q["judgements"] for q in points],
            [q["ds_accuracy"] for q in points],
            labels=[q["name"] for q in points],
            xlabel="judgements",
            ylabel="Dawid-Skene accuracy",
        )
    return plots


@role_required(CURATOR)
def campaign_agreement(request, pk: int):
    campaign = get_object_or_404(Campaign.objects.select_related("item_set"), pk=pk)
    report = campaign_stats(campaign)
    agreement = report["agreement"]
    sort = request.GET.get("sort", "")
    quality = selectors.annotator_quality_rows(campaign, report, sort=sort)
    over_time = selectors.agreement_over_time(campaign)
    cohen_header, cohen_rows = selectors.cohen_matrix_rows(agreement["cohen"])
    cohen_names = selectors.annotator_names(
        {p["annotator_a"] for p in agreement["cohen"]["pairs"]}
        | {p["annotator_b"] for p in agreement["cohen"]["pairs"]}
    )
    pairs = [
        {**p, "name_a": cohen_names[p["annotator_a"]], "name_b": cohen_names[p["annotator_b"]]}
        for p in agreement["cohen"]["pairs"]
    ]
    categories = [
        {**group, "estimates": _estimates(group["agreement"])}
        for group in report["groups"].get("category", [])
    ]
    return render(
        request,
        "annotation/campaign_agreement.html",
        {
            "campaign": campaign,
            "report": report,
            "agreement": agreement,
            "estimates": _estimates(agreement),
            "confidence_percent": round(agreement["confidence"] * 100),
            "cohen_header": cohen_header,
            "cohen_rows": cohen_rows,
            "cohen_pairs": pairs,
            "categories": categories,
            "quality": quality,
            "sort": sort,
            "sort_links": {c: f"-{c}" if sort == c else c for c in selectors.QUALITY_SORTS},
            "over_time": over_time,
            "computed": CampaignStats.objects.filter(campaign=campaign).first(),
            "plots": _agreement_plots(report, over_time, quality),
        },
    )


@role_required(CURATOR)
@require_POST
def campaign_agreement_recompute(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    campaign_stats(campaign, refresh=True)
    messages.success(request, "Agreement statistics recomputed.")
    return redirect("annotation:campaign-agreement", pk=campaign.pk)


# --- adjudication ------------------------------------------------------------------------


class AdjudicationForm(forms.Form):
    item = forms.IntegerField()
    label = forms.TypedChoiceField(choices=[(1, "1 (yes)"), (0, "0 (no)")], coerce=int)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), strip=True)


def _form_errors(form: forms.Form) -> str:
    return "; ".join(
        f"{field}: {' '.join(errors)}" if field != "__all__" else " ".join(errors)
        for field, errors in form.errors.items()
    )


@role_required(CURATOR)
def campaign_adjudication(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    if request.method == "POST":
        form = AdjudicationForm(request.POST)
        if not form.is_valid():
            messages.error(request, f"Not decided: {_form_errors(form)}")
        else:
            campaign_item = get_object_or_404(
                CampaignItem.objects.select_related("item"),
                pk=form.cleaned_data["item"],
                campaign=campaign,
            )
            try:
                adjudication_decide(
                    campaign_item=campaign_item,
                    label=form.cleaned_data["label"],
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                )
            except ApplicationError as error:
                messages.error(request, error.message)
            else:
                messages.success(
                    request,
                    f"{campaign_item.item.uid}: gold label {form.cleaned_data['label']}.",
                )
        # Back to the same page of the queue (its ?page= stays in the full path).
        return redirect(request.get_full_path())
    entries = [
        {"row": row, "negative": row.votes - row.positive} for row in adjudication_queue(campaign)
    ]
    queue = Paginator(entries, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    history = selectors.adjudication_history(campaign)
    return render(
        request,
        "annotation/campaign_adjudication.html",
        {
            "campaign": campaign,
            "queue": queue,
            "history": history[:HISTORY_LIMIT],
            "history_total": history.count(),
            "history_limit": HISTORY_LIMIT,
        },
    )


# --- releases ----------------------------------------------------------------------------


class CampaignChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_task_display()}, {obj.votes_per_item} votes per item)"


class ReleaseForm(forms.Form):
    name = forms.CharField(max_length=100, initial="EcomScriptBench")
    version = forms.CharField(
        max_length=40, initial="1.0.0", help_text="Semantic version: MAJOR.MINOR.PATCH."
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    campaigns = CampaignChoiceField(
        queryset=Campaign.objects.order_by("-created_at"),
        widget=forms.CheckboxSelectMultiple,
        help_text="Their settled gold labels go into the release; items still waiting for "
        "votes or adjudication are left out and counted.",
    )
    seed = forms.IntegerField(initial=0, help_text="The same labels and seed give the same splits.")
    train = forms.FloatField(min_value=0, max_value=1, initial=DEFAULT_SIZES["train"])
    dev = forms.FloatField(min_value=0, max_value=1, initial=DEFAULT_SIZES["dev"])
    test = forms.FloatField(min_value=0, max_value=1, initial=DEFAULT_SIZES["test"])
    public_share = forms.FloatField(
        min_value=0,
        max_value=1,
        initial=DEFAULT_PUBLIC_SHARE,
        help_text="Share of the test split whose inputs are given to model authors; the rest "
        "is the private part of the leaderboard.",
    )
    licence = forms.CharField(max_length=100, initial="CC-BY-4.0")


@role_required(CURATOR)
def release_list(request):
    page = Paginator(selectors.release_list(), RELEASE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "annotation/release_list.html", {"page": page})


@role_required(CURATOR)
def release_new(request):
    form = ReleaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            release = release_create(
                user=request.user,
                name=data["name"],
                version=data["version"].strip(),
                campaigns=list(data["campaigns"]),
                notes=data["notes"],
                seed=data["seed"],
                sizes={"train": data["train"], "dev": data["dev"], "test": data["test"]},
                public_share=data["public_share"],
                licence=data["licence"].strip(),
            )
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, f"Draft {release} created with {release.stats['items']} items."
            )
            return redirect("annotation:release-detail", pk=release.pk)
    return render(request, "annotation/release_new.html", {"form": form})


@role_required(CURATOR)
def release_detail(request, pk: int):
    release = get_object_or_404(Release.objects.select_related("created_by"), pk=pk)
    stats = release.stats or {}
    return render(
        request,
        "annotation/release_detail.html",
        {
            "release": release,
            "split_rows": selectors.release_split_rows(release),
            "left_out": stats.get("left_out", {}),
            "agreement": stats.get("agreement", {}),
            "provenance": release.provenance or {},
            "campaigns": release.campaigns.order_by("name"),
            "sample": selectors.release_sample_items(release),
        },
    )


@role_required(CURATOR)
@require_POST
def release_publish_view(request, pk: int):
    release = get_object_or_404(Release, pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm: a published release can never change.")
        return redirect("annotation:release-detail", pk=release.pk)
    try:
        release = release_publish(release)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{release} is published and frozen.")
    return redirect("annotation:release-detail", pk=release.pk)


@role_required(CURATOR)
@require_POST
def release_delete_view(request, pk: int):
    release = get_object_or_404(Release, pk=pk)
    name = str(release)
    try:
        release_delete(release)
    except ApplicationError as error:
        messages.error(request, error.message)
        return redirect("annotation:release-detail", pk=release.pk)
    messages.success(request, f"Draft {name} deleted.")
    return redirect("annotation:release-list")
