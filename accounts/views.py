from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .roles import ADMIN, ANNOTATOR, CURATOR, MODEL_AUTHOR, user_roles

# Where each role's work starts. Later capabilities add their pages here.
_ROLE_DESTINATIONS = {
    CURATOR: [
        ("Catalogue", "pipeline:catalog", "Browse the imported products and reviews."),
        ("Import a catalogue", "pipeline:import-new", "Upload Amazon Reviews 2023 files."),
        ("Import jobs", "pipeline:import-list", "Watch catalogue imports and their problems."),
        ("Pipeline runs", "pipeline:run-list", "Generate intentions, objectives, scripts, needs."),
        (
            "Annotation campaigns",
            "annotation:campaign-list",
            "Create campaigns, watch progress and annotator quality, import judgements.",
        ),
        ("Releases", "annotation:release-list", "Freeze settled gold labels into a benchmark."),
    ],
    # The open campaigns themselves are listed by the annotation app's template tag
    # (templates/accounts/home.html), so accounts never imports annotation.
    ANNOTATOR: [
        ("My campaigns", "annotation:my-campaigns", "Your progress and standing per campaign."),
    ],
    # The published releases are listed by the evaluation app's template tag.
    MODEL_AUTHOR: [
        ("My models", "evaluation:model-list", "The systems you submit predictions for."),
        ("Submit predictions", "evaluation:submission-new", "Upload a file; it is scored live."),
        ("My submissions", "evaluation:submission-list", "Status, reports and scores with CIs."),
        ("API token", "evaluation:token", "Download inputs and submit from scripts."),
    ],
    ADMIN: [("Administration", "admin:index", "Every table, with search and filters.")],
}


@login_required
def home(request):
    held = user_roles(request.user)
    sections = []
    for role in (ANNOTATOR, CURATOR, MODEL_AUTHOR, ADMIN):
        if role in held or (ADMIN in held and role == CURATOR):
            sections.append((role, _ROLE_DESTINATIONS[role]))
    return render(request, "accounts/home.html", {"sections": sections, "held": held})
