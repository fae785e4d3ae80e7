"""Gold labels of a campaign, the adjudication queue, and cached agreement statistics.

An item's gold label is settled when it has all the votes its campaign asks for and either
its majority is clear and nothing flags it (tie, 3-2 split, Dawid-Skene disagreeing with the
majority, a low posterior), or a curator has adjudicated it. A tie is never silently 0.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max

from accounts.errors import ApplicationError, ConflictError
from annotation.agreement import Judgement, agreement_report_compute, gold_labels_compute
from annotation.models import Adjudication, Assignment, Campaign, CampaignItem, CampaignStats

STATS_RESAMPLES = 1000


@dataclass
class GoldRow:
    campaign_item: CampaignItem
    uid: str
    votes: int
    positive: int
    majority: int | None
    ds_posterior: float | None
    flags: list[str]
    needs_adjudication: bool
    adjudication: Adjudication | None
    guideline_versions: list[int]

    @property
    def label(self) -> int | None:
        """The settled gold label, or None while the item waits for adjudication."""
        if self.adjudication is not None:
            return self.adjudication.label
        if self.needs_adjudication or self.majority is None:
            return None
        return self.majority


def _judgements(campaign: Campaign) -> tuple[list[Judgement], dict[str, list[int]]]:
    rows = Assignment.objects.filter(
        campaign=campaign, status=Assignment.Status.SUBMITTED, is_control=False
    ).values_list(
        "item__item__uid",
        "annotator_id",
        "external_annotator",
        "label",
        "seconds",
        "guideline_version",
    )
    judgements, versions = [], {}
    for uid, user_id, external, label, seconds, version in rows.order_by("item_id", "id"):
        judgements.append(
            Judgement(
                item=uid, annotator=str(user_id or f"ext:{external}"), label=label, seconds=seconds
            )
        )
        if version is not None:
            versions.setdefault(uid, set()).add(version)
    return judgements, {uid: sorted(v) for uid, v in versions.items()}


def campaign_gold(campaign: Campaign) -> list[GoldRow]:
    """One row per complete real item, in campaign order."""
    complete = {
        ci.item.uid: ci
        for ci in campaign.items.filter(is_control=False, judged__gte=F("votes_target"))
        .select_related("item__category", "adjudication")
        .order_by("position")
    }
    if not complete:
        return []
    judgements, versions = _judgements(campaign)
    labels = {label.item: label for label in gold_labels_compute(judgements)}
    rows = []
    for uid, ci in complete.items():
        label = labels[uid]
        rows.append(
            GoldRow(
                campaign_item=ci,
                uid=uid,
                votes=label.votes,
                positive=label.positive,
                majority=label.majority,
                ds_posterior=label.ds_p1,
                flags=label.flags,
                needs_adjudication=label.needs_adjudication,
                adjudication=getattr(ci, "adjudication", None),
                guideline_versions=versions.get(uid, []),
            )
        )
    return rows


def adjudication_queue(campaign: Campaign) -> list[GoldRow]:
    """Flagged complete items without a decision yet."""
    return [r for r in campaign_gold(campaign) if r.needs_adjudication and r.adjudication is None]


def adjudication_decide(*, campaign_item: CampaignItem, label: int, reason: str, user):
    if label not in (0, 1):
        raise ApplicationError("label: must be 0 or 1")
    if not reason.strip():
        raise ApplicationError("reason: say why (it is kept with the decision)")
    if campaign_item.is_control:
        raise ApplicationError("Control items have a known answer; nothing to adjudicate.")
    try:
        with transaction.atomic():
            return Adjudication.objects.create(
                item=campaign_item, label=label, reason=reason.strip(), decided_by=user
            )
    except IntegrityError:
        raise ConflictError("This item was already adjudicated.") from None


def _stamp(campaign: Campaign) -> str:
    submitted = Assignment.objects.filter(campaign=campaign, status=Assignment.Status.SUBMITTED)
    facts = submitted.aggregate(n=Count("id"), last=Max("submitted_at"))
    return f"{facts['n']}:{facts['last'].isoformat() if facts['last'] else '-'}"


def campaign_stats(campaign: Campaign, *, refresh: bool = False) -> dict:
    """The campaign's agreement report (annotation.agreement), recomputed only when its
    judgements changed since the last computation (pages read the stored copy)."""
    stamp = _stamp(campaign)
    cached = CampaignStats.objects.filter(campaign=campaign).first()
    if cached is not None and cached.stamp == stamp and not refresh:
        return cached.report
    judgements, _ = _judgements(campaign)
    attributes = {
        uid: {"task": campaign.task, "category": category}
        for uid, category in campaign.items.values_list("item__uid", "item__category__name")
    }
    started = time.monotonic()
    report = agreement_report_compute(
        # Real items only: control items have a vote from nearly everyone and would swamp
        # the vote splits; control accuracy is kept per annotator (CampaignAnnotator).
        judgements,
        item_attributes=attributes,
        group_keys=("category",),
        resamples=STATS_RESAMPLES,
        seed=campaign.pk,
    ).to_dict()
    CampaignStats.objects.update_or_create(
        campaign=campaign,
        defaults={"stamp": stamp, "report": report, "seconds": time.monotonic() - started},
    )
    return report
