"""The model author's part of the home page: the published releases and their leaderboards.

A template tag rather than code in accounts/views.py, so that accounts (the bottom of the
dependency chain) never imports evaluation.
"""

from django import template

from evaluation.selectors import published_releases

register = template.Library()
HOME_LIMIT = 10  # the rest are on the releases page


@register.inclusion_tag("evaluation/_home_releases.html")
def evaluation_home_releases():
    releases = list(published_releases()[: HOME_LIMIT + 1])
    return {"releases": releases[:HOME_LIMIT], "more": len(releases) > HOME_LIMIT}
