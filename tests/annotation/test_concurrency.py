"""Many annotators at once, on PostgreSQL: no item exceeds k, nobody judges an item twice,
and the counters the database checks stay equal to the rows, with skips and expiries mixed in."""

import random
import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from accounts.roles import ANNOTATOR
from annotation.models import Assignment, CampaignItem
from annotation.services import assignment_skip, campaign_create, item_assign, judgement_submit
from tests.annotation.conftest import item_set_make, scripts_generate

pytestmark = pytest.mark.skipif(
    not settings.USING_POSTGRES, reason="SELECT ... FOR UPDATE SKIP LOCKED needs PostgreSQL"
)

THREADS = 16


def test_concurrent_annotators_never_break_the_invariants(
    transactional_db, sample_files, monkeypatch, make_user
):
    scripts_generate(sample_files, monkeypatch, limit=30)
    item_set = item_set_make(size=20)
    campaign = campaign_create(
        user=None, item_set=item_set, name="load", votes_per_item=3, reservation_minutes=5
    )
    people = [make_user(f"crowd{n}", ANNOTATOR) for n in range(THREADS)]
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def work(annotator, seed):
        rng = random.Random(seed)
        try:
            start.wait()
            for _ in range(200):
                held = item_assign(campaign, annotator)
                if held is None:
                    break
                roll = rng.random()
                if roll < 0.1:
                    assignment_skip(held.pk, annotator)
                elif roll < 0.2:
                    # Walk away: the reservation runs out and another annotator gets the slot.
                    Assignment.objects.filter(pk=held.pk).update(
                        expires_at=timezone.now() - timedelta(seconds=1)
                    )
                else:
                    label = rng.randint(0, 1)
                    judgement_submit(held.pk, annotator, label=label, seconds=3)
                    if rng.random() < 0.2:  # a double click
                        judgement_submit(held.pk, annotator, label=label, seconds=3)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(person, n)) for n, person in enumerate(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not [t for t in threads if t.is_alive()], "a worker thread hung"
    assert not errors, errors

    items = CampaignItem.objects.filter(campaign=campaign, is_control=False).annotate(
        submitted=Count("assignments", filter=Q(assignments__status="submitted")),
        live=Count("assignments", filter=Q(assignments__status="reserved")),
        people=Count("assignments__annotator", distinct=True),
        rows=Count("assignments"),
    )
    for item in items:
        assert item.submitted <= item.votes_target == 3
        assert item.judged == item.submitted
        assert item.taken == item.submitted + item.live
        assert item.people == item.rows  # never the same annotator twice

    # An annotator who got "nothing left" while the last slots were held by reservations that
    # later ran out has stopped above; when annotators come back, no slot is lost: everyone
    # answers whatever they are given, and every item ends with all its votes.
    for annotator in people:
        while (held := item_assign(campaign, annotator)) is not None:
            judgement_submit(held.pk, annotator, label=1, seconds=3)
    items = CampaignItem.objects.filter(campaign=campaign, is_control=False).annotate(
        submitted=Count("assignments", filter=Q(assignments__status="submitted")),
    )
    assert [item.submitted for item in items] == [3] * len(items)
    assert all(item.judged == item.taken == 3 for item in items)
