"""The annotator's part of the home page: links to the campaigns open for them.

A template tag rather than code in accounts/views.py, so that accounts (the bottom of the
dependency chain) never imports annotation.
"""

from django import template

from annotation import selectors

register = template.Library()
HOME_LIMIT = 20  # the rest are on My campaigns


@register.inclusion_tag("annotation/_open_campaign_links.html", takes_context=True)
def annotator_open_campaigns(context):
    campaigns = list(selectors.campaign_list_for_annotator(context["user"])[: HOME_LIMIT + 1])
    return {
        "campaigns": campaigns[:HOME_LIMIT],
        "more": len(campaigns) > HOME_LIMIT,
    }
