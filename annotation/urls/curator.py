"""Curator pages: campaigns, quality control, judgement import."""

urlpatterns: list = []
