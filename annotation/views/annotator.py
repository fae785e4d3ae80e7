"""Annotator pages: my open campaigns, and the one-item-per-screen annotate page.

Thin on purpose: the annotate page is a shell for its task (question, item layout as
``<template>`` elements, guideline panel, progress) and static/js/annotate.js gets every item
through the JSON API (annotation/apis.py), so the page and any other client share one set of
rules. Nothing rendered here comes from another annotator's work, a control answer, an item's
origin or its association score: the page shows the campaign, the guideline and my own counts.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import markdown
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from accounts.roles import ANNOTATOR, role_required
from annotation import selectors
from annotation.models import Campaign

# What each task asks, in the words of SPEC.md section 1.
TASK_QUESTIONS = {
    "t1": "Is this script a plausible, feasible plan for the objective?",
    "t2": (
        "Does buying this product help achieve the highlighted step, given the objective? "
        "A step that needs no product makes the answer No."
    ),
    "t3": (
        "Is the script with its products feasible as a whole: every product suitable for its "
        "step, and no conflicts between the steps' products?"
    ),
}
# Link targets a guideline may use; anything else (javascript:, data:, vbscript:) is dropped.
SAFE_SCHEMES = {"", "http", "https", "mailto"}


class _SafeLinks(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and urlsplit(value.strip()).scheme.lower() not in SAFE_SCHEMES:
                    del element.attrib[attribute]


class _EscapeRawHtml(Extension):
    """Raw HTML in a guideline is shown as text, never run: without the raw-HTML block
    preprocessor and inline pattern, Python-Markdown's serializer escapes it."""

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's hook name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)


def guideline_html(text: str) -> str:
    """A campaign's markdown guideline as HTML that is safe to put on an annotator's page."""
    if not text.strip():
        return ""
    html = markdown.markdown(text, extensions=[_EscapeRawHtml(), "sane_lists"])
    return mark_safe(html)  # noqa: S308 - raw HTML escaped and unsafe links dropped above


@role_required(ANNOTATOR)
def my_campaigns(request):
    rows = [
        {
            "campaign": campaign,
            "progress": selectors.annotator_progress(campaign, request.user),
        }
        for campaign in selectors.campaign_list_for_annotator(request.user)
    ]
    return render(request, "annotation/my_campaigns.html", {"rows": rows})


@role_required(ANNOTATOR)
def annotate(request, pk: int):
    campaign = get_object_or_404(Campaign, pk=pk)
    progress = selectors.annotator_progress(campaign, request.user)
    urls = {
        "next": reverse("annotation-api:next", kwargs={"pk": campaign.pk}),
        "progress": reverse("annotation-api:my-progress", kwargs={"pk": campaign.pk}),
        # One pattern per action; the script puts the assignment id in place of {id}.
        "submit": _id_pattern("annotation-api:submit"),
        "skip": _id_pattern("annotation-api:skip"),
        "undo": _id_pattern("annotation-api:undo"),
    }
    return render(
        request,
        "annotation/annotate.html",
        {
            "campaign": campaign,
            "question": TASK_QUESTIONS.get(campaign.task, ""),
            "guideline": guideline_html(campaign.guideline),
            "progress": progress,
            "urls": urls,
        },
    )


def _id_pattern(name: str) -> str:
    head, _, tail = reverse(name, kwargs={"pk": 0}).rpartition("/0/")
    return f"{head}/{{id}}/{tail}"
