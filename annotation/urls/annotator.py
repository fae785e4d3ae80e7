"""Annotator pages: campaign list, the one-item-per-screen annotate page."""

from django.urls import path

from annotation.views import annotator

urlpatterns = [
    path("my-campaigns/", annotator.my_campaigns, name="my-campaigns"),
    path("campaigns/<int:pk>/annotate/", annotator.annotate, name="annotate"),
]
