"""Curation pages and API: the agreement page shows the campaign's statistics (checked against
statsmodels, krippendorff and scikit-learn on the stored judgements), adjudication and
releases work through the pages, and each role sees only what it may."""

import random
import re
from collections import Counter, defaultdict
from html import unescape

import numpy as np
import pytest
from django.urls import reverse
from krippendorff import alpha as krippendorff_alpha
from sklearn.metrics import cohen_kappa_score
from statsmodels.stats.inter_rater import fleiss_kappa

from accounts.roles import ANNOTATOR, MODEL_AUTHOR
from annotation.agreement import ONE_LABEL
from annotation.curation.gold import adjudication_queue, campaign_gold, campaign_stats
from annotation.curation.releases import release_create, release_publish
from annotation.curation.selectors import agreement_over_time
from annotation.models import Adjudication, Assignment, CampaignStats, Release, ReleaseItem
from annotation.services import campaign_create, item_assign, judgement_submit

pytestmark = pytest.mark.django_db


def judge_round_robin(campaign, annotators, *, noise=0.25, seed=0, answer=None):
    """Annotators take turns, one item each, until nothing is left, so their volumes differ.
    An item's 'true' label is a coin seeded by its uid; each answer is flipped with
    probability ``noise``, or is always ``answer`` when given."""
    rng = random.Random(seed)
    active = list(annotators)
    while active:
        for annotator in list(active):
            held = item_assign(campaign, annotator)
            if held is None:
                active.remove(annotator)
                continue
            truth = random.Random(held.item.item.uid).randint(0, 1)
            label = answer if answer is not None else (truth if rng.random() > noise else 1 - truth)
            judgement_submit(held.pk, annotator, label=label, seconds=3 + rng.random() * 5)


@pytest.fixture
def judges(make_user):
    return [make_user(f"judge{n}", ANNOTATOR) for n in range(6)]


@pytest.fixture
def judged(t1_items, curator, judges):
    campaign = campaign_create(
        user=curator, item_set=t1_items, name="T1 agreement", votes_per_item=4, guideline="Judge."
    )
    judge_round_robin(campaign, judges)
    return campaign


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


def _judgements(campaign):
    return list(
        Assignment.objects.filter(campaign=campaign, status="submitted", is_control=False)
        .order_by("id")
        .values_list("item_id", "annotator__username", "label")
    )


def _counts(judgements):
    per_item = defaultdict(lambda: [0, 0])
    for item, _annotator, label in judgements:
        per_item[item][label] += 1
    return np.array(list(per_item.values()))


def _row(html: str, element_id: str) -> str:
    """The text of the table row with this id, tags stripped."""
    match = re.search(rf'<tr[^>]*id="{re.escape(element_id)}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, f"no row {element_id}"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def _f3(value: float) -> str:
    return f"{value:.3f}"


def test_agreement_page_shows_the_statistics_of_the_stored_judgements(curator_client, judged):
    judgements = _judgements(judged)
    counts = _counts(judgements)
    votes = counts.sum(axis=1)
    assert (votes == 4).all()
    html = curator_client.get(reverse("annotation:campaign-agreement", args=[judged.pk]))
    assert html.status_code == 200
    html = html.content.decode()

    # Independent references: the libraries themselves, and the textbook definition.
    fleiss = fleiss_kappa(counts, method="fleiss")
    alpha = krippendorff_alpha(value_counts=counts, level_of_measurement="nominal")
    percent = np.mean((counts * (counts - 1)).sum(axis=1) / (votes * (votes - 1)))
    positive_rate = counts[:, 1].sum() / counts.sum()
    assert _f3(fleiss) in _row(html, "stat-fleiss_kappa")
    assert _f3(alpha) in _row(html, "stat-krippendorff_alpha")
    assert _f3(percent) in _row(html, "stat-percent_agreement")
    assert _f3(positive_rate) in _row(html, "stat-positive_rate")
    # Gwet (2008) AC1 for two categories: pe = 2 pi (1 - pi), pi the mean share of label 1.
    pi = (counts[:, 1] / votes).mean()
    ac1 = (percent - 2 * pi * (1 - pi)) / (1 - 2 * pi * (1 - pi))
    assert _f3(ac1) in _row(html, "stat-gwet_ac1")

    # The intervals are the cached report's.
    report = campaign_stats(judged)
    kappa = report["agreement"]["fleiss_kappa"]
    assert kappa["ci_low"] < fleiss < kappa["ci_high"]
    assert f"[{_f3(kappa['ci_low'])}, {_f3(kappa['ci_high'])}]" in _row(html, "stat-fleiss_kappa")

    # Vote splits of 4 votes: 4-0, 3-1, 2-2.
    top = counts.max(axis=1)
    for majority in (4, 3, 2):
        row = _row(html, f"split-{majority}-{4 - majority}")
        assert row.split()[1] == str(int((top == majority).sum()))

    # Per annotator: judgements as stored.
    per_annotator = Counter(annotator for _item, annotator, _label in judgements)
    rows = re.findall(r'<tr class="annotator" data-annotator="([^"]+)">(.*?)</tr>', html, re.S)
    shown = {
        name: int(re.search(r'class="num judgements">(\d+)<', body).group(1)) for name, body in rows
    }
    assert shown == dict(per_annotator)

    # Pairwise Cohen's kappa: every pair sharing 10+ items, as scikit-learn computes it.
    by_annotator = defaultdict(dict)
    for item, annotator, label in judgements:
        by_annotator[annotator][item] = label
    pairs_table = re.search(r'id="cohen-pairs">(.*?)</table>', html, re.S)
    expected_pairs = 0
    names = sorted(by_annotator)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            shared = sorted(set(by_annotator[a]) & set(by_annotator[b]))
            if len(shared) < 10:
                continue
            expected_pairs += 1
            k = cohen_kappa_score(
                [by_annotator[a][x] for x in shared], [by_annotator[b][x] for x in shared]
            )
            assert re.search(
                rf"<td>{a}</td><td>{b}</td><td class=\"num\">{len(shared)}</td>"
                rf"<td class=\"num\">[0-9.]+</td><td class=\"num\">{re.escape(_f3(k))}</td>",
                pairs_table.group(1),
            ), (a, b)
    assert expected_pairs == len(report["agreement"]["cohen"]["pairs"]) > 0

    # Per category, and the three plots.
    for group in report["groups"]["category"]:
        row = _row(html, f"category-{group['value']}")
        assert row.split()[1:3] == [str(group["items"]), str(group["judgements"])]
    assert html.count("<svg") == 3


def test_agreement_over_time_ends_at_the_full_statistics_and_is_cached(
    judged, django_assert_num_queries
):
    counts = _counts(_judgements(judged))
    series = agreement_over_time(judged)
    assert len(series) == 10
    assert [p["judgements"] for p in series] == sorted({p["judgements"] for p in series})
    assert series[-1]["judgements"] == counts.sum()
    assert series[-1]["fleiss_kappa"] == pytest.approx(fleiss_kappa(counts, method="fleiss"))
    times = [p["at"] for p in series]
    assert times == sorted(times)
    with django_assert_num_queries(1):  # the judgements stamp; the series comes from the cache
        assert agreement_over_time(judged) == series


def test_annotator_table_sorts_by_the_chosen_column(curator_client, judged):
    url = reverse("annotation:campaign-agreement", args=[judged.pk])

    def column(sort, number):
        html = curator_client.get(url, {"sort": sort}).content.decode()
        body = re.search(r'<table class="data" id="annotators">.*?<tbody>(.*?)</tbody>', html, re.S)
        cells = []
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body.group(1), re.S):
            cell = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[number]
            cells.append(re.sub(r"<[^>]+>", " ", cell).split()[0])
        return cells

    judgements = [int(x) for x in column("judgements", 1)]
    assert judgements == sorted(judgements) and len(set(judgements)) > 1
    assert [int(x) for x in column("-judgements", 1)] == sorted(judgements, reverse=True)
    loo = [float(x) for x in column("-loo_agreement", 2)]
    assert loo == sorted(loo, reverse=True)
    names = column("annotator", 0)
    assert names == sorted(names)


def test_a_campaign_where_every_vote_is_the_same_shows_not_defined(
    curator_client, t1_items, curator, judges
):
    campaign = campaign_create(user=curator, item_set=t1_items, name="All yes", votes_per_item=3)
    judge_round_robin(campaign, judges[:3], answer=1)
    html = curator_client.get(reverse("annotation:campaign-agreement", args=[campaign.pk]))
    assert html.status_code == 200
    html = html.content.decode()
    for statistic in ("fleiss_kappa", "krippendorff_alpha"):
        row = _row(html, f"stat-{statistic}")
        assert "not defined" in row and ONE_LABEL in row
    assert "1.000" in _row(html, "stat-percent_agreement")
    assert "1.000" in _row(html, "stat-positive_rate")


def test_the_page_reads_the_cached_report_until_recompute(curator_client, judged):
    url = reverse("annotation:campaign-agreement", args=[judged.pk])
    campaign_stats(judged)
    stats = CampaignStats.objects.get(campaign=judged)
    true_count = stats.report["agreement"]["judgements"]
    stats.report["agreement"]["judgements"] = 999999
    stats.save()
    assert "999999" in curator_client.get(url).content.decode()
    response = curator_client.post(
        reverse("annotation:campaign-agreement-recompute", args=[judged.pk])
    )
    assert response.status_code == 302
    html = curator_client.get(url).content.decode()
    assert "999999" not in html
    assert f'id="agreement-judgements">{true_count}<' in html
    assert true_count == len(_judgements(judged))


def test_adjudication_through_the_page_needs_a_reason_and_keeps_its_author(
    curator_client, judged, curator
):
    url = reverse("annotation:campaign-adjudication", args=[judged.pk])
    queue = adjudication_queue(judged)
    assert queue
    html = curator_client.get(url).content.decode()
    assert f'id="queue-count">({len(queue)})<' in html
    first = queue[0]
    item = first.campaign_item
    block = re.search(rf'id="queue-{item.pk}">(.*?)</article>', html, re.S).group(1)
    assert f"{first.positive} for 1, {first.votes - first.positive} for 0" in block
    assert item.item.payload["objective"] in unescape(block)
    assert _f3(first.ds_posterior) in block
    for flag in first.flags:
        assert flag in block

    response = curator_client.post(url, {"item": item.pk, "label": 1, "reason": "  "}, follow=True)
    assert "reason" in response.content.decode()
    assert not Adjudication.objects.filter(item=item).exists()

    curator_client.post(url, {"item": item.pk, "label": 1, "reason": "step 2 is unsafe"})
    decision = Adjudication.objects.get(item=item)
    assert (decision.label, decision.reason, decision.decided_by) == (
        1,
        "step 2 is unsafe",
        curator,
    )
    assert next(r for r in campaign_gold(judged) if r.uid == first.uid).label == 1

    html = curator_client.get(url).content.decode()
    assert f'id="queue-{item.pk}"' not in html
    decisions = re.search(r'id="decisions">(.*?)</table>', html, re.S).group(1)
    assert "step 2 is unsafe" in decisions and curator.username in decisions

    again = curator_client.post(url, {"item": item.pk, "label": 0, "reason": "no"}, follow=True)
    assert "already adjudicated" in again.content.decode()
    assert Adjudication.objects.get(item=item).label == 1


def test_release_create_publish_and_delete_through_the_pages(curator_client, judged):
    form = curator_client.get(reverse("annotation:release-new")).content.decode()
    assert f'value="{judged.pk}"' in form
    fields = {
        "name": "EcomScriptBench",
        "version": "1.0",
        "notes": "first cut",
        "campaigns": [judged.pk],
        "seed": 3,
        "train": 0.6,
        "dev": 0.2,
        "test": 0.2,
        "public_share": 0.5,
        "licence": "CC-BY-4.0",
    }
    refused = curator_client.post(reverse("annotation:release-new"), fields)
    assert refused.status_code == 200 and "semantic version" in refused.content.decode()
    assert not Release.objects.exists()

    response = curator_client.post(
        reverse("annotation:release-new"), {**fields, "version": "1.0.0"}
    )
    release = Release.objects.get()
    assert response["Location"] == reverse("annotation:release-detail", args=[release.pk])
    assert release.status == "draft" and release.seed == 3 and release.notes == "first cut"
    assert release.sizes == {"train": 0.6, "dev": 0.2, "test": 0.2}
    settled = [row for row in campaign_gold(judged) if row.label is not None]
    assert release.items.count() == len(settled)

    html = curator_client.get(response["Location"]).content.decode()
    for (task, split), n in Counter(release.items.values_list("task", "split")).items():
        positive = release.items.filter(task=task, split=split, label=1).count()
        row = _row(html, f"split-{task}-{split}").split()
        assert row[2:5] == [str(n), str(positive), str(n - positive)]
    waiting = judged.items.count() - len(settled)
    assert waiting > 0 and f"waiting for adjudication {waiting}" in _row_text(html, "left-out")
    assert 'id="publish-form"' in html and 'class="badge draft"' in html

    not_confirmed = curator_client.post(reverse("annotation:release-publish", args=[release.pk]))
    assert not_confirmed.status_code == 302
    release.refresh_from_db()
    assert release.status == "draft"
    curator_client.post(
        reverse("annotation:release-publish", args=[release.pk]), {"confirm": "yes"}
    )
    release.refresh_from_db()
    assert release.is_published and release.published_at is not None
    html = curator_client.get(reverse("annotation:release-detail", args=[release.pk]))
    html = html.content.decode()
    assert "frozen" in html
    assert 'id="publish-form"' not in html and 'id="delete-form"' not in html

    curator_client.post(reverse("annotation:release-delete", args=[release.pk]))
    assert Release.objects.filter(pk=release.pk).exists()

    draft = curator_client.post(reverse("annotation:release-new"), {**fields, "version": "1.0.1"})
    draft_pk = int(draft["Location"].rstrip("/").split("/")[-1])
    listing = curator_client.get(reverse("annotation:release-list")).content.decode()
    assert "1.0.0" in listing and "1.0.1" in listing
    gone = curator_client.post(reverse("annotation:release-delete", args=[draft_pk]))
    assert gone["Location"] == reverse("annotation:release-list")
    assert not Release.objects.filter(pk=draft_pk).exists()
    assert not ReleaseItem.objects.filter(release_id=draft_pk).exists()


def _row_text(html: str, table_id: str) -> str:
    match = re.search(rf'id="{table_id}">(.*?)</table>', html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def test_only_curators_reach_the_curation_pages(client, judged, curator, make_user):
    release = release_create(user=curator, name="B", version="1.0.0", campaigns=[judged])
    pages = [
        ("get", reverse("annotation:campaign-agreement", args=[judged.pk])),
        ("get", reverse("annotation:campaign-adjudication", args=[judged.pk])),
        ("get", reverse("annotation:release-list")),
        ("get", reverse("annotation:release-new")),
        ("get", reverse("annotation:release-detail", args=[release.pk])),
        ("post", reverse("annotation:release-publish", args=[release.pk])),
        ("post", reverse("annotation:release-delete", args=[release.pk])),
        ("get", reverse("annotation-api:campaign-agreement", args=[judged.pk])),
    ]
    for role in (ANNOTATOR, MODEL_AUTHOR):
        client.force_login(make_user(f"not-a-curator-{role}", role))
        for method, url in pages:
            response = getattr(client, method)(url, {"confirm": "yes"} if method == "post" else {})
            assert response.status_code == 403, (role, url)
    release.refresh_from_db()
    assert release.status == "draft"


def test_the_release_api_shows_model_authors_published_releases_only(
    client, judged, curator, make_user
):
    published = release_create(user=curator, name="B", version="1.0.0", campaigns=[judged])
    release_publish(published)
    draft = release_create(user=curator, name="B", version="1.1.0", campaigns=[judged])

    client.force_login(make_user("author", MODEL_AUTHOR))
    listing = client.get(reverse("annotation-api:release-list")).json()
    assert [r["id"] for r in listing] == [published.pk]
    assert listing[0]["items"] == published.items.count()
    detail = client.get(reverse("annotation-api:release-detail", args=[published.pk])).json()
    assert detail["stats"]["items"] == published.items.count()
    assert detail["campaigns"] == [judged.pk]
    assert client.get(reverse("annotation-api:release-detail", args=[draft.pk])).status_code == 404

    client.force_login(curator)
    listing = client.get(reverse("annotation-api:release-list")).json()
    assert {r["id"]: r["status"] for r in listing} == {
        published.pk: "published",
        draft.pk: "draft",
    }
    assert client.get(reverse("annotation-api:release-detail", args=[draft.pk])).status_code == 200
    report = client.get(reverse("annotation-api:campaign-agreement", args=[judged.pk])).json()
    counts = _counts(_judgements(judged))
    assert report["report"]["agreement"]["judgements"] == counts.sum()
    assert report["report"]["agreement"]["fleiss_kappa"]["value"] == pytest.approx(
        fleiss_kappa(counts, method="fleiss")
    )
