"""The curator's campaign pages: creating campaigns (control answers from a CSV, staged T3
campaigns), the detail page's numbers against the database, state changes, guideline
versions, unpausing annotators, and that annotators cannot use any of it."""

import re
import statistics

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from annotation.models import Assignment, Campaign, CampaignAnnotator, GuidelineVersion
from annotation.services import AnnotatorBlocked, campaign_create, item_assign, judgement_submit
from pipeline.alignment import pools
from pipeline.alignment.embeddings import embedder_reset
from pipeline.catalog.reader import CatalogFile
from pipeline.catalog.services import catalog_import
from pipeline.generation import runs as runs_module
from pipeline.generation.runs import pipeline_run_create, pipeline_run_drive
from tests.annotation.conftest import item_set_make
from tests.catalog_llm import CatalogAwareClient

pytestmark = pytest.mark.django_db


def form_data(item_set, **changes):
    data = {
        "item_set": item_set.pk,
        "name": "Scripts, round 1",
        "votes_per_item": 5,
        "initial_votes": "",
        "reservation_minutes": 30,
        "guideline": "Answer yes when the script reaches the objective.",
        "control_share": 0.1,
        "qualification_items": 4,
        "qualification_pass": 0.75,
        "pause_below": 0.6,
        "pause_min_controls": 5,
        "min_seconds": 2.0,
        "source_campaign": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def uids_of(item_set):
    return list(item_set.items.order_by("position").values_list("uid", flat=True))


def control_csv(*lines, name="controls.csv"):
    return SimpleUploadedFile(name, ("\n".join(lines) + "\n").encode(), "text/csv")


def number(page: str, element_id: str) -> int:
    match = re.search(rf'id="{element_id}">(\d+)<', page)
    assert match, element_id
    return int(match.group(1))


# --- new campaign ------------------------------------------------------------------------------


def test_a_curator_creates_a_campaign_with_control_items_from_a_csv(client, curator, t1_items):
    uids = uids_of(t1_items)
    client.force_login(curator)
    assert client.get(reverse("annotation:campaign-new")).status_code == 200
    response = client.post(
        reverse("annotation:campaign-new"),
        form_data(
            t1_items,
            votes_per_item=4,
            initial_votes=2,
            reservation_minutes=15,
            control_share=0.25,
            qualification_items=2,
            control_file=control_csv(
                "item,label", f"{uids[0]},1", f"{uids[1]},0", f"{uids[2]},yes"
            ),
        ),
    )
    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("annotation:campaign-detail", args=[campaign.pk])
    assert (campaign.task, campaign.votes_per_item, campaign.initial_votes) == ("t1", 4, 2)
    assert (campaign.reservation_minutes, campaign.control_share) == (15, 0.25)
    assert campaign.qualification_items == 2 and campaign.created_by == curator
    controls = dict(
        campaign.items.filter(is_control=True).values_list("item__uid", "control_answer")
    )
    assert controls == {uids[0]: 1, uids[1]: 0, uids[2]: 1}
    assert campaign.items.filter(is_control=False).count() == len(uids) - 3
    # Real items start at the dynamic-overlap votes.
    assert set(campaign.items.filter(is_control=False).values_list("votes_target", flat=True)) == {
        2
    }
    assert list(campaign.guidelines.values_list("version", "text")) == [
        (1, "Answer yes when the script reaches the objective.")
    ]
    listing = client.get(reverse("annotation:campaign-list")).content.decode()
    assert "Scripts, round 1" in listing


def test_a_bad_control_csv_is_named_by_line_and_field_and_creates_nothing(
    client, curator, t1_items
):
    uids = uids_of(t1_items)
    client.force_login(curator)
    response = client.post(
        reverse("annotation:campaign-new"),
        form_data(
            t1_items,
            control_file=control_csv(
                "item,label",
                f"{uids[0]},1",
                "t1-notinthisset,1",
                f"{uids[1]},maybe",
                f"{uids[0]},0",
                name="gold.csv",
            ),
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    for problem in (
        "gold.csv:3: item: &#x27;t1-notinthisset&#x27; is not an item of this item set",
        "gold.csv:4: label: &#x27;maybe&#x27; is not 0 or 1",
        f"gold.csv:5: item: &#x27;{uids[0]}&#x27; already has an answer on line 2",
    ):
        assert problem in page
    assert not Campaign.objects.exists()
    response = client.post(
        reverse("annotation:campaign-new"),
        form_data(t1_items, control_file=control_csv("uid,answer", f"{uids[0]},1")),
    )
    assert "controls.csv:1: (header): missing column item, label" in response.content.decode()
    assert not Campaign.objects.exists()


def test_a_campaign_needs_a_ready_item_set_and_valid_numbers(client, curator, t1_items):
    client.force_login(curator)
    response = client.post(
        reverse("annotation:campaign-new"), form_data(t1_items, votes_per_item=3, initial_votes=4)
    )
    assert "initial_votes: must be between 1 and votes_per_item" in response.content.decode()
    t1_items.status = "building"
    t1_items.save(update_fields=["status"])
    response = client.post(reverse("annotation:campaign-new"), form_data(t1_items))
    assert "Select a valid choice" in response.content.decode()
    assert not Campaign.objects.exists()


@pytest.fixture
def t1_and_t3_items(sample_files, monkeypatch):
    """T1 and T3 item sets over the same scripts: a real pipeline run with associations."""
    embedder_reset()
    pools.pool_cache_clear()
    chosen = [p for p in sample_files if "Home_and_Kitchen" in p.name or "Pet_Supplies" in p.name]
    catalog_import([CatalogFile.of(p) for p in chosen])
    client = CatalogAwareClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: client)
    run = pipeline_run_create(
        user=None,
        stages=["intentions", "objectives", "scripts", "needs", "embed", "align"],
        limit=24,
        enqueue=False,
    )
    pipeline_run_drive(run.pk)
    t1, t3 = item_set_make("t1", size=500, seed=2), item_set_make("t3", size=500, seed=2)
    assert t3.stats["items"] >= 4
    return t1, t3


def test_a_staged_t3_campaign_waits_for_settled_positive_t1_labels(
    client, curator, make_user, t1_and_t3_items
):
    t1_set, t3_set = t1_and_t3_items
    t1_campaign = campaign_create(user=curator, item_set=t1_set, name="T1", votes_per_item=3)
    client.force_login(curator)
    staged = form_data(t3_set, name="T3 staged", source_campaign=t1_campaign.pk)
    response = client.post(reverse("annotation:campaign-new"), staged)
    assert response.status_code == 200
    assert "has a settled positive label yet" in response.content.decode()
    assert Campaign.objects.count() == 1
    # T1 judged: every other script that also has a T3 item is a good script, the rest not.
    t3_scripts = sorted(set(t3_set.items.values_list("script_id", flat=True)))
    positive = set(t3_scripts[::2])
    people = [make_user(f"t1judge{n}", "annotator") for n in range(3)]
    for person in people:
        while (held := item_assign(t1_campaign, person)) is not None:
            label = int(held.item.item.script_id in positive)
            judgement_submit(held.pk, person, label=label, seconds=4)
    response = client.post(reverse("annotation:campaign-new"), staged)
    assert response.status_code == 302
    t3_campaign = Campaign.objects.get(name="T3 staged")
    assert t3_campaign.source_campaign == t1_campaign and t3_campaign.task == "t3"
    expected = set(t3_set.items.filter(script_id__in=positive).values_list("uid", flat=True))
    assert set(t3_campaign.items.values_list("item__uid", flat=True)) == expected
    assert 0 < len(expected) < t3_set.items.count()


# --- campaign detail ----------------------------------------------------------------------------


def test_the_detail_page_numbers_equal_the_database(client, curator, t1_items, annotators):
    uids = uids_of(t1_items)
    campaign = campaign_create(
        user=curator,
        item_set=t1_items,
        name="with controls",
        votes_per_item=3,
        control_answers={uids[-1]: 1, uids[-2]: 0},
        control_share=0.3,
        qualification_items=1,
        qualification_pass=0,
        min_seconds=2.0,
    )
    times = iter([1.0, 3.0, 8.0, 2.5, 4.0, 30.0, 6.0, 1.5, 9.0, 2.0, 5.0, 7.0])
    for annotator, n in zip(annotators[:3], (2, 6, 4), strict=True):
        for _ in range(n):
            held = item_assign(campaign, annotator)
            judgement_submit(held.pk, annotator, label=held.pk % 2, seconds=next(times))
    held = item_assign(campaign, annotators[3])

    client.force_login(curator)
    response = client.get(reverse("annotation:campaign-detail", args=[campaign.pk]))
    page = response.content.decode()

    real = campaign.items.filter(is_control=False)
    submitted = Assignment.objects.filter(campaign=campaign, status="submitted")
    votes = {item.pk: item.assignments.filter(status="submitted").count() for item in real}
    touched = set(
        Assignment.objects.filter(
            campaign=campaign, is_control=False, status__in=["submitted", "reserved"]
        ).values_list("item_id", flat=True)
    )
    complete = sum(1 for v in votes.values() if v >= 3)
    untouched = sum(1 for pk in votes if pk not in touched)
    assert number(page, "n-items") == real.count() == len(uids) - 2
    assert number(page, "n-complete") == complete
    assert number(page, "n-untouched") == untouched
    assert number(page, "n-in-progress") == real.count() - complete - untouched > 0
    assert number(page, "n-judgements") == submitted.filter(is_control=False).count()
    assert number(page, "n-control-judgements") == submitted.filter(is_control=True).count() > 0
    assert number(page, "n-reservations") == 1 and held.status == "reserved"
    assert 'id="throughput-plot"' in page and "<svg" in page

    rows = {row["annotator"].username: row for row in response.context["annotators"]}
    for annotator in annotators[:4]:
        mine = submitted.filter(annotator=annotator)
        row = rows[annotator.username]
        assert row["judged"] == mine.count()
        checked = mine.filter(is_control=True).select_related("item")
        if checked:
            right = sum(a.label == a.item.control_answer for a in checked)
            assert row["control_accuracy"] == pytest.approx(right / len(checked))
        else:
            assert row["control_accuracy"] is None
        times = list(mine.values_list("seconds", flat=True))
        assert row["median_seconds"] == (statistics.median(times) if times else None)
        assert row["too_fast"] == sum(1 for t in times if t < campaign.min_seconds)

    def order(sort):
        url = reverse("annotation:campaign-detail", args=[campaign.pk]) + f"?sort={sort}"
        return re.findall(r'data-annotator="([^"]+)"', client.get(url).content.decode())

    by_count = sorted(
        (a.username for a in annotators[:4]),
        key=lambda u: -submitted.filter(annotator__username=u).count(),
    )
    assert order("-judged") == by_count == ["annotator1", "annotator2", "annotator0", "annotator3"]
    assert order("judged") == by_count[::-1]
    assert order("annotator") == ["annotator0", "annotator1", "annotator2", "annotator3"]
    # Annotators with no timing yet come last whichever way the column is sorted.
    assert order("seconds")[-1] == order("-seconds")[-1] == "annotator3"
    assert order("nonsense") == order("annotator")


def test_open_pause_and_close_change_what_annotators_get(
    client, curator, campaign_factory, annotators
):
    campaign = campaign_factory()
    url = reverse("annotation:campaign-state", args=[campaign.pk])
    client.force_login(curator)
    assert client.get(url).status_code == 405
    assert client.post(url, {"state": "paused"}).status_code == 302
    campaign.refresh_from_db()
    assert campaign.state == "paused"
    with pytest.raises(AnnotatorBlocked):
        item_assign(campaign, annotators[0])
    client.post(url, {"state": "open"})
    campaign.refresh_from_db()
    assert campaign.state == "open" and item_assign(campaign, annotators[0]) is not None
    client.post(url, {"state": "closed"})
    response = client.post(url, {"state": "open"}, follow=True)
    assert "A closed campaign stays closed." in response.content.decode()
    response = client.post(url, {"state": "finished"}, follow=True)
    assert "state: choose open, paused or closed." in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.state == "closed"
    client.force_login(annotators[1])
    assert client.post(url, {"state": "open"}).status_code == 403


def test_guideline_edits_make_versions_that_judgements_remember(
    client, curator, campaign_factory, annotators
):
    campaign = campaign_factory(guideline="Version one.")
    url = reverse("annotation:campaign-guideline", args=[campaign.pk])
    client.force_login(curator)
    first = item_assign(campaign, annotators[0])
    judgement_submit(first.pk, annotators[0], label=1, seconds=4)
    assert client.post(url, {"text": "Version two: count the steps."}).status_code == 302
    client.post(url, {"text": "Version two: count the steps."})  # unchanged: no new version
    campaign.refresh_from_db()
    assert (campaign.guideline_version, campaign.guideline) == (2, "Version two: count the steps.")
    assert list(
        GuidelineVersion.objects.filter(campaign=campaign).values_list("version", "text")
    ) == [(2, "Version two: count the steps."), (1, "Version one.")]
    page = client.get(url).content.decode()
    assert 'id="guideline-version">2<' in page
    assert "Version one." in page and "Version two: count the steps." in page
    second = item_assign(campaign, annotators[0])
    judgement_submit(second.pk, annotators[0], label=0, seconds=4)
    versions = dict(
        Assignment.objects.filter(pk__in=[first.pk, second.pk]).values_list(
            "pk", "guideline_version"
        )
    )
    assert versions == {first.pk: 1, second.pk: 2}


def test_a_curator_unpauses_an_annotator_the_controls_paused(client, curator, t1_items, annotators):
    uids = uids_of(t1_items)
    campaign = campaign_create(
        user=curator,
        item_set=t1_items,
        name="strict",
        votes_per_item=3,
        control_answers={uid: 1 for uid in uids[:8]},
        control_share=0.9,
        qualification_items=0,
        pause_below=0.6,
        pause_min_controls=2,
    )
    careless = annotators[0]
    for _ in range(30):
        try:
            held = item_assign(campaign, careless)
        except AnnotatorBlocked:
            break
        # Wrong on every control item.
        judgement_submit(held.pk, careless, label=0 if held.is_control else 1, seconds=4)
    member = CampaignAnnotator.objects.get(campaign=campaign, annotator=careless)
    assert member.paused
    client.force_login(curator)
    detail = reverse("annotation:campaign-detail", args=[campaign.pk])
    page = client.get(detail).content.decode()
    unpause = reverse("annotation:campaign-unpause", args=[campaign.pk, careless.pk])
    assert f'action="{unpause}"' in page and "paused" in page
    assert client.post(unpause).status_code == 302
    member.refresh_from_db()
    assert not member.paused and member.paused_reason == ""
    assert item_assign(campaign, careless) is not None
    assert f'action="{unpause}"' not in client.get(detail).content.decode()
    # Someone who never worked on the campaign has nothing to unpause.
    other = reverse("annotation:campaign-unpause", args=[campaign.pk, annotators[5].pk])
    assert client.post(other).status_code == 404


def test_annotators_cannot_create_or_manage_campaigns(client, t1_items, annotators):
    client.force_login(annotators[0])
    assert client.post(reverse("annotation:campaign-new"), form_data(t1_items)).status_code == 403
    assert not Campaign.objects.exists()
    campaign = campaign_create(user=None, item_set=t1_items, name="x", votes_per_item=1)
    for name in ("campaign-detail", "campaign-guideline", "campaign-import"):
        assert client.get(reverse(f"annotation:{name}", args=[campaign.pk])).status_code == 403
    response = client.post(
        reverse("annotation:campaign-guideline", args=[campaign.pk]), {"text": "mine"}
    )
    assert response.status_code == 403
    campaign.refresh_from_db()
    assert campaign.guideline_version == 1
    assert client.get(reverse("annotation:campaign-list")).status_code == 403
