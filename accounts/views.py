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
    ],
    ANNOTATOR: [],
    MODEL_AUTHOR: [],
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
