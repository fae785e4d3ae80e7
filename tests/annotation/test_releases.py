"""Gold labels, adjudication and releases: settled labels only, ties to adjudication, splits
that keep objectives apart, the same seed giving the same splits, published means frozen."""

import importlib
import random
from collections import Counter

import pytest
from django.db import DatabaseError, transaction

from accounts.errors import ApplicationError, ConflictError
from accounts.roles import ANNOTATOR
from annotation.curation.gold import (
    adjudication_decide,
    adjudication_queue,
    campaign_gold,
    campaign_stats,
)
from annotation.curation.releases import release_create, release_delete, release_publish
from annotation.curation.splits import groups_split
from annotation.models import CampaignStats, Release, ReleaseBlock, ReleaseItem, ReleaseTable
from annotation.services import campaign_create, item_assign, judgement_submit

pytestmark = pytest.mark.django_db


def judge_all(campaign, annotators, *, noise=0.2, seed=0):
    """Every annotator answers until nothing is left: the 'true' label of an item is a coin
    seeded by its uid, each answer is flipped with probability ``noise``."""
    rng = random.Random(seed)
    for annotator in annotators:
        while (held := item_assign(campaign, annotator)) is not None:
            truth = random.Random(held.item.item.uid).randint(0, 1)
            label = truth if rng.random() > noise else 1 - truth
            judgement_submit(held.pk, annotator, label=label, seconds=4)


@pytest.fixture
def judged(t1_items, curator, make_user):
    people = [make_user(f"judge{n}", ANNOTATOR) for n in range(5)]
    campaign = campaign_create(
        user=curator, item_set=t1_items, name="T1 gold", votes_per_item=4, guideline="Judge."
    )
    judge_all(campaign, people)
    return campaign


def test_splits_keep_groups_whole_follow_the_shares_and_repeat_with_the_seed():
    rng = random.Random(3)
    groups = {
        g: [(rng.choice("ab"), rng.randint(0, 1)) for _ in range(rng.randint(1, 4))]
        for g in range(400)
    }
    sizes = {"train": 0.7, "dev": 0.1, "test": 0.2}
    split = groups_split(groups, sizes, seed=5)
    assert set(split) == set(groups)
    items = Counter()
    strata = Counter()
    for group, name in split.items():
        items[name] += len(groups[group])
        for stratum in groups[group]:
            strata[(name, stratum)] += 1
    total = sum(items.values())
    for name, share in sizes.items():
        assert items[name] / total == pytest.approx(share, abs=0.02)
    # Every stratum is split in about the same proportions.
    for stratum in {s for g in groups.values() for s in g}:
        in_stratum = sum(strata[(n, stratum)] for n in sizes)
        assert strata[("test", stratum)] / in_stratum == pytest.approx(0.2, abs=0.05)
    assert groups_split(groups, sizes, seed=5) == split
    assert groups_split(groups, sizes, seed=6) != split
    with pytest.raises(ValueError):
        groups_split(groups, {"train": 0.5, "test": 0.4}, seed=1)


def test_gold_labels_need_all_votes_and_ties_go_to_adjudication(judged, curator):
    gold = campaign_gold(judged)
    assert len(gold) == judged.items.count()
    for row in gold:
        assert row.votes == 4
        if row.positive == 2:
            assert row.majority is None and "tie" in row.flags and row.label is None
        elif not row.needs_adjudication:
            assert row.label == (1 if row.positive > 2 else 0)
    queue = adjudication_queue(judged)
    assert queue and all(row.needs_adjudication for row in queue)
    with pytest.raises(ApplicationError, match="reason"):
        adjudication_decide(campaign_item=queue[0].campaign_item, label=1, reason=" ", user=curator)
    decision = adjudication_decide(
        campaign_item=queue[0].campaign_item, label=1, reason="step 3 is unsafe", user=curator
    )
    assert decision.decided_by == curator
    row = next(r for r in campaign_gold(judged) if r.uid == queue[0].uid)
    assert row.label == 1 and row.adjudication.reason == "step 3 is unsafe"
    assert len(adjudication_queue(judged)) == len(queue) - 1
    with pytest.raises(ConflictError):
        adjudication_decide(campaign_item=queue[0].campaign_item, label=0, reason="x", user=curator)


def test_agreement_statistics_are_cached_until_judgements_change(judged, make_user):
    first = campaign_stats(judged)
    assert first["agreement"]["fleiss_kappa"]["items"] == judged.items.count()
    stamp = CampaignStats.objects.get(campaign=judged).stamp
    assert campaign_stats(judged) == first
    assert CampaignStats.objects.get(campaign=judged).stamp == stamp


def test_release_holds_settled_labels_split_by_objective(judged, curator):
    release = release_create(
        user=curator, name="EcomScriptBench", version="1.0.0", campaigns=[judged], seed=7
    )
    settled = {row.uid: row for row in campaign_gold(judged) if row.label is not None}
    items = list(release.items.all())
    assert {i.uid for i in items} == set(settled)
    for item in items:
        row = settled[item.uid]
        assert (item.label, item.votes, item.positive_votes) == (row.label, 4, row.positive)
        assert item.ds_posterior == pytest.approx(row.ds_posterior)
        assert item.inputs == row.campaign_item.item.payload
        assert (item.split == "test") == (item.test_part in ("public", "private"))
    splits_per_objective = Counter()
    for objective in {i.objective_id for i in items}:
        splits_per_objective[len({i.split for i in items if i.objective_id == objective})] += 1
    assert set(splits_per_objective) == {1}
    left_out = release.stats["left_out"]
    assert left_out.get("waiting for adjudication", 0) == judged.items.count() - len(items)
    assert release.provenance["campaigns"][0]["guideline_versions"] == [1]

    again = release_create(
        user=curator, name="EcomScriptBench", version="1.0.1", campaigns=[judged], seed=7
    )
    assert sorted(again.items.values_list("uid", "split", "test_part")) == sorted(
        release.items.values_list("uid", "split", "test_part")
    )


def test_a_published_release_cannot_change(judged, curator):
    release = release_create(user=curator, name="Bench", version="1.0.0", campaigns=[judged])
    release_publish(release)
    item = release.items.first()
    table = release.tables.first()
    block = table.blocks.first()
    attempts = [
        # The export text is frozen too: the files of every export stay the same.
        lambda: ReleaseBlock.objects.filter(pk=block.pk).update(csv=b"changed"),
        lambda: ReleaseBlock.objects.filter(pk=block.pk).delete(),
        lambda: ReleaseBlock.objects.create(
            release=release, table=table, number=999, rows=0, csv=b"", jsonl=b""
        ),
        lambda: ReleaseTable.objects.filter(pk=table.pk).update(rows=0),
        lambda: ReleaseTable.objects.filter(pk=table.pk).delete(),
        lambda: ReleaseTable.objects.create(
            release=release, task="t9", split="dev", rows=0, positive=0
        ),
        lambda: ReleaseItem.objects.filter(pk=item.pk).update(label=1 - item.label),
        lambda: ReleaseItem.objects.filter(pk=item.pk).delete(),
        lambda: Release.objects.filter(pk=release.pk).update(notes="changed"),
        lambda: Release.objects.filter(pk=release.pk).delete(),
        lambda: release.campaigns.clear(),
        lambda: ReleaseItem.objects.create(
            release=release,
            uid="t1-new",
            task="t1",
            split="train",
            label=1,
            votes=1,
            positive_votes=1,
            campaign=judged,
            category="x",
            objective_id=1,
            item=item.item,
            inputs={},
        ),
    ]
    for attempt in attempts:
        with pytest.raises(DatabaseError, match="published"), transaction.atomic():
            attempt()
    item.refresh_from_db()
    assert Release.objects.get(pk=release.pk).notes == ""
    assert bytes(ReleaseBlock.objects.get(pk=block.pk).csv) == bytes(block.csv)
    with pytest.raises(ConflictError):
        release_publish(release)
    with pytest.raises(ConflictError):
        release_delete(release)


def test_bad_release_requests_are_refused(judged, curator):
    for kwargs, message in [
        ({"version": "v1"}, "semantic version"),
        ({"sizes": {"train": 0.9, "dev": 0.1, "test": 0.0}}, "test share"),
        ({"public_share": 1.0}, "public_share"),
        ({"campaigns": []}, "at least one campaign"),
    ]:
        options = {"name": "B", "version": "1.0.0", "campaigns": [judged], **kwargs}
        with pytest.raises(ApplicationError, match=message):
            release_create(user=curator, **options)
    release_create(user=curator, name="B", version="1.0.0", campaigns=[judged])
    with pytest.raises(ConflictError, match="exists already"):
        release_create(user=curator, name="B", version="1.0.0", campaigns=[judged])


def export_text(release):
    """A release's stored export text: its tables' columns and counts, its blocks' bytes."""
    tables = {
        (t.task, t.split): (t.columns, t.rows, t.positive, t.public_rows, t.private_rows)
        for t in release.tables.all()
    }
    blocks = sorted(
        (b.table.task, b.table.split, b.number, bytes(b.csv), bytes(b.jsonl), bytes(b.arrow),
         bytes(b.labels_csv), bytes(b.labels_jsonl), bytes(b.labels_arrow))
        for b in ReleaseBlock.objects.filter(release=release).select_related("table")
    )  # fmt: skip
    return tables, blocks


def test_the_migration_gives_older_releases_the_text_new_ones_get(judged, curator):
    """Releases built before the text was stored get it from migration 0008, rendered as
    release_create renders it: the same tables, columns and bytes."""
    from django.apps import apps

    release = release_create(user=curator, name="Old", version="1.0.0", campaigns=[judged])
    stored, blocks = export_text(release)
    assert stored and blocks
    ReleaseBlock.objects.filter(release=release).delete()
    ReleaseTable.objects.filter(release=release).delete()  # as before the migration
    migration = importlib.import_module("annotation.migrations.0008_release_export_text")
    migration.backfill(apps, None)
    assert export_text(release) == (stored, blocks)


def test_deleting_a_draft_deletes_its_export_text(judged, curator):
    release = release_create(user=curator, name="Gone", version="1.0.0", campaigns=[judged])
    assert ReleaseBlock.objects.filter(release=release).exists()
    assert sum(t.rows for t in release.tables.all()) == release.items.count()
    release_delete(release)
    assert not ReleaseTable.objects.filter(release_id=release.pk).exists()
    assert not ReleaseBlock.objects.filter(release_id=release.pk).exists()
