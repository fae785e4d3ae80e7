"""The assignment service: k votes per item, never the same item twice, reservations that
expire, skip, idempotent submit, undo, qualification, pauses, dynamic overlap."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts.errors import ConflictError, NotFoundError
from annotation.models import Assignment, Campaign, CampaignAnnotator, CampaignItem
from annotation.selectors import assignment_view
from annotation.services import (
    AnnotatorBlocked,
    assignment_skip,
    campaign_create,
    campaign_state_set,
    item_assign,
    judgement_submit,
    judgement_undo,
    reservations_expire,
)

pytestmark = pytest.mark.django_db


def answer(campaign, annotator, label=1, seconds=5.0):
    assignment = item_assign(campaign, annotator)
    if assignment is None:
        return None
    return judgement_submit(assignment.pk, annotator, label=label, seconds=seconds)


def test_the_view_of_an_item_hides_everything_that_hints_at_the_answer(
    campaign_factory, annotators
):
    campaign = campaign_factory()
    assignment = item_assign(campaign, annotators[0])
    view = assignment_view(assignment)
    assert set(view) == {"assignment", "item", "task", "status", "payload", "expires_at", "label"}
    assert view["payload"] == assignment.item.item.payload
    assert "origin" not in str(view) and "score" not in view["payload"]


def test_a_held_item_is_returned_again_until_answered(campaign_factory, annotators):
    campaign = campaign_factory()
    first = item_assign(campaign, annotators[0])
    assert item_assign(campaign, annotators[0]).pk == first.pk
    judgement_submit(first.pk, annotators[0], label=1, seconds=4)
    assert item_assign(campaign, annotators[0]).pk != first.pk


def test_no_item_gets_more_than_k_votes_and_no_annotator_judges_twice(campaign_factory, annotators):
    campaign = campaign_factory(votes_per_item=3)
    items = campaign.items.count()
    for annotator in annotators[:5]:
        while answer(campaign, annotator) is not None:
            pass
    for item in campaign.items.all():
        judged = item.assignments.filter(status="submitted")
        assert judged.count() == item.judged <= 3
        assert judged.values("annotator").distinct().count() == judged.count()
    assert Assignment.objects.filter(status="submitted").count() == 3 * items
    # Each of the first three annotators judged every item once; the others found nothing left.
    per_annotator = [
        Assignment.objects.filter(annotator=a, status="submitted").count() for a in annotators[:5]
    ]
    assert sum(per_annotator) == 3 * items and max(per_annotator) == items


def test_items_in_progress_are_finished_first(campaign_factory, annotators):
    campaign = campaign_factory(votes_per_item=3)
    started = answer(campaign, annotators[0]).item_id
    # The next annotator is given the item that already has a vote, not a fresh one.
    assert item_assign(campaign, annotators[1]).item_id == started


def test_skip_frees_the_slot_and_the_item_never_comes_back(campaign_factory, annotators):
    campaign = campaign_factory(votes_per_item=1)
    held = item_assign(campaign, annotators[0])
    assignment_skip(held.pk, annotators[0])
    assert CampaignItem.objects.get(pk=held.item_id).taken == 0
    assert item_assign(campaign, annotators[1]).item_id == held.item_id
    seen = set()
    while (a := answer(campaign, annotators[0])) is not None:
        seen.add(a.item_id)
    assert held.item_id not in seen
    assert assignment_skip(held.pk, annotators[0]).status == "skipped"  # harmless twice


def test_expired_reservations_are_reclaimed(campaign_factory, annotators):
    campaign = campaign_factory(votes_per_item=1)
    held = item_assign(campaign, annotators[0])
    Assignment.objects.filter(pk=held.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    # The next request sweeps the stale reservation and hands the slot to someone else.
    taken_by_other = item_assign(campaign, annotators[1])
    assert taken_by_other.item_id == held.item_id
    assert Assignment.objects.get(pk=held.pk).status == "expired"
    judgement_submit(taken_by_other.pk, annotators[1], label=0, seconds=3)
    # The first annotator answers late: the item is full, so the answer is refused clearly.
    with pytest.raises(ConflictError, match="expired"):
        judgement_submit(held.pk, annotators[0], label=1, seconds=3)
    item = CampaignItem.objects.get(pk=held.item_id)
    assert (item.taken, item.judged) == (1, 1)


def test_a_late_answer_is_kept_when_the_item_still_has_room(campaign_factory, annotators):
    campaign = campaign_factory(votes_per_item=3)
    held = item_assign(campaign, annotators[0])
    Assignment.objects.filter(pk=held.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert reservations_expire(campaign) == 1
    judgement_submit(held.pk, annotators[0], label=1, seconds=40)
    item = CampaignItem.objects.get(pk=held.item_id)
    assert (item.taken, item.judged) == (1, 1)


def test_submitting_twice_is_harmless(campaign_factory, annotators):
    campaign = campaign_factory()
    held = item_assign(campaign, annotators[0])
    first = judgement_submit(held.pk, annotators[0], label=1, seconds=5)
    again = judgement_submit(held.pk, annotators[0], label=1, seconds=9)
    assert (again.pk, again.label, again.seconds) == (first.pk, 1, 5)
    assert CampaignItem.objects.get(pk=held.item_id).judged == 1
    assert CampaignAnnotator.objects.get(annotator=annotators[0]).judged == 1
    with pytest.raises(ConflictError, match="undo"):
        judgement_submit(held.pk, annotators[0], label=0)


def test_someone_elses_assignment_is_not_found(campaign_factory, annotators):
    campaign = campaign_factory()
    held = item_assign(campaign, annotators[0])
    for action in (
        lambda: judgement_submit(held.pk, annotators[1], label=1),
        lambda: assignment_skip(held.pk, annotators[1]),
        lambda: judgement_undo(held.pk, annotators[1]),
    ):
        with pytest.raises(NotFoundError):
            action()


def test_undo_takes_back_the_last_answer_within_the_window(campaign_factory, annotators, settings):
    campaign = campaign_factory()
    first = answer(campaign, annotators[0], label=1)
    second = answer(campaign, annotators[0], label=0)
    with pytest.raises(ConflictError, match="last answer"):
        judgement_undo(first.pk, annotators[0])
    undone = judgement_undo(second.pk, annotators[0])
    assert undone.status == "reserved" and undone.label is None
    assert CampaignItem.objects.get(pk=second.item_id).judged == 0
    # The item is the annotator's again, to answer anew.
    assert item_assign(campaign, annotators[0]).pk == second.pk
    judgement_submit(second.pk, annotators[0], label=1, seconds=6)
    window = timedelta(seconds=settings.ANNOTATION_UNDO_SECONDS)
    Assignment.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - 2 * window)
    Assignment.objects.filter(pk=second.pk).update(submitted_at=timezone.now() - window * 1.1)
    with pytest.raises(ConflictError, match="undone for"):
        judgement_undo(second.pk, annotators[0])


def test_answers_faster_than_the_minimum_are_flagged(campaign_factory, annotators):
    campaign = campaign_factory(min_seconds=2.0)
    quick = answer(campaign, annotators[0], seconds=0.4)
    slow = answer(campaign, annotators[0], seconds=7)
    assert quick.too_fast and not slow.too_fast
    assert CampaignAnnotator.objects.get(annotator=annotators[0]).too_fast == 1


def test_the_database_refuses_over_assignment_and_double_judging(campaign_factory, annotators):
    campaign = campaign_factory(votes_per_item=1)
    held = item_assign(campaign, annotators[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(campaign=campaign, item=held.item, annotator=annotators[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        CampaignItem.objects.filter(pk=held.item_id).update(taken=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.filter(pk=held.pk).update(status="submitted")  # no label


def test_closed_or_paused_campaigns_hand_out_nothing(campaign_factory, annotators):
    campaign = campaign_factory()
    campaign_state_set(campaign, Campaign.State.PAUSED)
    with pytest.raises(AnnotatorBlocked, match="paused"):
        item_assign(campaign, annotators[0])
    campaign_state_set(campaign, Campaign.State.CLOSED)
    with pytest.raises(ConflictError):
        campaign_state_set(campaign, Campaign.State.OPEN)


def controls_for(campaign_items, answers):
    return {item.uid: answer for item, answer in zip(campaign_items, answers, strict=False)}


def test_qualification_comes_first_and_failing_it_blocks(t1_items, campaign_factory, annotators):
    items = list(t1_items.items.order_by("position"))
    controls = controls_for(items[:4], [1, 0, 1, 0])
    campaign = campaign_factory(
        control_answers=controls, qualification_items=4, qualification_pass=0.75
    )
    good, bad = annotators[0], annotators[1]
    for annotator, right in ((good, True), (bad, False)):
        for _ in range(4):
            held = item_assign(campaign, annotator)
            assert held.is_control and held.item.item.uid in controls
            truth = controls[held.item.item.uid]
            judgement_submit(held.pk, annotator, label=truth if right else 1 - truth, seconds=5)
    assert not item_assign(campaign, good).is_control or campaign.control_share
    with pytest.raises(AnnotatorBlocked, match="pass mark"):
        item_assign(campaign, bad)
    assert CampaignAnnotator.objects.get(annotator=bad).qualification == "failed"


def test_annotators_below_the_threshold_are_paused_with_a_message(
    t1_items, campaign_factory, annotators
):
    items = list(t1_items.items.order_by("position"))
    controls = controls_for(items[:8], [1, 0] * 4)
    campaign = campaign_factory(
        control_answers=controls,
        qualification_items=2,
        qualification_pass=0.5,
        control_share=0.5,
        pause_below=0.6,
        pause_min_controls=5,
    )
    annotator = annotators[0]
    with pytest.raises(AnnotatorBlocked, match="paused"):
        for _ in range(40):
            held = item_assign(campaign, annotator)
            if held is None:
                break
            truth = controls.get(held.item.item.uid)
            # Right on the two qualification items, wrong on every later control.
            member = CampaignAnnotator.objects.get(annotator=annotator)
            label = truth if member.controls_seen < 2 else (1 - truth if truth is not None else 1)
            judgement_submit(held.pk, annotator, label=label, seconds=5)
    member = CampaignAnnotator.objects.get(annotator=annotator)
    assert member.paused and member.control_accuracy < 0.6 and member.controls_seen >= 5
    assert "below the 60%" in member.paused_reason


def test_control_items_are_mixed_in_at_the_campaign_rate(t1_items, campaign_factory, annotators):
    items = list(t1_items.items.order_by("position"))
    controls = controls_for(items[:6], [1] * 6)
    campaign = campaign_factory(
        control_answers=controls, qualification_items=0, control_share=0.3, votes_per_item=1
    )
    kinds = []
    while (held := item_assign(campaign, annotators[0])) is not None:
        kinds.append(held.is_control)
        judgement_submit(held.pk, annotators[0], label=1, seconds=5)
    real = campaign.items.filter(is_control=False).count()
    assert kinds.count(False) == real
    assert 1 <= kinds.count(True) <= 6


def test_dynamic_overlap_asks_for_more_votes_only_on_disagreement(campaign_factory, annotators):
    campaign = campaign_factory(votes_per_item=5, initial_votes=3)
    # Items in progress come first, so three annotators in turn share the same item.
    agreeing = [answer(campaign, annotators[n], label=1) for n in range(3)]
    splitting = [answer(campaign, annotators[n], label=label) for n, label in enumerate([1, 0, 1])]
    agree = CampaignItem.objects.get(pk=agreeing[0].item_id)
    split = CampaignItem.objects.get(pk=splitting[0].item_id)
    assert {a.item_id for a in agreeing} == {agree.pk} and {a.item_id for a in splitting} == {
        split.pk
    }
    assert (agree.votes_target, agree.judged, agree.full) == (3, 3, True)
    assert (split.votes_target, split.judged, split.full) == (5, 3, False)
    # The disputed item is the next one handed out, until it has its 5 votes.
    assert item_assign(campaign, annotators[3]).item_id == split.pk


def test_campaign_options_are_checked(t1_items, curator):
    from accounts.errors import ApplicationError

    with pytest.raises(ApplicationError, match="initial_votes"):
        campaign_create(
            user=curator, item_set=t1_items, name="x", votes_per_item=3, initial_votes=4
        )
    with pytest.raises(ApplicationError, match="not in"):
        campaign_create(user=curator, item_set=t1_items, name="x", control_answers={"t1-no": 1})
    assert not Campaign.objects.exists()


def test_progress_counters_follow_judgements_undo_and_the_day(campaign_factory, annotators):
    from annotation.selectors import annotator_progress

    campaign = campaign_factory(votes_per_item=1)
    me = annotators[0]
    answers = [answer(campaign, me, label=n % 2) for n in range(3)]

    def rows():
        mine = Assignment.objects.filter(campaign=campaign, annotator=me, status="submitted")
        return mine.count(), mine.order_by("-submitted_at", "-id").first()

    progress = annotator_progress(campaign, me)
    count, latest = rows()
    assert (progress["done_today"], progress["done_in_campaign"]) == (count, count) == (3, 3)
    assert progress["last_assignment"] == latest.pk == answers[-1].pk
    # Undo: the counts drop and the answer before becomes the one "u" would take back.
    judgement_undo(answers[-1].pk, me)
    progress = annotator_progress(campaign, me)
    assert (progress["done_today"], progress["done_in_campaign"]) == (2, 2)
    assert progress["last_assignment"] == answers[1].pk
    judgement_undo(answers[1].pk, me)
    assert annotator_progress(campaign, me)["last_assignment"] == answers[0].pk
    # Answers given on an earlier day are not today's.
    member = CampaignAnnotator.objects.get(campaign=campaign, annotator=me)
    member.judged_day = timezone.localdate() - timedelta(days=1)
    member.save(update_fields=["judged_day"])
    assert annotator_progress(campaign, me)["done_today"] == 0
    held = item_assign(campaign, me)  # the undone item, held again
    judgement_submit(held.pk, me, label=1, seconds=4)
    progress = annotator_progress(campaign, me)
    assert (progress["done_today"], progress["done_in_campaign"]) == (1, 2)
    assert progress["last_assignment"] == held.pk


def test_a_closed_campaign_refuses_answers_a_paused_one_keeps_them(campaign_factory, annotators):
    campaign = campaign_factory()
    held = [item_assign(campaign, a) for a in annotators[:2]]
    campaign_state_set(campaign, Campaign.State.PAUSED)
    # Pausing stops new items, not the answer to an item already on screen.
    assert judgement_submit(held[0].pk, annotators[0], label=1, seconds=4).status == "submitted"
    campaign_state_set(campaign, Campaign.State.CLOSED)
    with pytest.raises(ConflictError, match="closed"):
        judgement_submit(held[1].pk, annotators[1], label=1, seconds=4)
    assert Assignment.objects.get(pk=held[1].pk).status == "reserved"
    assert CampaignItem.objects.get(pk=held[1].item_id).judged == (
        held[1].item_id == held[0].item_id
    )


def test_answers_on_control_items_count_towards_accuracy(t1_items, campaign_factory, annotators):
    items = list(t1_items.items.order_by("position"))
    controls = controls_for(items[:4], [1, 0, 1, 0])
    campaign = campaign_factory(control_answers=controls, qualification_items=4)
    me = annotators[0]
    right = 0
    for n in range(4):
        held = item_assign(campaign, me)
        truth = controls[held.item.item.uid]
        label = truth if n != 2 else 1 - truth
        right += label == truth
        judgement_submit(held.pk, me, label=label, seconds=5)
        # A control item's vote is outside the item's vote count.
        assert CampaignItem.objects.get(pk=held.item_id).judged == 0
    member = CampaignAnnotator.objects.get(campaign=campaign, annotator=me)
    assert (
        (member.controls_seen, member.controls_correct, member.judged) == (4, right, 4) == (4, 3, 4)
    )
    assert member.qualification == "passed"  # 3 of 4 right, the pass mark is 0.75


def test_what_item_assign_returns_is_the_stored_row(campaign_factory, annotators):
    campaign = campaign_factory(votes_per_item=2)
    held = item_assign(campaign, annotators[0])
    stored = Assignment.objects.select_related("item__item").get(pk=held.pk)
    for field in Assignment._meta.concrete_fields:
        assert getattr(held, field.attname) == getattr(stored, field.attname), field.name
    for field in CampaignItem._meta.concrete_fields:
        assert getattr(held.item, field.attname) == getattr(stored.item, field.attname), field.name
    assert held.item.item.uid == stored.item.item.uid
    assert held.item.item.payload == stored.item.item.payload
    # Fields the statement did not read load on access, never as a wrong default.
    assert held.item.item.script_id == stored.item.item.script_id
    done = judgement_submit(held.pk, annotators[0], label=0, seconds=3.5)
    stored.refresh_from_db()
    for field in Assignment._meta.concrete_fields:
        assert getattr(done, field.attname) == getattr(stored, field.attname), field.name
    assert done.item.judged == CampaignItem.objects.get(pk=held.item_id).judged == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="prepared statements: the PostgreSQL path only"
)
def test_the_assignment_statements_are_planned_again_as_the_campaign_grows(
    campaign_factory, annotators, monkeypatch
):
    """The prepared statements of the PostgreSQL path are dropped and prepared again after
    1 s, 2 s, 4 s ... (a plan made while a campaign's tables were nearly empty would scan
    them whole once they have grown), and the service answers the same across a refresh."""
    from annotation import assignment_sql

    clock = [1000.0]
    monkeypatch.setattr(assignment_sql.time, "monotonic", lambda: clock[0])
    campaign = campaign_factory(votes_per_item=1)
    # As on a new connection (the test database's one served the tests before this one).
    connection.ensure_connection()
    vars(connection.connection).pop("_annotation_replan", None)

    def prepared():
        with connection.cursor() as cursor:
            cursor.execute("SELECT name FROM pg_prepared_statements")
            return {name for (name,) in cursor.fetchall()}

    first = answer(campaign, annotators[0])
    before = prepared()
    assert before, "the assignment statements are prepared"
    clock[0] += 0.5  # not due yet: the same statements
    second = answer(campaign, annotators[0])
    assert prepared() == before
    clock[0] += 1.0  # due (1 s after the first use)
    third = answer(campaign, annotators[0])
    after = prepared()
    assert after and not after & before, "planned again under new names"
    clock[0] += 1.5  # the next refresh is 2 s later
    answer(campaign, annotators[0])
    assert prepared() == after
    judged = [a.item_id for a in (first, second, third)]
    assert len(set(judged)) == 3
    assert Assignment.objects.filter(annotator=annotators[0], status="submitted").count() == 4
