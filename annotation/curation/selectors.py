"""Reads for the curation pages and API: agreement over time, the per-annotator table with
names, the adjudication history, and releases as each role may see them."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import Count, QuerySet

from accounts.roles import CURATOR, user_has_role
from annotation.agreement import agreement_counts_compute
from annotation.models import (
    Adjudication,
    Assignment,
    Campaign,
    CampaignAnnotator,
    Release,
    ReleaseItem,
)

# _stamp is the package's own "which judgements" key; sharing it keeps this cache and the
# CampaignStats cache invalidated by exactly the same changes.
from .gold import _stamp

TIME_POINTS = 10
# A day is plenty: the key holds the judgements stamp, so a stale entry is never read anyway.
_CACHE_SECONDS = 24 * 3600

QUALITY_SORTS = (
    "annotator",
    "judgements",
    "loo_agreement",
    "loo_kappa",
    "ds_accuracy",
    "control_accuracy",
    "median_seconds",
    "flags",
)


def _finite(value) -> float | None:
    return float(value) if value is not None and math.isfinite(value) else None


def agreement_over_time(campaign: Campaign, *, points: int = TIME_POINTS) -> list[dict]:
    """Percent agreement, Fleiss' kappa and Krippendorff's alpha on the judgements submitted up
    to each of ``points`` moments (after each tenth of the judgements, in submission order).

    Point estimates only (no bootstrap): the curve shows a trend, the agreement page shows the
    intervals of the final figures. Cached under the campaign's judgements stamp, so it is
    computed once per change of the judgements, not on every page view.
    """
    key = f"curation:agreement-over-time:{campaign.pk}:{points}:{_stamp(campaign)}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    rows = list(
        Assignment.objects.filter(
            campaign=campaign, status=Assignment.Status.SUBMITTED, is_control=False
        )
        .order_by("submitted_at", "id")
        .values_list("item_id", "label", "submitted_at")
    )
    series: list[dict] = []
    if rows:
        items = {item_id: i for i, item_id in enumerate(dict.fromkeys(r[0] for r in rows))}
        item_index = np.fromiter((items[r[0]] for r in rows), dtype=np.int64, count=len(rows))
        labels = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
        # Cut points after each 1/points of the judgements; fewer when there are few of them.
        cuts = sorted({max(1, round(len(rows) * k / points)) for k in range(1, points + 1)})
        for cut in cuts:
            counts = np.zeros((len(items), 2), dtype=np.int64)
            np.add.at(counts, (item_index[:cut], labels[:cut]), 1)
            counts = counts[counts.sum(axis=1) > 0]
            stats = agreement_counts_compute(counts, resamples=0)
            series.append(
                {
                    "at": rows[cut - 1][2],
                    "judgements": cut,
                    "items": len(counts),
                    "percent_agreement": _finite(stats.percent_agreement.value),
                    "fleiss_kappa": _finite(stats.fleiss_kappa.value),
                    "krippendorff_alpha": _finite(stats.krippendorff_alpha.value),
                }
            )
    cache.set(key, series, _CACHE_SECONDS)
    return series


def annotator_names(keys: Iterable[str]) -> dict[str, str]:
    """Report annotator keys (a user id, or ``ext:<worker>`` for imported judgements) to the
    names the pages show."""
    keys = list(keys)
    ids = [int(k) for k in keys if k.isdigit()]
    users = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username"))
    return {k: users.get(int(k), f"user {k}") if k.isdigit() else k for k in keys}


def annotator_quality_rows(campaign: Campaign, report: dict, *, sort: str = "") -> list[dict]:
    """The report's per-annotator rows with names and control accuracy (from the campaign's
    own control items, which the report leaves out), sorted by ``sort`` (a column name,
    ``-`` first for descending). Unknown columns keep the report order: worst LOO first.
    Rows without a value for the sort column go last either way."""
    names = annotator_names(q["annotator"] for q in report["annotators"])
    controls = {
        str(member.annotator_id): member
        for member in CampaignAnnotator.objects.filter(campaign=campaign)
    }
    rows = []
    for quality in report["annotators"]:
        member = controls.get(quality["annotator"])
        rows.append(
            {
                **quality,
                "name": names[quality["annotator"]],
                "control_seen": member.controls_seen if member else 0,
                "control_accuracy": member.control_accuracy if member else None,
                "paused": bool(member and member.paused),
            }
        )
    column = sort.lstrip("-")
    if column in QUALITY_SORTS:
        descending = sort.startswith("-")

        def value(row):
            v = row["name"] if column == "annotator" else row[column]
            return len(v) if column == "flags" else v

        present = [r for r in rows if value(r) is not None]
        missing = [r for r in rows if value(r) is None]
        present.sort(key=value, reverse=descending)
        rows = present + missing
    return rows


def cohen_matrix_rows(cohen: dict) -> tuple[list[str], list[tuple[str, list]]]:
    """Header names and (name, cells) rows of the pairwise Cohen's kappa matrix."""
    names = annotator_names(cohen["annotators"])
    header = [names[a] for a in cohen["annotators"]]
    return header, list(zip(header, cohen["matrix"], strict=True))


def adjudication_history(campaign: Campaign) -> QuerySet:
    return (
        Adjudication.objects.filter(item__campaign=campaign)
        .select_related("decided_by", "item__item")
        .order_by("-decided_at", "-id")
    )


def release_list() -> QuerySet:
    # An aggregate drops Meta.ordering (GROUP BY), so the order is spelt out.
    return (
        Release.objects.select_related("created_by")
        .annotate(n_items=Count("items"))
        .order_by("-created_at", "-id")
    )


def release_list_visible(user) -> QuerySet:
    """Curators see every release; everyone else (model authors) only published ones, since a
    draft may still change or be deleted."""
    releases = release_list()
    if user_has_role(user, CURATOR):
        return releases
    return releases.filter(status=Release.Status.PUBLISHED)


def release_split_rows(release: Release) -> list[dict]:
    """Flat rows of ``release.stats['by_task']``: one per task and split, with the negative
    count and positive share spelt out."""
    order = {"train": 0, "dev": 1, "test": 2, "test-public": 3, "test-private": 4}
    rows = []
    for task, splits in (release.stats or {}).get("by_task", {}).items():
        for split, cell in sorted(splits.items(), key=lambda kv: order.get(kv[0], 9)):
            items, positive = cell["items"], cell["positive"]
            rows.append(
                {
                    "task": task,
                    "split": split,
                    "items": items,
                    "positive": positive,
                    "negative": items - positive,
                    "positive_share": positive / items if items else None,
                }
            )
    return rows


def release_sample_items(release: Release, *, per_split: int = 5) -> list[ReleaseItem]:
    """The first few items of each task and split (in uid order, so the sample is stable)."""
    sample: list[ReleaseItem] = []
    keys = release.items.values_list("task", "split").distinct().order_by("task", "split")
    for task, split in keys:
        sample.extend(
            release.items.filter(task=task, split=split)
            .select_related("campaign")
            .order_by("uid")[:per_split]
        )
    return sample


def release_stats_public(stats: dict) -> dict:
    """A release's statistics as a model author may see them: the test split's label balance
    (overall and per part) is hidden with its labels; train and dev are public data anyway."""
    import copy

    shown = copy.deepcopy(stats)
    for splits in shown.get("by_task", {}).values():
        for name, cell in splits.items():
            if name == "test" or name.startswith("test-"):
                cell.pop("positive", None)
    return shown
