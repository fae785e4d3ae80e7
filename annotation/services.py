"""Everything that writes in annotation: campaigns, assignment, judgements, quality control.

How assignment stays correct under concurrency (SPEC.md section 6):

- ``item_assign`` picks the next free item with ``SELECT ... FOR UPDATE SKIP LOCKED`` (on
  PostgreSQL; SQLite runs transactions with an immediate write lock): two annotators asking at
  once never wait on, or get, the same row. It hands items out oldest first (by position), so
  the items in progress are the first open ones and finish instead of all being half done.
- The reservation and the item's ``taken`` counter change in one transaction, and the database
  refuses ``taken > votes_target`` and a second assignment of an item to an annotator, so even
  a bug here cannot over-assign or double-judge.
- Lock order is always assignment row, then item row (submit, skip, undo, expiry) or item row
  alone (assign), so no two transactions wait on each other in a cycle.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone

from accounts.errors import ApplicationError, ConflictError, NotFoundError
from annotation.assignment_sql import (
    CAMPAIGN_FIELDS,
    LAST_FIELDS,
    Row,
    assignment_built,
    sql_row,
    statement,
)
from annotation.models import Assignment, Campaign, CampaignAnnotator, CampaignItem
from pipeline.models import ItemSet

ASSIGN_ATTEMPTS = 5  # a lost race (another annotator took the last slot) just tries again


class AnnotatorBlocked(ApplicationError):
    """The annotator may not get items now (paused, not qualified, campaign not open)."""

    http_status = 403


def _undo_seconds() -> int:
    return int(getattr(settings, "ANNOTATION_UNDO_SECONDS", 60))


# --- campaigns --------------------------------------------------------------------------------


def campaign_create(
    *,
    user,
    item_set: ItemSet,
    name: str,
    votes_per_item: int = 5,
    initial_votes: int | None = None,
    reservation_minutes: int = 30,
    guideline: str = "",
    control_answers: dict[str, int] | None = None,
    control_share: float = 0.1,
    qualification_items: int = 4,
    qualification_pass: float = 0.75,
    pause_below: float = 0.6,
    pause_min_controls: int = 5,
    min_seconds: float = 2.0,
    source_campaign: Campaign | None = None,
) -> Campaign:
    """A campaign over an item set. ``control_answers`` maps item uids to their known label;
    those items become control items. With ``source_campaign`` (a T1 campaign) only items
    whose script has a settled positive T1 label are included (a staged T3 campaign)."""
    from annotation.selectors import campaign_settled_labels

    if item_set.status != ItemSet.Status.READY:
        raise ApplicationError(f"item_set: {item_set} is not ready ({item_set.status})")
    if not 1 <= int(votes_per_item) <= 50:
        raise ApplicationError("votes_per_item: must be between 1 and 50")
    if initial_votes is not None and not 1 <= int(initial_votes) <= int(votes_per_item):
        raise ApplicationError("initial_votes: must be between 1 and votes_per_item")
    if not 0 <= float(control_share) < 1:
        raise ApplicationError("control_share: must be at least 0 and below 1")
    if int(reservation_minutes) < 1:
        raise ApplicationError("reservation_minutes: must be at least 1")
    control_answers = dict(control_answers or {})
    bad = {uid: v for uid, v in control_answers.items() if v not in (0, 1)}
    if bad:
        raise ApplicationError(f"control answers must be 0 or 1; not {bad}")
    items = list(item_set.items.order_by("position").values_list("id", "uid", "script_id"))
    known = {uid for _, uid, _ in items}
    unknown = sorted(set(control_answers) - known)
    if unknown:
        raise ApplicationError(
            f"control answers name {len(unknown)} item(s) not in {item_set}: "
            f"{', '.join(unknown[:5])}"
        )
    if source_campaign is not None:
        if source_campaign.task != "t1" or item_set.task != "t3":
            raise ApplicationError(
                "source_campaign: a staged campaign is a T3 campaign built on a T1 campaign"
            )
        settled = campaign_settled_labels(source_campaign)
        positive_scripts = {script for script, label in settled.items() if label == 1}
        items = [row for row in items if row[2] in positive_scripts or row[1] in control_answers]
        if not [row for row in items if row[1] not in control_answers]:
            raise ApplicationError(
                f"source_campaign: no script of {source_campaign} has a settled positive label yet"
            )
    start = int(initial_votes or votes_per_item)
    with transaction.atomic():
        campaign = Campaign.objects.create(
            name=name,
            item_set=item_set,
            task=item_set.task,
            votes_per_item=votes_per_item,
            initial_votes=initial_votes,
            reservation_minutes=reservation_minutes,
            guideline=guideline,
            control_share=control_share if control_answers else 0,
            qualification_items=qualification_items if control_answers else 0,
            qualification_pass=qualification_pass,
            pause_below=pause_below,
            pause_min_controls=pause_min_controls,
            min_seconds=min_seconds,
            source_campaign=source_campaign,
            created_by=user,
        )
        campaign.guidelines.create(version=1, text=guideline, created_by=user)
        CampaignItem.objects.bulk_create(
            [
                CampaignItem(
                    campaign=campaign,
                    item_id=item_id,
                    position=n,
                    is_control=uid in control_answers,
                    control_answer=control_answers.get(uid),
                    votes_target=start,
                )
                for n, (item_id, uid, _) in enumerate(items, start=1)
            ],
            batch_size=2000,
        )
    return campaign


def campaign_state_set(campaign: Campaign, state: str) -> Campaign:
    if state not in Campaign.State.values:
        raise ApplicationError(f"state: {state!r} is not one of {', '.join(Campaign.State.values)}")
    if campaign.state == Campaign.State.CLOSED and state != Campaign.State.CLOSED:
        raise ConflictError("A closed campaign stays closed.")
    Campaign.objects.filter(pk=campaign.pk).update(state=state)
    campaign.state = state
    return campaign


def campaign_guideline_update(campaign: Campaign, *, text: str, user) -> Campaign:
    """A new guideline text is a new version; judgements keep the version they were given."""
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if text == locked.guideline:
            return locked
        locked.guideline_version += 1
        locked.guideline = text
        locked.save(update_fields=["guideline", "guideline_version"])
        locked.guidelines.create(version=locked.guideline_version, text=text, created_by=user)
    return locked


def annotator_unpause(campaign: Campaign, annotator) -> None:
    """A curator lets a paused annotator work again (after talking to them)."""
    CampaignAnnotator.objects.filter(campaign=campaign, annotator=annotator).update(
        paused=False, paused_reason=""
    )


# --- assignment -------------------------------------------------------------------------------
#
# On PostgreSQL the common path of a next item and of a submit is a few hand-written statements
# (annotation/assignment_sql.py; bench/annotation_load.py measures why: the ORM spent about
# 0.7 ms of CPU building each of the 24 queries a cycle used to make). Each is one statement in
# autocommit mode, so it is its own transaction with no BEGIN/COMMIT round trips, and the
# database constraints guard it exactly as they guard the ORM path:
#
# - ``statement("state")`` reads the campaign, the annotator's membership (with the progress
#   counters), the reservation they hold and whether any reservation of the campaign has run
#   out;
# - ``statement("reserve")`` picks the free item (``FOR UPDATE SKIP LOCKED``), raises its
#   ``taken`` counter and inserts the reservation, in one statement;
# - ``statement("submit")`` records a judgement on a live reservation and moves the item's and
#   the annotator's counters with it; it also reads what ``statement("state")`` would for a
#   next item right after (a submit with ``"next": true`` is then 2 statements, not 3).
#
# Everything else (reserving a control item, a submit that is repeated, late or on someone
# else's item, dynamic overlap, other databases than PostgreSQL) takes the ORM path below,
# which takes the row locks explicitly.


@dataclass
class NextItem:
    """What a next-item request found. ``member`` has the annotator's progress counters and
    ``last_judgement`` loaded, so an answer can report progress without another query."""

    campaign: Campaign
    member: CampaignAnnotator
    assignment: Assignment | None


def item_assign(campaign: Campaign, annotator) -> Assignment | None:
    """The annotator's next item: their live reservation if they hold one, else a newly
    reserved item (a control item when one is due). None when nothing is left for them."""
    return item_next(campaign, annotator).assignment


def item_next(campaign: Campaign | int, annotator, *, after: Assignment | None = None) -> NextItem:
    """``item_assign`` with the campaign and membership it read. ``campaign`` may be an id (the
    API passes one): the campaign then comes in the same query as the annotator's state. The
    campaign's state is always the database's, not that of the object passed in.

    ``after``: the judgement ``judgement_submit`` just returned. When the PostgreSQL statement
    recorded it, that statement also read the annotator's state (``Assignment.state_after``),
    so it is not read again."""
    now = timezone.now()
    known = getattr(after, "state_after", None)
    if known is not None and known[0].pk == _campaign_id(campaign):
        campaign, member, live, stale = known
    else:
        reader = _state_read if _fast_sql() else _state_read_orm
        campaign, member, live, stale = reader(campaign, annotator, now)
    if campaign.state != Campaign.State.OPEN:
        raise AnnotatorBlocked(f"{campaign} is {campaign.get_state_display().lower()}.")
    if member is None:
        member, created = CampaignAnnotator.objects.get_or_create(
            campaign=campaign, annotator=annotator
        )
        if created:
            member.last_judgement = None
    member.campaign = campaign  # the qualification and pause rules read it: no second query
    if member.paused or member.qualification == CampaignAnnotator.Qualification.FAILED:
        raise AnnotatorBlocked(_blocked_message(member))
    if live is not None:
        return NextItem(campaign, member, live)
    if stale:
        reservations_expire(campaign)
    return NextItem(campaign, member, _assign_new(campaign, member, annotator))


def _assign_new(campaign: Campaign, member: CampaignAnnotator, annotator) -> Assignment | None:
    if member.qualification == CampaignAnnotator.Qualification.PENDING:
        if campaign.qualification_items and _controls_left(campaign, annotator):
            return _reserve(campaign, annotator, control=True)
        _qualification_decide(member, force=True)
        if member.qualification != CampaignAnnotator.Qualification.PASSED:
            raise AnnotatorBlocked(_blocked_message(member))
    if _control_due(campaign, member):
        assignment = _reserve(campaign, annotator, control=True)
        if assignment is not None:
            return assignment
    return _reserve(campaign, annotator, control=False)


def _campaign_id(campaign: Campaign | int) -> int:
    return campaign.pk if isinstance(campaign, Campaign) else campaign


def _fast_sql() -> bool:
    return connection.vendor == "postgresql"


def _state_read_orm(campaign, annotator, now):
    campaign_id = _campaign_id(campaign)
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        raise NotFoundError("No such campaign.")
    member = (
        CampaignAnnotator.objects.filter(campaign=campaign, annotator=annotator)
        .select_related("last_judgement")
        .first()
    )
    live = (
        Assignment.objects.filter(
            campaign=campaign,
            annotator=annotator,
            status=Assignment.Status.RESERVED,
            expires_at__gt=now,
        )
        .select_related("item__item")
        .order_by("reserved_at")
        .first()
    )
    # reservations_expire looks for stale reservations itself.
    return campaign, member, live, True


def _state_read(campaign, annotator, now):
    campaign_id = _campaign_id(campaign)
    row = sql_row(
        statement("state"), {"campaign": campaign_id, "user": annotator.pk, "now": now}, write=False
    )
    if row is None:
        raise NotFoundError("No such campaign.")
    values = Row(row)
    campaign = values.instance(Campaign, CAMPAIGN_FIELDS)
    member = None
    if values.peek() is not None:
        member = values.instance(CampaignAnnotator, None)
        last = values.instance(Assignment, LAST_FIELDS)
        # The status is tested here, not in the join: with it there, a plan made while the
        # table had few submitted rows looked the judgement up by status, not by its id.
        submitted = last.pk is not None and last.status == Assignment.Status.SUBMITTED
        member.last_judgement = last if submitted else None
    else:
        values.skip(CampaignAnnotator, None)
        values.skip(Assignment, LAST_FIELDS)
    stale = values.take()
    live = None
    if values.peek() is not None:
        live = assignment_built(values, campaign)
    return campaign, member, live, stale


def _blocked_message(member: CampaignAnnotator) -> str:
    if member.paused:
        return member.paused_reason or "Your work on this campaign is paused."
    return (
        "You did not reach the pass mark on the qualification items, so this campaign has no "
        "items for you. Thank you for trying."
    )


def _controls_left(campaign, annotator) -> bool:
    return (
        CampaignItem.objects.filter(campaign=campaign, is_control=True)
        .exclude(Exists(Assignment.objects.filter(item=OuterRef("pk"), annotator=annotator)))
        .exists()
    )


def _control_due(campaign: Campaign, member: CampaignAnnotator) -> bool:
    if not campaign.control_share:
        return False
    # Seeded by annotator and position: spread evenly on average, unpredictable to the annotator.
    draw = random.Random(f"{campaign.pk}:{member.annotator_id}:{member.judged}").random()
    return draw < campaign.control_share


def _reserve(campaign: Campaign, annotator, *, control: bool) -> Assignment | None:
    expires = timezone.now() + timedelta(minutes=campaign.reservation_minutes)
    for attempt in range(ASSIGN_ATTEMPTS):
        try:
            if not control and _fast_sql():
                row = sql_row(
                    statement("reserve"),
                    {
                        "campaign": campaign.pk,
                        "user": annotator.pk,
                        "now": timezone.now(),
                        "expires": expires,
                    },
                )
                assignment = None if row is None else assignment_built(Row(row), campaign)
            else:
                assignment = _reserve_orm(campaign, annotator, control=control, expires=expires)
        except IntegrityError:
            # The database refused (another request reserved this item for the same annotator,
            # or took its last slot first): look again.
            continue
        if assignment is not None or not _free_left(campaign, annotator, control=control):
            return assignment
        # Every free item was locked by requests reserving at this very moment (SKIP LOCKED
        # passes over them), so "nothing left" would be wrong: they hold a lock for one
        # statement, so look again shortly.
        time.sleep(0.002 * (attempt + 1))
    return None


def _free_left(campaign: Campaign, annotator, *, control: bool) -> bool:
    free = CampaignItem.objects.filter(campaign=campaign, is_control=control).exclude(
        Exists(Assignment.objects.filter(item=OuterRef("pk"), annotator=annotator))
    )
    if not control:
        free = free.filter(full=False)
    return free.exists()


def _reserve_orm(campaign: Campaign, annotator, *, control: bool, expires) -> Assignment | None:
    with transaction.atomic():
        # The pipeline item (its frozen payload) comes in the same query; only the campaign
        # item row is locked.
        free = (
            CampaignItem.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("item")
            .filter(campaign=campaign, is_control=control)
            .exclude(Exists(Assignment.objects.filter(item=OuterRef("pk"), annotator=annotator)))
        )
        if control:
            # Each annotator sees each control once, in an order of their own.
            free = free.order_by("position")
            ids = list(free.values_list("id", flat=True)[:50])
            if not ids:
                return None
            pick = random.Random(f"{campaign.pk}:{annotator.pk}").choice(ids)
            item = (
                CampaignItem.objects.select_for_update(of=("self",))
                .select_related("item")
                .get(pk=pick)
            )
        else:
            item = free.filter(full=False).order_by("position").first()
            if item is None:
                return None
            CampaignItem.objects.filter(pk=item.pk).update(
                taken=F("taken") + 1,
                full=ExpressionWrapper(
                    Q(taken__gte=F("votes_target") - 1), output_field=BooleanField()
                ),
            )
            item.taken += 1  # as the row now is (the row is locked)
            item.full = item.taken >= item.votes_target
        assignment = Assignment.objects.create(
            campaign=campaign,
            item=item,
            annotator=annotator,
            is_control=control,
            expires_at=expires,
        )
    assignment.campaign = campaign
    return assignment


def reservations_expire(campaign: Campaign | None = None) -> int:
    """Give the slots of reservations that ran out back to their items."""
    batch = int(getattr(settings, "ANNOTATION_EXPIRE_BATCH", 100))
    stale = Assignment.objects.filter(
        status=Assignment.Status.RESERVED, expires_at__lt=timezone.now()
    )
    if campaign is not None:
        stale = stale.filter(campaign=campaign)
    # There is usually nothing stale: one indexed read (status, expires_at) then, instead of a
    # locking transaction.
    if not stale.exists():
        return 0
    with transaction.atomic():
        rows = list(
            stale.select_for_update(skip_locked=True).values_list("id", "item_id", "is_control")[
                :batch
            ]
        )
        if not rows:
            return 0
        Assignment.objects.filter(id__in=[r[0] for r in rows]).update(
            status=Assignment.Status.EXPIRED
        )
        for _, item_id, is_control in rows:
            if not is_control:
                _slot_release(item_id)
    return len(rows)


def _slot_release(item_id: int) -> None:
    CampaignItem.objects.filter(pk=item_id).update(taken=F("taken") - 1, full=False)


def assignment_skip(assignment_id: int, annotator) -> Assignment:
    with transaction.atomic():
        assignment = _own_locked(assignment_id, annotator)
        if assignment.status == Assignment.Status.SKIPPED:
            return assignment
        if assignment.status != Assignment.Status.RESERVED:
            raise ConflictError("Only an item you hold can be skipped.")
        assignment.status = Assignment.Status.SKIPPED
        assignment.save(update_fields=["status"])
        if not assignment.is_control:
            _slot_release(assignment.item_id)
    return assignment


def _own_locked(assignment_id: int, annotator) -> Assignment:
    try:
        return (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("campaign", "item__item")
            .get(pk=assignment_id, annotator=annotator)
        )
    except Assignment.DoesNotExist:
        # Someone else's assignment answers exactly like a missing one: nothing leaks.
        raise NotFoundError("No such assignment of yours.") from None


# --- judgements -------------------------------------------------------------------------------


def judgement_submit(
    assignment_id: int, annotator, *, label: int, seconds: float | None = None
) -> Assignment:
    """Record the annotator's answer. Submitting the same answer again (a double click, a retry
    after a time-out) changes nothing and returns the stored judgement."""
    if label not in (0, 1):
        raise ApplicationError("label: must be 0 or 1")
    if seconds is not None and not 0 <= float(seconds) <= 86_400:
        raise ApplicationError("seconds: must be between 0 and 86400")
    seconds = None if seconds is None else float(seconds)
    now = timezone.now()
    if _fast_sql():
        assignment = _submit_fast(assignment_id, annotator, label=label, seconds=seconds, now=now)
        if assignment is not None:
            return assignment
    return _submit_locked(assignment_id, annotator, label=label, seconds=seconds, now=now)


def _submit_fast(assignment_id: int, annotator, *, label, seconds, now) -> Assignment | None:
    """The common case in one statement: the annotator's own live reservation of a campaign
    that is not closed and has no dynamic overlap. None when the statement does not apply
    (already answered, skipped, expired, someone else's, ...): the locked path decides then."""
    row = sql_row(
        statement("submit"),
        {
            "id": assignment_id,
            "user": annotator.pk,
            "label": label,
            "seconds": seconds,
            "now": now,
            "today": timezone.localdate(now),
        },
    )
    if row is None:
        return None
    values = Row(row)
    campaign = values.instance(Campaign, CAMPAIGN_FIELDS)
    assignment = assignment_built(values, campaign)
    judged = values.take()
    if judged is not None:
        assignment.item.judged = judged
    member = values.instance(CampaignAnnotator, None)
    member.campaign = campaign
    member.last_judgement = assignment
    # The counters above are committed; the rules read them and write only when the standing
    # changes. (If a process died right here, the next submit or next item decides instead.)
    _qualification_decide(member)
    _pause_decide(member)
    # What a next item right after this needs (``item_next(after=...)``), as ``statement("state")``
    # reads it: whether a reservation of the campaign ran out, and another live reservation
    # the annotator holds.
    stale = values.take()
    live = assignment_built(values, campaign) if values.peek() is not None else None
    assignment.state_after = (campaign, member, live, stale)
    return assignment


def _submit_locked(assignment_id: int, annotator, *, label, seconds, now) -> Assignment:
    with transaction.atomic():
        assignment = _own_locked(assignment_id, annotator)
        campaign = assignment.campaign
        if assignment.status == Assignment.Status.SUBMITTED:
            if assignment.label == label:
                return assignment
            raise ConflictError("You already answered this item; press u to undo first.")
        if assignment.status == Assignment.Status.SKIPPED:
            raise ConflictError("You skipped this item.")
        if campaign.state == Campaign.State.CLOSED:
            raise ConflictError(f"{campaign} is closed.")
        if assignment.status == Assignment.Status.EXPIRED:
            _slot_retake(assignment)
        item = assignment.item
        if campaign.initial_votes:
            # Dynamic overlap reads the vote count to decide on more votes: lock the row first.
            # Otherwise the F() update below is atomic on its own and the fields read here
            # (is_control, control_answer) never change.
            item = CampaignItem.objects.select_for_update().get(pk=assignment.item_id)
        assignment.status = Assignment.Status.SUBMITTED
        assignment.label = label
        assignment.seconds = seconds
        assignment.too_fast = seconds is not None and seconds < campaign.min_seconds
        assignment.submitted_at = now
        assignment.guideline_version = campaign.guideline_version
        assignment.save()
        if not item.is_control:
            item.judged += 1
            updates = {"judged": F("judged") + 1}
            if (
                campaign.initial_votes
                and item.judged == item.votes_target < campaign.votes_per_item
            ):
                # Dynamic overlap: disagreeing first votes ask for more, up to k.
                labels = set(
                    item.assignments.filter(status=Assignment.Status.SUBMITTED).values_list(
                        "label", flat=True
                    )
                )
                if len(labels) > 1:
                    updates.update(votes_target=campaign.votes_per_item, full=False)
            CampaignItem.objects.filter(pk=item.pk).update(**updates)
        member = CampaignAnnotator.objects.select_for_update().get(
            campaign=campaign, annotator=annotator
        )
        member.campaign = campaign
        member.judged += 1
        member.too_fast += int(assignment.too_fast)
        if item.is_control:
            member.controls_seen += 1
            member.controls_correct += int(label == item.control_answer)
        today = timezone.localdate(now)
        member.judged_today = member.judged_today + 1 if member.judged_day == today else 1
        member.judged_day = today
        member.last_judgement = assignment
        member.save(
            update_fields=[
                "judged",
                "too_fast",
                "controls_seen",
                "controls_correct",
                "judged_today",
                "judged_day",
                "last_judgement",
            ]
        )
        _qualification_decide(member)
        _pause_decide(member)
    return assignment


def _slot_retake(assignment: Assignment) -> None:
    """A reservation that expired while the annotator was still reading: accept the answer if
    the item still has room (it usually does), else say so."""
    if assignment.is_control:
        return
    taken = CampaignItem.objects.filter(pk=assignment.item_id, taken__lt=F("votes_target")).update(
        taken=F("taken") + 1,
        full=ExpressionWrapper(Q(taken__gte=F("votes_target") - 1), output_field=BooleanField()),
    )
    if not taken:
        raise ConflictError(
            "Your reservation of this item expired and other annotators have since given it all "
            "the votes it needs; your answer was not recorded."
        )


def judgement_undo(assignment_id: int, annotator) -> Assignment:
    """Take back the annotator's last answer, within the undo window; the item is theirs again."""
    now = timezone.now()
    with transaction.atomic():
        assignment = _own_locked(assignment_id, annotator)
        if assignment.status != Assignment.Status.SUBMITTED:
            raise ConflictError("Only an answer you gave can be undone.")
        mine = Assignment.objects.filter(
            campaign=assignment.campaign, annotator=annotator, status="submitted"
        ).order_by("-submitted_at", "-id")
        latest = mine.values_list("id", flat=True).first()
        if latest != assignment.pk:
            raise ConflictError("Only your last answer can be undone.")
        if now - assignment.submitted_at > timedelta(seconds=_undo_seconds()):
            raise ConflictError(f"Answers can be undone for {_undo_seconds()} seconds only.")
        label, was_fast = assignment.label, assignment.too_fast
        answered_on = timezone.localdate(assignment.submitted_at)
        assignment.status = Assignment.Status.RESERVED
        assignment.label = None
        assignment.seconds = None
        assignment.too_fast = False
        assignment.submitted_at = None
        assignment.expires_at = now + timedelta(minutes=assignment.campaign.reservation_minutes)
        assignment.save()
        item = CampaignItem.objects.select_for_update().get(pk=assignment.item_id)
        if not item.is_control:
            CampaignItem.objects.filter(pk=item.pk).update(judged=F("judged") - 1)
        member = CampaignAnnotator.objects.select_for_update().get(
            campaign=assignment.campaign, annotator=annotator
        )
        member.campaign = assignment.campaign
        member.judged -= 1
        member.too_fast -= int(was_fast)
        if member.judged_day == answered_on and member.judged_today:
            member.judged_today -= 1
        # The answer before this one is now the latest (and what "u" would take back next).
        member.last_judgement_id = mine.values_list("id", flat=True).first()
        if item.is_control:
            member.controls_seen -= 1
            member.controls_correct -= int(label == item.control_answer)
        if member.controls_seen < member.campaign.qualification_items:
            member.qualification = CampaignAnnotator.Qualification.PENDING
        member.save()
        _pause_decide(member)
    return assignment


def _qualification_decide(member: CampaignAnnotator, force: bool = False) -> None:
    if member.qualification != CampaignAnnotator.Qualification.PENDING:
        return
    campaign = member.campaign
    needed = campaign.qualification_items
    if not needed:
        member.qualification = CampaignAnnotator.Qualification.PASSED
    elif member.controls_seen >= needed or force:
        if member.controls_seen == 0:
            # No control item to qualify on: nothing to hold the annotator back.
            member.qualification = CampaignAnnotator.Qualification.PASSED
        else:
            accuracy = member.controls_correct / member.controls_seen
            member.qualification = (
                CampaignAnnotator.Qualification.PASSED
                if accuracy >= campaign.qualification_pass
                else CampaignAnnotator.Qualification.FAILED
            )
    else:
        return
    CampaignAnnotator.objects.filter(pk=member.pk).update(qualification=member.qualification)


def _pause_decide(member: CampaignAnnotator) -> None:
    campaign = member.campaign
    if member.qualification != CampaignAnnotator.Qualification.PASSED:
        return
    if member.controls_seen < max(1, campaign.pause_min_controls):
        return
    accuracy = member.controls_correct / member.controls_seen
    if accuracy < campaign.pause_below and not member.paused:
        member.paused = True
        member.paused_reason = (
            f"Your answers on check items are {accuracy:.0%} right, below the "
            f"{campaign.pause_below:.0%} this campaign needs, so your work is paused. "
            "Please reread the guidelines; a curator will be in touch."
        )
        CampaignAnnotator.objects.filter(pk=member.pk).update(
            paused=True, paused_reason=member.paused_reason
        )
