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

import functools
import random
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.utils import timezone

from accounts.errors import ApplicationError, ConflictError, NotFoundError
from annotation.models import Assignment, Campaign, CampaignAnnotator, CampaignItem
from pipeline.models import Item, ItemSet

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
# (bench/annotation_load.py measures why: the ORM spent about 0.7 ms of CPU building each of
# the 24 queries a cycle used to make). Each is one statement in autocommit mode, so it is its
# own transaction with no BEGIN/COMMIT round trips, and the database constraints guard it
# exactly as they guard the ORM path:
#
# - ``_sql("state")`` reads the campaign, the annotator's membership (with the progress counters),
#   the reservation they hold and whether any reservation of the campaign has run out;
# - ``_sql("reserve")`` picks the free item (``FOR UPDATE SKIP LOCKED``), raises its ``taken``
#   counter and inserts the reservation, in one statement;
# - ``_sql("submit")`` records a judgement on a live reservation and moves the item's and the
#   annotator's counters with it; it also reads what ``_sql("state")`` would for a next item
#   right after (a submit with ``"next": true`` is then 2 statements, not 3).
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
        _sql("state"), {"campaign": campaign_id, "user": annotator.pk, "now": now}, write=False
    )
    if row is None:
        raise NotFoundError("No such campaign.")
    values = _Row(row)
    campaign = values.instance(Campaign, _CAMPAIGN_FIELDS)
    member = None
    if values.peek() is not None:
        member = values.instance(CampaignAnnotator, None)
        last = values.instance(Assignment, _LAST_FIELDS)
        # The status is tested here, not in the join: with it there, a plan made while the
        # table had few submitted rows looked the judgement up by status, not by its id.
        submitted = last.pk is not None and last.status == Assignment.Status.SUBMITTED
        member.last_judgement = last if submitted else None
    else:
        values.skip(CampaignAnnotator, None)
        values.skip(Assignment, _LAST_FIELDS)
    stale = values.take()
    live = None
    if values.peek() is not None:
        live = _assignment_built(values, campaign)
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
                    _sql("reserve"),
                    {
                        "campaign": campaign.pk,
                        "user": annotator.pk,
                        "now": timezone.now(),
                        "expires": expires,
                    },
                )
                assignment = None if row is None else _assignment_built(_Row(row), campaign)
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
        _sql("submit"),
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
    values = _Row(row)
    campaign = values.instance(Campaign, _CAMPAIGN_FIELDS)
    assignment = _assignment_built(values, campaign)
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
    # What a next item right after this needs (``item_next(after=...)``), as ``_sql("state")``
    # reads it: whether a reservation of the campaign ran out, and another live reservation
    # the annotator holds.
    stale = values.take()
    live = _assignment_built(values, campaign) if values.peek() is not None else None
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


# --- the statements of the PostgreSQL path ----------------------------------------------------

# Campaign columns the rules read (the guideline text is left out: it can be long).
_CAMPAIGN_FIELDS = (
    "id",
    "name",
    "item_set_id",
    "task",
    "votes_per_item",
    "initial_votes",
    "reservation_minutes",
    "guideline_version",
    "control_share",
    "qualification_items",
    "qualification_pass",
    "pause_below",
    "pause_min_controls",
    "min_seconds",
    "source_campaign_id",
    "state",
    "created_by_id",
    "created_at",
)
_LAST_FIELDS = ("id", "status", "submitted_at")
_PAYLOAD_FIELDS = ("id", "uid", "task", "payload")


@functools.cache
def _fields(model, names) -> tuple:
    """Concrete fields of ``model`` in table-definition order (``from_db`` expects it), all of
    them or those named."""
    return tuple(f for f in model._meta.concrete_fields if names is None or f.attname in names)


@functools.cache
def _loading(model, names) -> tuple[list[str], list[tuple[int, object]]]:
    """The attribute names of those fields, and the fields whose raw value needs converting
    (JSON comes back as text)."""
    fields = _fields(model, names)
    converters = [(n, f) for n, f in enumerate(fields) if hasattr(f, "from_db_value")]
    return [f.attname for f in fields], converters


def _columns(model, alias: str, names=None) -> str:
    return ", ".join(f'{alias}."{f.column}"' for f in _fields(model, names))


class _Row:
    """Reads model instances off one result row, in the order the statement selected them."""

    def __init__(self, row):
        self.row = row
        self.at = 0

    def peek(self):
        return self.row[self.at]

    def take(self):
        self.at += 1
        return self.row[self.at - 1]

    def skip(self, model, names) -> None:
        self.at += len(_fields(model, names))

    def instance(self, model, names):
        attnames, converters = _loading(model, names)
        values = list(self.row[self.at : self.at + len(attnames)])
        self.at += len(attnames)
        for n, field in converters:
            if values[n] is not None:
                values[n] = field.from_db_value(values[n], None, connection)
        # The fields left out are deferred: reading one loads it, never a wrong default.
        return model.from_db(connection.alias, attnames, values)


def _assignment_built(values: _Row, campaign: Campaign) -> Assignment:
    """An assignment, its campaign item and the pipeline item (payload), as the ORM path's
    ``select_related("item__item")`` gives them."""
    assignment = values.instance(Assignment, None)
    item = values.instance(CampaignItem, None)
    item.item = values.instance(Item, _PAYLOAD_FIELDS)
    item.campaign = campaign
    assignment.item = item
    assignment.campaign = campaign
    return assignment


def sql_row(sql: str, params: dict, *, write: bool = True):
    """One statement of the PostgreSQL path, one row (or None).

    Alone it is its own transaction; inside a caller's transaction it runs in a savepoint, so
    that a row the database refuses (IntegrityError) leaves that transaction usable, as
    ``transaction.atomic`` does on the ORM path. The statement is prepared on the connection
    (parsed and planned once per connection, not on every call: about half of PostgreSQL's
    time on these statements), unless ANNOTATION_PREPARED_STATEMENTS is off (a connection
    pooler in transaction mode that does not support prepared statements)."""
    if write and connection.in_atomic_block:
        with transaction.atomic():
            return sql_row(sql, params, write=False)
    with _cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _cursor():
    if connection.queries_logged or not getattr(settings, "ANNOTATION_PREPARED_STATEMENTS", True):
        # Logged queries (DEBUG, CaptureQueriesContext) are recorded with their parameters in
        # place, which Django can do only for its own client-side binding cursor.
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns psycopg's automatic preparing off. Its own cursors bind parameters on
        # the client and never prepare, so this only lets the explicit prepare below work;
        # nothing else gets prepared behind its back.
        raw.prepare_threshold = 2**31 - 1
    _plans_refresh(raw)
    return connection.make_cursor(_prepared_cursor_class()(raw))


def _plans_refresh(raw) -> None:
    """Drop this connection's prepared statements after 1 s, 2 s, 4 s ... and from then on
    every ANNOTATION_REPLAN_SECONDS, so that they are planned again for the tables as they
    are now (tables grow fastest, relative to their size, when a campaign starts).

    PostgreSQL keeps the generic plan of a prepared statement until an ANALYZE or a schema
    change invalidates it, and plans by the tables' size at planning time. A campaign's
    assignments grow from none to tens of thousands within minutes, long before autovacuum
    analyzes them: a plan made on the near-empty table (sequential scans of it, a lookup by
    status where the primary key was the one to use) then read the whole table on every
    call, and PostgreSQL's time per next + submit went from about 2 ms to 7 ms within a
    minute. psycopg forgets its own prepared statements when it sees DEALLOCATE ALL."""
    now = time.monotonic()
    due = getattr(raw, "_annotation_replan", None)
    if due is None:
        raw._annotation_replan = (now + 1.0, 1.0)
    elif now >= due[0]:
        raw.execute("DEALLOCATE ALL")
        wait = min(due[1] * 2, getattr(settings, "ANNOTATION_REPLAN_SECONDS", 10))
        raw._annotation_replan = (now + wait, wait)


@functools.cache
def _prepared_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        """Binds parameters on the server and prepares every statement it runs."""

        def execute(self, query, params=None, **options):
            return super().execute(query, params, prepare=True)

    return PreparedCursor


def _stale_sql(campaign_id: str, *, but: str | None = None) -> str:
    """Whether any reservation of the campaign has run out (``but``: leaving one out), as
    ``reservations_expire`` would find it."""
    other = f" AND stale.id <> {but}" if but else ""
    return f"""EXISTS (SELECT 1 FROM {Assignment._meta.db_table} stale
               WHERE stale.status = 'reserved' AND stale.expires_at < %(now)s
                 AND stale.campaign_id = {campaign_id}{other})"""


def _held_join_sql(campaign_id: str, item_alias: str, payload_alias: str, *, but=None) -> str:
    """The annotator's oldest live reservation in the campaign as ``live`` (``but``: leaving
    one out), with its campaign item and pipeline item: what the ORM path's ``live`` reads."""
    assignment = Assignment._meta.db_table
    other = f" AND held.id <> {but}" if but else ""
    return f"""LEFT JOIN {assignment} live ON live.id = (
    SELECT held.id FROM {assignment} held
    WHERE held.campaign_id = {campaign_id} AND held.annotator_id = %(user)s
      AND held.status = 'reserved' AND held.expires_at > %(now)s{other}
    ORDER BY held.reserved_at LIMIT 1)
LEFT JOIN {CampaignItem._meta.db_table} {item_alias} ON {item_alias}.id = live.item_id
LEFT JOIN {Item._meta.db_table} {payload_alias} ON {payload_alias}.id = {item_alias}.item_id"""


@functools.cache
def _sql(name: str) -> str:
    campaign = Campaign._meta.db_table
    member = CampaignAnnotator._meta.db_table
    assignment = Assignment._meta.db_table
    item = CampaignItem._meta.db_table
    pipeline_item = Item._meta.db_table
    if name == "state":
        return f"""
SELECT {_columns(Campaign, "c", _CAMPAIGN_FIELDS)},
       {_columns(CampaignAnnotator, "m")},
       {_columns(Assignment, "lastj", _LAST_FIELDS)},
       {_stale_sql("c.id")},
       {_columns(Assignment, "live")},
       {_columns(CampaignItem, "ci")},
       {_columns(Item, "pi", _PAYLOAD_FIELDS)}
FROM {campaign} c
LEFT JOIN {member} m ON m.campaign_id = c.id AND m.annotator_id = %(user)s
LEFT JOIN {assignment} lastj ON lastj.id = m.last_judgement_id
{_held_join_sql("c.id", "ci", "pi")}
WHERE c.id = %(campaign)s"""
    if name == "reserve":
        # The same pick as the ORM path: real items with room, never one this annotator has
        # had (any status: a skipped item does not come back), oldest first, so items in
        # progress first (the order key is not a counter: see CampaignItem's index). The
        # lock is taken on the campaign item only; a row another request holds is skipped.
        return f"""
WITH pick AS (
    SELECT ci.id FROM {item} ci
    WHERE ci.campaign_id = %(campaign)s AND NOT ci.is_control AND NOT ci."full"
      AND NOT EXISTS (SELECT 1 FROM {assignment} seen
                      WHERE seen.item_id = ci.id AND seen.annotator_id = %(user)s)
    ORDER BY ci.position
    LIMIT 1
    FOR UPDATE OF ci SKIP LOCKED
), bumped AS (
    UPDATE {item} ci SET taken = ci.taken + 1, "full" = ci.taken + 1 >= ci.votes_target
    FROM pick WHERE ci.id = pick.id
    RETURNING {_columns(CampaignItem, "ci")}
), made AS (
    INSERT INTO {assignment} (campaign_id, item_id, annotator_id, external_annotator, status,
                              is_control, too_fast, reserved_at, expires_at)
    SELECT %(campaign)s, bumped.id, %(user)s, '', 'reserved', false, false, %(now)s, %(expires)s
    FROM bumped
    RETURNING {_columns(Assignment, assignment)}
)
SELECT {_columns(Assignment, "made")}, {_columns(CampaignItem, "bumped")},
       {_columns(Item, "pi", _PAYLOAD_FIELDS)}
FROM made
JOIN bumped ON bumped.id = made.item_id
JOIN {pipeline_item} pi ON pi.id = bumped.item_id"""
    if name == "submit":
        # Locks in the order of the ORM path: the assignment row, the item row (real items
        # only), the member row. ``counted`` runs before ``member`` because ``member`` reads it.
        # The final SELECT sees the campaign and item rows as they were before the statement
        # (the new vote count comes from ``counted``).
        return f"""
WITH done AS (
    UPDATE {assignment} a
    SET status = 'submitted', label = %(label)s, seconds = %(seconds)s::double precision,
        too_fast = coalesce(%(seconds)s::double precision < c.min_seconds, false),
        submitted_at = %(now)s, guideline_version = c.guideline_version
    FROM {campaign} c, {item} ci
    WHERE a.id = %(id)s AND a.annotator_id = %(user)s AND a.status = 'reserved'
      AND c.id = a.campaign_id AND c.state <> 'closed' AND c.initial_votes IS NULL
      AND ci.id = a.item_id
      AND EXISTS (SELECT 1 FROM {member} m
                  WHERE m.campaign_id = a.campaign_id AND m.annotator_id = %(user)s)
    RETURNING {_columns(Assignment, "a")}, ci.control_answer AS answer
), counted AS (
    UPDATE {item} ci SET judged = ci.judged + 1
    FROM done WHERE ci.id = done.item_id AND NOT done.is_control
    RETURNING ci.id, ci.judged
), member AS (
    UPDATE {member} m
    SET judged = m.judged + 1,
        too_fast = m.too_fast + done.too_fast::int,
        controls_seen = m.controls_seen + done.is_control::int,
        controls_correct = m.controls_correct
            + (done.is_control AND done.label = done.answer)::int,
        judged_today = CASE WHEN m.judged_day = %(today)s THEN m.judged_today + 1 ELSE 1 END,
        judged_day = %(today)s,
        last_judgement_id = done.id
    FROM done LEFT JOIN counted ON counted.id = done.item_id
    WHERE m.campaign_id = done.campaign_id AND m.annotator_id = %(user)s
    RETURNING {_columns(CampaignAnnotator, "m")}
)
SELECT {_columns(Campaign, "c", _CAMPAIGN_FIELDS)}, {_columns(Assignment, "done")},
       {_columns(CampaignItem, "ci")}, {_columns(Item, "pi", _PAYLOAD_FIELDS)},
       counted.judged, {_columns(CampaignAnnotator, "member")},
       {_stale_sql("done.campaign_id", but="done.id")},
       {_columns(Assignment, "live")},
       {_columns(CampaignItem, "lci")},
       {_columns(Item, "lpi", _PAYLOAD_FIELDS)}
FROM done
JOIN member ON true
LEFT JOIN counted ON true
JOIN {campaign} c ON c.id = done.campaign_id
JOIN {item} ci ON ci.id = done.item_id
JOIN {pipeline_item} pi ON pi.id = ci.item_id
{_held_join_sql("done.campaign_id", "lci", "lpi", but="done.id")}"""
    raise KeyError(name)
