"""Reads with rules: what annotators and curators see of campaigns.

An annotator's view never contains another annotator's label, a control item's answer, an
item's origin or association score (they would give the answer away), or whether an item is
a control item at all.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from accounts.roles import ANNOTATOR, user_has_role
from annotation.agreement import Judgement, gold_labels_compute
from annotation.models import Assignment, Campaign, CampaignAnnotator, CampaignItem
from annotation.services import _undo_seconds


def campaign_list_for_annotator(user) -> QuerySet:
    return Campaign.objects.filter(state=Campaign.State.OPEN).select_related("item_set")


def campaign_list() -> QuerySet:
    return Campaign.objects.select_related("item_set", "created_by")


def assignment_view(assignment: Assignment) -> dict:
    """What the annotator's page shows for one reserved item: the frozen payload and nothing
    that hints at the answer."""
    item = assignment.item.item
    return {
        "assignment": assignment.pk,
        "item": item.uid,
        "task": item.task,
        "status": assignment.status,
        "payload": item.payload,
        "expires_at": assignment.expires_at,
        "label": assignment.label,
    }


def annotator_progress(campaign: Campaign, user) -> dict:
    member = (
        CampaignAnnotator.objects.filter(campaign=campaign, annotator=user)
        .select_related("last_judgement")
        .first()
    )
    return annotator_progress_of(campaign, member)


def annotator_progress_of(campaign: Campaign, member: CampaignAnnotator | None) -> dict:
    """The annotator's progress from their membership row, whose counters every judgement and
    undo keep (``member.last_judgement`` loaded, or None). Every next-item answer carries this,
    so it makes no query of its own but the campaign's item counts, which are cached."""
    now = timezone.now()
    last = member.last_judgement if member is not None and member.last_judgement_id else None
    undo_until = None
    if last is not None and last.status == Assignment.Status.SUBMITTED and last.submitted_at:
        undo_until = last.submitted_at + timedelta(seconds=_undo_seconds())
    undo_open = undo_until is not None and undo_until > now
    items, complete = campaign_item_counts(campaign)
    return {
        "done_today": member.done_today if member else 0,
        "done_in_campaign": member.judged if member else 0,
        "qualification": member.qualification
        if member
        else CampaignAnnotator.Qualification.PENDING,
        "qualifying": bool(
            campaign.qualification_items
            and (member is None or member.qualification == CampaignAnnotator.Qualification.PENDING)
        ),
        "qualification_items": campaign.qualification_items,
        "paused": bool(member and member.paused),
        "paused_reason": member.paused_reason if member else "",
        "last_assignment": last.pk if undo_open else None,
        "undo_until": undo_until if undo_open else None,
        "campaign_items_complete": complete,
        "campaign_items": items,
    }


# (campaign id, created_at) -> (monotonic time counted, real items, complete items).
_ITEM_COUNTS: dict[tuple, tuple[float, int, int]] = {}


def campaign_item_counts(campaign: Campaign) -> tuple[int, int]:
    """(real items, items with all their votes) of a campaign, as the annotator pages show them.
    Counted at most every ANNOTATION_ITEM_COUNTS_SECONDS per process: counting the campaign's
    15,000 items for every next-item answer cost more than the rest of the answer
    (bench/annotation_load.py), and a campaign-wide figure a few seconds old tells the
    annotator the same."""
    ttl = float(getattr(settings, "ANNOTATION_ITEM_COUNTS_SECONDS", 5))
    key = (campaign.pk, campaign.created_at)
    now = time.monotonic()
    hit = _ITEM_COUNTS.get(key)
    if hit is not None and now - hit[0] < ttl:
        return hit[1], hit[2]
    counts = campaign.items.filter(is_control=False).aggregate(
        items=Count("id"), complete=Count("id", filter=Q(judged__gte=F("votes_target")))
    )
    if len(_ITEM_COUNTS) > 1000:
        _ITEM_COUNTS.clear()
    _ITEM_COUNTS[key] = (now, counts["items"], counts["complete"])
    return counts["items"], counts["complete"]


def campaign_judgements(campaign: Campaign, *, include_controls: bool = False) -> list[Judgement]:
    rows = Assignment.objects.filter(campaign=campaign, status=Assignment.Status.SUBMITTED)
    if not include_controls:
        rows = rows.filter(is_control=False)
    return [
        # Imported workers get a prefix: platform worker "7" is not this site's user 7.
        Judgement(
            item=uid, annotator=str(user_id or f"ext:{external}"), label=label, seconds=seconds
        )
        for uid, user_id, external, label, seconds in rows.values_list(
            "item__item__uid", "annotator_id", "external_annotator", "label", "seconds"
        ).order_by("item_id", "id")
    ]


def campaign_settled_labels(campaign: Campaign) -> dict[int, int]:
    """Settled gold labels by script id: items with all their votes whose majority is clear
    and not flagged for adjudication."""
    complete = dict(
        campaign.items.filter(is_control=False, judged__gte=F("votes_target")).values_list(
            "item__uid", "item__script_id"
        )
    )
    if not complete:
        return {}
    judgements = [j for j in campaign_judgements(campaign) if j.item in complete]
    settled = {}
    for label in gold_labels_compute(judgements):
        if label.majority is not None and not label.needs_adjudication:
            settled[complete[label.item]] = label.majority
    return settled


def campaign_progress(campaign: Campaign) -> dict:
    now = timezone.now()
    real = campaign.items.filter(is_control=False)
    counts = real.aggregate(
        items=Count("id"),
        complete=Count("id", filter=Q(judged__gte=F("votes_target"))),
        untouched=Count("id", filter=Q(taken=0, judged=0)),
    )
    counts["in_progress"] = counts["items"] - counts["complete"] - counts["untouched"]
    counts["judgements"] = Assignment.objects.filter(
        campaign=campaign, status="submitted", is_control=False
    ).count()
    counts["control_judgements"] = Assignment.objects.filter(
        campaign=campaign, status="submitted", is_control=True
    ).count()
    counts["live_reservations"] = Assignment.objects.filter(
        campaign=campaign, status="reserved", expires_at__gt=now
    ).count()
    counts["votes_asked"] = sum(real.values_list("votes_target", flat=True))
    return counts


def campaign_throughput(campaign: Campaign, *, bucket_minutes: int = 60) -> list[tuple]:
    """Judgements per time bucket (start, count), oldest first."""
    buckets: dict = defaultdict(int)
    for at in Assignment.objects.filter(campaign=campaign, status="submitted").values_list(
        "submitted_at", flat=True
    ):
        minute = (at.minute // bucket_minutes) * bucket_minutes if bucket_minutes < 60 else 0
        buckets[at.replace(minute=minute, second=0, microsecond=0)] += 1
    return sorted(buckets.items())


def campaign_annotator_table(campaign: Campaign) -> list[dict]:
    seconds: dict[int, list[float]] = defaultdict(list)
    for user_id, value in Assignment.objects.filter(
        campaign=campaign, status="submitted", seconds__isnull=False, annotator__isnull=False
    ).values_list("annotator_id", "seconds"):
        seconds[user_id].append(value)
    rows = []
    for member in campaign.annotators.select_related("annotator").order_by("annotator__username"):
        flags = []
        if member.paused:
            flags.append("paused")
        if member.qualification == CampaignAnnotator.Qualification.FAILED:
            flags.append("failed qualification")
        if member.judged and member.too_fast / member.judged > 0.2:
            flags.append("often too fast")
        rows.append(
            {
                "annotator": member.annotator,
                "member": member,
                "judged": member.judged,
                "control_accuracy": member.control_accuracy,
                "controls_seen": member.controls_seen,
                "median_seconds": statistics.median(seconds[member.annotator_id])
                if seconds[member.annotator_id]
                else None,
                "too_fast": member.too_fast,
                "qualification": member.get_qualification_display(),
                "flags": flags,
            }
        )
    return rows


def annotator_may_annotate(user) -> bool:
    return user_has_role(user, ANNOTATOR)


def campaign_items_for_curator(campaign: Campaign) -> QuerySet:
    return CampaignItem.objects.filter(campaign=campaign).select_related("item")


# --- curator pages ----------------------------------------------------------------------------

ANNOTATOR_SORTS = {
    "annotator": lambda row: row["annotator"].username.lower(),
    "judged": lambda row: row["judged"],
    "accuracy": lambda row: row["control_accuracy"],
    "seconds": lambda row: row["median_seconds"],
    "too_fast": lambda row: row["too_fast"],
    "qualification": lambda row: row["qualification"],
    "flags": lambda row: len(row["flags"]),
}


def campaign_list_with_progress() -> QuerySet:
    rows = campaign_list().annotate(
        n_items=Count("items", filter=Q(items__is_control=False)),
        n_complete=Count(
            "items", filter=Q(items__is_control=False, items__judged__gte=F("items__votes_target"))
        ),
        n_controls=Count("items", filter=Q(items__is_control=True)),
    )
    # A GROUP BY query drops the model's default ordering; pages need a stable one.
    return rows.order_by("-created_at", "-pk")


def campaign_annotator_table_sorted(campaign: Campaign, sort: str = "annotator") -> list[dict]:
    """The annotator table ordered by ``sort`` (a key of ANNOTATOR_SORTS, ``-`` first for
    descending); annotators without a value (no controls seen, no timings) always come last.
    An unknown key sorts by name."""
    descending = sort.startswith("-")
    key = ANNOTATOR_SORTS.get(sort.lstrip("-"), ANNOTATOR_SORTS["annotator"])
    rows = campaign_annotator_table(campaign)
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=key, reverse=descending)
    return present + missing


def campaign_dashboard(campaign: Campaign, *, sort: str = "annotator") -> dict:
    """Everything the curator's campaign page shows."""
    return {
        "progress": campaign_progress(campaign),
        "throughput": campaign_throughput(campaign),
        "annotators": campaign_annotator_table_sorted(campaign, sort),
        "imported": Assignment.objects.filter(campaign=campaign, annotator__isnull=True)
        .exclude(external_annotator="")
        .count(),
        "controls": campaign.items.filter(is_control=True).count(),
    }
