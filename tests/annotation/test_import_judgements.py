"""Importing judgements collected on another crowd platform: good files land with consistent
counters, every bad row is named by file, line and field, nothing is ever half-imported, k is
respected alongside live annotators, and only curators may import."""

import io
import threading

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from accounts.roles import ANNOTATOR
from annotation.imports import ImportRefused, judgements_import
from annotation.models import Assignment, CampaignItem
from annotation.selectors import campaign_judgements, campaign_progress, campaign_settled_labels
from annotation.services import campaign_create, item_assign, judgement_submit
from tests.annotation.conftest import item_set_make, scripts_generate

pytestmark = pytest.mark.django_db


def csv_bytes(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def do_import(campaign, *lines, name="crowd.csv"):
    return judgements_import(campaign, io.BytesIO(csv_bytes(*lines)), name=name)


def real_uids(campaign):
    return list(
        campaign.items.filter(is_control=False)
        .order_by("position")
        .values_list("item__uid", flat=True)
    )


def counters(campaign):
    return list(
        campaign.items.order_by("pk").values_list("pk", "taken", "judged", "full", "votes_target")
    )


def assert_counters_match_rows(campaign):
    """Each item's counters say exactly what its assignment rows say."""
    for item in campaign.items.filter(is_control=False):
        judged = item.assignments.filter(status="submitted").count()
        live = item.assignments.filter(status="reserved").count()
        assert (item.judged, item.taken) == (judged, judged + live), item
        assert item.full == (item.taken >= item.votes_target), item


def test_a_good_file_is_imported_with_consistent_counters(campaign_factory):
    campaign = campaign_factory(votes_per_item=3, min_seconds=2.0)
    a, b, c = real_uids(campaign)[:3]
    summary = do_import(
        campaign,
        "item,annotator,label,seconds",
        f"{a},w1,1,4.5",
        f"{a},w2,0,",
        f"{a},w3,yes,1.0",
        f"{b},w1,TRUE,3",
        f"{b},w2,no,3",
        f"{c},w1,false,0",
    )
    assert (summary.judgements, summary.items, summary.annotators) == (6, 3, 3)
    assert summary.items_completed == 1 and summary.by_label == {1: 3, 0: 3}
    rows = Assignment.objects.filter(campaign=campaign)
    assert rows.count() == 6 and not rows.filter(annotator__isnull=False).exists()
    got = set(rows.values_list("item__item__uid", "external_annotator", "label", "seconds"))
    assert got == {
        (a, "w1", 1, 4.5),
        (a, "w2", 0, None),
        (a, "w3", 1, 1.0),
        (b, "w1", 1, 3.0),
        (b, "w2", 0, 3.0),
        (c, "w1", 0, 0.0),
    }
    # Faster than the campaign's 2 seconds is flagged, as for answers given here.
    assert set(rows.filter(too_fast=True).values_list("item__item__uid", "external_annotator")) == {
        (a, "w3"),
        (c, "w1"),
    }
    assert set(rows.values_list("status", flat=True)) == {"submitted"}
    item_a = campaign.items.get(item__uid=a)
    assert (item_a.taken, item_a.judged, item_a.full) == (3, 3, True)
    assert_counters_match_rows(campaign)
    progress = campaign_progress(campaign)
    assert (progress["complete"], progress["in_progress"], progress["judgements"]) == (1, 2, 6)


def test_a_complete_imported_item_is_never_handed_out_again(campaign_factory, annotators):
    campaign = campaign_factory(votes_per_item=2)
    uids = real_uids(campaign)
    do_import(campaign, "item,annotator,label", *[f"{u},w{n},1" for u in uids for n in (1, 2)])
    assert item_assign(campaign, annotators[0]) is None


def test_every_kind_of_bad_row_is_named_and_nothing_is_written(campaign_factory):
    campaign = campaign_factory(votes_per_item=2, control_answers={})
    uids = real_uids(campaign)
    before = counters(campaign)
    with pytest.raises(ImportRefused) as refused:
        do_import(
            campaign,
            "item,annotator,label,seconds",
            f"{uids[0]},w1,1,3",  # 2: fine
            "t1-nosuchitem,w1,1,3",  # 3
            f"{uids[1]},w1,maybe,3",  # 4
            f"{uids[2]},w1,1,-2",  # 5
            f"{uids[3]},w1,1,soon",  # 6
            f"{uids[0]},w1,0,3",  # 7: w1 again on uids[0]
            f"{uids[4]},,1,3",  # 8
            f"{uids[5]},w1,1",  # 9: a field short
            f"{uids[6]},w1,1,3",  # 10: fine
            f"{uids[6]},w2,1,3",  # 11: fine
            f"{uids[6]},w3,0,3",  # 12: a third vote where k = 2
        )
    assert [str(p) for p in refused.value.problems] == [
        "crowd.csv:3: item: 't1-nosuchitem' is not an item of this campaign",
        "crowd.csv:4: label: 'maybe' is not 0 or 1 (or true/false, yes/no)",
        "crowd.csv:5: seconds: '-2' is not a number of seconds in 0..86400",
        "crowd.csv:6: seconds: 'soon' is not a number of seconds in 0..86400",
        f"crowd.csv:7: annotator: 'w1' already labelled item '{uids[0]}' on line 2",
        "crowd.csv:8: annotator: empty",
        "crowd.csv:9: (line): 3 fields, the header has 4",
        f"crowd.csv:12: item: '{uids[6]}' would get more than the 2 votes it asks for "
        "(0 judged and 0 reserved in the campaign, 3 in the file up to this line)",
    ]
    assert refused.value.message == "8 problem(s) in the file; nothing was imported"
    assert not Assignment.objects.filter(campaign=campaign).exists()
    assert counters(campaign) == before


def test_control_items_and_judgements_already_in_the_campaign_are_refused(campaign_factory):
    campaign = campaign_factory(votes_per_item=3)
    campaign_uids = real_uids(campaign)
    control = campaign_uids[-1]
    # A second campaign over the same items, with one of them a control item.
    with_control = campaign_create(
        user=None,
        item_set=campaign.item_set,
        name="with control",
        votes_per_item=3,
        control_answers={control: 1},
    )
    do_import(with_control, "item,annotator,label", f"{campaign_uids[0]},w1,1")
    before = counters(with_control)
    with pytest.raises(ImportRefused) as refused:
        do_import(
            with_control,
            "item,annotator,label",
            f"{campaign_uids[0]},w2,1",
            f"{control},w2,1",
            f"{campaign_uids[0]},w1,0",
            name="second.csv",
        )
    assert [str(p) for p in refused.value.problems] == [
        f"second.csv:3: item: '{control}' is a control item of this campaign; imported "
        "judgements go to real items only",
        f"second.csv:4: annotator: 'w1' already has a judgement of item '{campaign_uids[0]}' "
        "in this campaign",
    ]
    assert counters(with_control) == before
    assert Assignment.objects.filter(campaign=with_control).count() == 1


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty.csv:1: (header): the file is empty; expected item, annotator, label"),
        (
            b"item,worker,label\nx,w,1\n",
            "empty.csv:1: (header): missing column annotator; unknown column 'worker' "
            "(expected item, annotator, label [, seconds])",
        ),
        (b"item,annotator,label\n", "empty.csv:1: (file): no judgements in the file"),
        (b"item,annotator,label\n\xff\xfe,w,1\n", "empty.csv:2: (file): not UTF-8 text"),
    ],
)
def test_broken_files_are_refused_with_a_clear_message(campaign_factory, content, problem):
    campaign = campaign_factory()
    with pytest.raises(ImportRefused) as refused:
        judgements_import(campaign, io.BytesIO(content), name="empty.csv")
    assert [str(p) for p in refused.value.problems] == [problem]
    assert not Assignment.objects.filter(campaign=campaign).exists()


def test_k_counts_live_reservations_and_judgements_given_here(campaign_factory, annotators):
    campaign = campaign_factory(votes_per_item=3)
    held = item_assign(campaign, annotators[0])
    judged = item_assign(campaign, annotators[1])
    assert judged.item_id == held.item_id  # in-progress items are handed out first
    judgement_submit(judged.pk, annotators[1], label=1, seconds=5)
    uid = held.item.item.uid
    # One judgement and one live reservation: room for one more vote, not two.
    with pytest.raises(ImportRefused) as refused:
        do_import(campaign, "item,annotator,label", f"{uid},w1,1", f"{uid},w2,1")
    assert [str(p) for p in refused.value.problems] == [
        f"crowd.csv:3: item: '{uid}' would get more than the 3 votes it asks for "
        "(1 judged and 1 reserved in the campaign, 2 in the file up to this line)"
    ]
    do_import(campaign, "item,annotator,label", f"{uid},w1,0")
    item = CampaignItem.objects.get(pk=held.item_id)
    assert (item.taken, item.judged, item.full) == (3, 2, True)
    # The live annotator's answer still counts, and the item is then complete.
    judgement_submit(held.pk, annotators[0], label=1, seconds=5)
    item.refresh_from_db()
    assert (item.taken, item.judged) == (3, 3)
    assert_counters_match_rows(campaign)
    assert item_assign(campaign, annotators[2]).item_id != item.pk


def test_dynamic_overlap_asks_for_more_votes_where_imported_votes_disagree(campaign_factory):
    campaign = campaign_factory(votes_per_item=5, initial_votes=2)
    agree, disagree = real_uids(campaign)[:2]
    summary = do_import(
        campaign,
        "item,annotator,label",
        f"{agree},w1,1",
        f"{agree},w2,1",
        f"{disagree},w1,1",
        f"{disagree},w2,0",
    )
    assert summary.items_extended == 1 and summary.items_completed == 1
    item = campaign.items.get(item__uid=agree)
    assert (item.votes_target, item.full) == (2, True)
    item = campaign.items.get(item__uid=disagree)
    assert (item.votes_target, item.taken, item.full) == (5, 2, False)
    assert_counters_match_rows(campaign)


def test_the_command_imports_a_file_and_refuses_a_bad_one(campaign_factory, tmp_path, capsys):
    campaign = campaign_factory(votes_per_item=3)
    a, b = real_uids(campaign)[:2]
    good = tmp_path / "platform.csv"
    good.write_bytes(csv_bytes("item,annotator,label", f"{a},w1,1", f"{b},w1,0"))
    call_command("import_judgements", str(campaign.pk), str(good))
    assert "imported 2 judgements of 2 items by 1 annotators" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes("item,annotator,label", f"{a},w2,1", f"{b},w2,2"))
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_judgements", str(campaign.pk), str(bad))
    assert "bad.csv:3: label: '2' is not 0 or 1" in capsys.readouterr().err
    assert Assignment.objects.filter(campaign=campaign).count() == 2
    with pytest.raises(CommandError, match="no campaign 999999"):
        call_command("import_judgements", "999999", str(good))


def test_curators_import_on_the_page_and_see_problems_or_the_summary(
    client, campaign_factory, curator
):
    campaign = campaign_factory(votes_per_item=3)
    a, b = real_uids(campaign)[:2]
    url = reverse("annotation:campaign-import", args=[campaign.pk])
    client.force_login(curator)
    assert client.get(url).status_code == 200
    bad = SimpleUploadedFile("mturk.csv", csv_bytes("item,annotator,label", f"{a},A1,1", "zz,A1,1"))
    page = client.post(url, {"file": bad})
    assert page.status_code == 400
    text = page.content.decode()
    assert "mturk.csv:3: item: &#x27;zz&#x27; is not an item of this campaign" in text
    assert "nothing was imported" in text
    assert not Assignment.objects.filter(campaign=campaign).exists()
    good = SimpleUploadedFile("mturk.csv", csv_bytes("item,annotator,label", f"{a},A1,1"))
    page = client.post(url, {"file": good})
    assert page.status_code == 200 and 'id="summary-judgements">1<' in page.content.decode()
    assert Assignment.objects.filter(campaign=campaign, external_annotator="A1").count() == 1
    detail = client.get(reverse("annotation:campaign-detail", args=[campaign.pk]))
    assert 'id="n-imported">1<' in detail.content.decode()


def test_annotators_cannot_import(client, campaign_factory, annotators):
    campaign = campaign_factory()
    a = real_uids(campaign)[0]
    url = reverse("annotation:campaign-import", args=[campaign.pk])
    client.force_login(annotators[0])
    upload = SimpleUploadedFile("x.csv", csv_bytes("item,annotator,label", f"{a},A1,1"))
    assert client.post(url, {"file": upload}).status_code == 403
    assert client.get(url).status_code == 403
    assert not Assignment.objects.filter(campaign=campaign).exists()


def test_an_imported_worker_is_never_taken_for_a_site_user_with_the_same_id(
    campaign_factory, annotators
):
    campaign = campaign_factory(votes_per_item=2)
    held = item_assign(campaign, annotators[0])
    judgement_submit(held.pk, annotators[0], label=1, seconds=4)
    uid = held.item.item.uid
    # The platform's worker "<pk>" happens to spell the site user's id.
    do_import(campaign, "item,annotator,label", f"{uid},{annotators[0].pk},1")
    assert campaign_settled_labels(campaign) == {held.item.item.script_id: 1}
    annotators_seen = {j.annotator for j in campaign_judgements(campaign)}
    assert len(annotators_seen) == 2


@pytest.mark.skipif(not settings.USING_POSTGRES, reason="row locks under load need PostgreSQL")
def test_an_import_alongside_live_annotators_keeps_k_and_the_counters(
    transactional_db, sample_files, monkeypatch, make_user
):
    scripts_generate(sample_files, monkeypatch, limit=30)
    campaign = campaign_create(
        user=None, item_set=item_set_make(size=20), name="mixed", votes_per_item=3
    )
    uids = real_uids(campaign)
    # Two platform votes per item: with live annotators taking slots at the same time, either
    # the whole file fits (every item still had room when it was locked) or none of it lands.
    content = csv_bytes("item,annotator,label", *[f"{u},p{n},1" for u in uids for n in (1, 2)])
    people = [make_user(f"live{n}", ANNOTATOR) for n in range(6)]
    errors, outcome = [], []
    start = threading.Barrier(len(people) + 1)

    def annotate(person):
        try:
            start.wait()
            while (held := item_assign(campaign, person)) is not None:
                judgement_submit(held.pk, person, label=0, seconds=3)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    def load():
        try:
            start.wait()
            outcome.append(judgements_import(campaign, io.BytesIO(content), name="p.csv"))
        except ImportRefused as refused:
            outcome.append(refused)
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=annotate, args=(p,)) for p in people]
    threads.append(threading.Thread(target=load))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not [t for t in threads if t.is_alive()] and not errors, errors
    imported = Assignment.objects.filter(campaign=campaign, annotator__isnull=True).count()
    if isinstance(outcome[0], ImportRefused):
        assert imported == 0
        assert all("would get more than the 3 votes" in str(p) for p in outcome[0].problems)
    else:
        assert imported == 2 * len(uids) and outcome[0].judgements == imported
    assert_counters_match_rows(campaign)
    for item in campaign.items.all():
        rows = item.assignments.filter(status="submitted")
        assert item.taken <= 3
        people_ids = list(rows.exclude(annotator=None).values_list("annotator", flat=True))
        assert len(people_ids) == len(set(people_ids))
    # An annotator who asked while the import held an item's lock was told nothing is left
    # (SKIP LOCKED); asking again later finds the slots that remain.
    for person in people:
        while (held := item_assign(campaign, person)) is not None:
            judgement_submit(held.pk, person, label=0, seconds=3)
    assert_counters_match_rows(campaign)
    assert set(campaign.items.values_list("judged", "taken", "full")) == {(3, 3, True)}
