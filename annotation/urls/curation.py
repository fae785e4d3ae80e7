"""Curation pages: agreement and adjudication per campaign, benchmark releases."""

from django.urls import path

from annotation.views import curation

urlpatterns = [
    path(
        "campaigns/<int:pk>/agreement/",
        curation.campaign_agreement,
        name="campaign-agreement",
    ),
    path(
        "campaigns/<int:pk>/agreement/recompute/",
        curation.campaign_agreement_recompute,
        name="campaign-agreement-recompute",
    ),
    path(
        "campaigns/<int:pk>/adjudication/",
        curation.campaign_adjudication,
        name="campaign-adjudication",
    ),
    path("releases/", curation.release_list, name="release-list"),
    path("releases/new/", curation.release_new, name="release-new"),
    path("releases/<int:pk>/", curation.release_detail, name="release-detail"),
    path("releases/<int:pk>/publish/", curation.release_publish_view, name="release-publish"),
    path("releases/<int:pk>/delete/", curation.release_delete_view, name="release-delete"),
]
