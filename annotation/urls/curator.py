"""Curator pages: campaigns, quality control, judgement import."""

from django.urls import path

from annotation.views import curator

urlpatterns = [
    path("campaigns/", curator.campaign_list, name="campaign-list"),
    path("campaigns/new/", curator.campaign_new, name="campaign-new"),
    path("campaigns/<int:pk>/", curator.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/state/", curator.campaign_state, name="campaign-state"),
    path("campaigns/<int:pk>/guideline/", curator.campaign_guideline, name="campaign-guideline"),
    path(
        "campaigns/<int:pk>/annotators/<int:user_id>/unpause/",
        curator.campaign_unpause,
        name="campaign-unpause",
    ),
    path("campaigns/<int:pk>/import/", curator.campaign_import, name="campaign-import"),
]
