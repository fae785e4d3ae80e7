"""Curator pages: campaigns (list, new, detail with quality control), state changes,
guideline versions, unpausing annotators, and importing judgements from another platform."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.errors import ApplicationError
from accounts.roles import CURATOR, role_required
from annotation import selectors, services
from annotation.forms import CampaignForm, GuidelineForm, JudgementImportForm, StateForm
from annotation.imports import ImportRefused, judgements_import
from annotation.models import Campaign, CampaignAnnotator
from ecomscript_site.plots import lines_svg

PAGE_SIZE = 50
MAX_PROBLEMS_SHOWN = 200  # a broken export can have a bad line per row


@role_required(CURATOR)
def campaign_list(request):
    page = Paginator(selectors.campaign_list_with_progress(), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "annotation/campaign_list.html", {"page": page})


@role_required(CURATOR)
def campaign_new(request):
    form = CampaignForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.campaign_create(user=request.user, **form.service_kwargs())
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, f"Campaign {campaign.name} created and open.")
            return redirect("annotation:campaign-detail", pk=campaign.pk)
    return render(request, "annotation/campaign_new.html", {"form": form})


@role_required(CURATOR)
def campaign_detail(request, pk: int):
    campaign = get_object_or_404(
        Campaign.objects.select_related("item_set", "source_campaign", "created_by"), pk=pk
    )
    sort = request.GET.get("sort", "annotator")
    dashboard = selectors.campaign_dashboard(campaign, sort=sort)
    return render(
        request,
        "annotation/campaign_detail.html",
        {
            "campaign": campaign,
            "sort": sort,
            "states": Campaign.State.choices,
            "throughput_plot": _throughput_plot(dashboard["throughput"]),
            **dashboard,
        },
    )


def _throughput_plot(throughput: list[tuple]) -> str | None:
    if not throughput:
        return None
    starts, counts = zip(*throughput, strict=True)
    return lines_svg({"judgements per hour": (starts, counts)}, xlabel="hour", ylabel="judgements")


@role_required(CURATOR)
@require_POST
def campaign_state(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    form = StateForm(request.POST)
    if not form.is_valid():
        messages.error(request, "state: choose open, paused or closed.")
        return redirect("annotation:campaign-detail", pk=campaign.pk)
    try:
        services.campaign_state_set(campaign, form.cleaned_data["state"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{campaign.name} is now {campaign.get_state_display().lower()}.")
    return redirect("annotation:campaign-detail", pk=campaign.pk)


@role_required(CURATOR)
def campaign_guideline(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    form = GuidelineForm(request.POST or None, initial={"text": campaign.guideline})
    if request.method == "POST" and form.is_valid():
        before = campaign.guideline_version
        campaign = services.campaign_guideline_update(
            campaign, text=form.cleaned_data["text"], user=request.user
        )
        if campaign.guideline_version == before:
            messages.info(request, "The guideline did not change; no new version.")
        else:
            messages.success(request, f"Guideline version {campaign.guideline_version} saved.")
        return redirect("annotation:campaign-guideline", pk=campaign.pk)
    versions = campaign.guidelines.select_related("created_by").order_by("-version")
    return render(
        request,
        "annotation/campaign_guideline.html",
        {"campaign": campaign, "form": form, "versions": versions},
    )


@role_required(CURATOR)
@require_POST
def campaign_unpause(request, pk: int, user_id: int):
    member = get_object_or_404(
        CampaignAnnotator.objects.select_related("campaign", "annotator"),
        campaign_id=pk,
        annotator_id=user_id,
    )
    services.annotator_unpause(member.campaign, member.annotator)
    messages.success(request, f"{member.annotator.username} may work on this campaign again.")
    return redirect("annotation:campaign-detail", pk=pk)


@role_required(CURATOR)
def campaign_import(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    form = JudgementImportForm(request.POST or None, request.FILES or None)
    context = {"campaign": campaign, "form": form, "problems": None, "summary": None}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["summary"] = judgements_import(campaign, upload, name=upload.name)
        except ImportRefused as refused:
            context["problems"] = [str(p) for p in refused.problems[:MAX_PROBLEMS_SHOWN]]
            context["problems_total"] = len(refused.problems)
            context["refusal"] = refused.message
        except ApplicationError as error:
            form.add_error(None, error.message)
    status = 400 if context["problems"] else 200
    return render(request, "annotation/campaign_import.html", context, status=status)
