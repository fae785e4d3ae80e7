"""Annotator pages: campaign list, the one-item-per-screen annotate page."""

urlpatterns: list = []
