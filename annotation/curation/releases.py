"""Benchmark releases: freeze settled gold labels of chosen campaigns into versioned,
immutable train / dev / test splits (test in a public and a private part)."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from operator import attrgetter

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.errors import ApplicationError, ConflictError
from annotation.models import Campaign, Release, ReleaseBlock, ReleaseItem, ReleaseTable

from .gold import campaign_gold, campaign_stats
from .rendering import BLOCK_ROWS, TableText, input_columns
from .splits import groups_split

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")
DEFAULT_SIZES = {"train": 0.7, "dev": 0.1, "test": 0.2}
DEFAULT_PUBLIC_SHARE = 0.5


def release_create(
    *,
    user,
    name: str,
    version: str,
    campaigns: list[Campaign],
    notes: str = "",
    seed: int = 0,
    sizes: dict[str, float] | None = None,
    public_share: float = DEFAULT_PUBLIC_SHARE,
    licence: str = "CC-BY-4.0",
) -> Release:
    """A draft release built from the campaigns' settled labels. Same labels + seed = same
    splits. Items still waiting for adjudication, or for votes, are left out and counted."""
    sizes = dict(sizes or DEFAULT_SIZES)
    if not name.strip():
        raise ApplicationError("name: required")
    if not SEMVER.match(version):
        raise ApplicationError(f"version: {version!r} is not a semantic version like 1.0.0")
    if set(sizes) != {"train", "dev", "test"} or any(v < 0 for v in sizes.values()):
        raise ApplicationError("sizes: give train, dev and test shares, each at least 0")
    if abs(sum(sizes.values()) - 1) > 1e-6 or sizes["test"] <= 0:
        raise ApplicationError("sizes: the shares must sum to 1, with a test share above 0")
    if not 0 < public_share < 1:
        raise ApplicationError("public_share: must be between 0 and 1 (both parts non-empty)")
    if not campaigns:
        raise ApplicationError("campaigns: choose at least one campaign")
    if Release.objects.filter(name=name, version=version).exists():
        raise ConflictError(f"{name} {version} exists already; choose a new version")

    rows, skipped, seen = [], Counter(), {}
    provenance = {"campaigns": [], "built_at": timezone.now().isoformat()}
    agreement = {}
    for campaign in campaigns:
        gold = campaign_gold(campaign)
        report = campaign_stats(campaign)
        agreement[campaign.name] = {
            key: report["agreement"].get(key) for key in ("fleiss_kappa", "krippendorff_alpha")
        }
        total_real = campaign.items.filter(is_control=False).count()
        skipped["not enough votes yet"] += total_real - len(gold)
        versions_used = set()
        for row in gold:
            if row.label is None:
                skipped["waiting for adjudication"] += 1
                continue
            if row.uid in seen:
                raise ApplicationError(
                    f"item {row.uid} is in both {seen[row.uid]} and {campaign}; choose one"
                )
            seen[row.uid] = campaign
            versions_used.update(row.guideline_versions)
            rows.append((campaign, row))
        provenance["campaigns"].append(
            {
                "id": campaign.pk,
                "name": campaign.name,
                "task": campaign.task,
                "votes_per_item": campaign.votes_per_item,
                "initial_votes": campaign.initial_votes,
                "guideline_versions": sorted(versions_used),
                "item_set": campaign.item_set_id,
            }
        )
    if not rows:
        raise ApplicationError("No settled gold label in these campaigns yet.")

    groups: dict[int, list] = defaultdict(list)
    for _campaign, row in rows:
        item = row.campaign_item.item
        groups[item.objective_id].append((item.task, item.category_id, row.label))
    split_of = groups_split(groups, sizes, seed=seed)
    test_groups = {g: strata for g, strata in groups.items() if split_of[g] == "test"}
    part_of = groups_split(
        test_groups, {"public": public_share, "private": 1 - public_share}, seed=seed + 1
    )

    with transaction.atomic():
        release = Release.objects.create(
            name=name.strip(),
            version=version,
            notes=notes,
            seed=seed,
            sizes=sizes,
            public_share=public_share,
            licence=licence,
            created_by=user,
            provenance=provenance,
        )
        release.campaigns.set(campaigns)
        items = []
        for campaign, row in rows:
            item = row.campaign_item.item
            split = split_of[item.objective_id]
            items.append(
                ReleaseItem(
                    release=release,
                    uid=item.uid,
                    task=item.task,
                    split=split,
                    test_part=part_of.get(item.objective_id, "") if split == "test" else "",
                    label=row.label,
                    votes=row.votes,
                    positive_votes=row.positive,
                    ds_posterior=row.ds_posterior,
                    adjudicated=row.adjudication is not None,
                    campaign=campaign,
                    guideline_versions=row.guideline_versions,
                    category=item.category.name,
                    objective_id=item.objective_id,
                    item=item,
                    inputs=item.payload,
                )
            )
        release_items_store(release, items)
        release.stats = _release_stats(items, skipped, agreement)
        release.save(update_fields=["stats"])
    return release


def release_items_store(release: Release, items: list, *, block_rows: int | None = None) -> None:
    """Store a draft release's items and their export text: the items in task, split and
    uid order, and per task and split a ReleaseTable (input columns from every row, counts)
    with its rows rendered in blocks of ``block_rows`` (rendering.py). ``items``: unsaved
    ReleaseItems of ``release``."""
    items.sort(key=lambda i: (i.task, i.split, i.uid))
    ReleaseItem.objects.bulk_create(items, batch_size=2000)
    release_text_store(release, items, block_rows=block_rows)


def release_text_store(
    release, items: list, *, block_rows: int | None = None, models=None
) -> list[ReleaseTable]:
    """The ReleaseTables and ReleaseBlocks of ``items`` (sorted by task, split and uid: any
    objects with a ReleaseItem's attributes). ``models``: (ReleaseTable, ReleaseBlock)
    classes, for a migration's historical models."""
    table_model, block_model = models or (ReleaseTable, ReleaseBlock)
    block_rows = block_rows or int(getattr(settings, "RELEASE_BLOCK_ROWS", BLOCK_ROWS))
    items = sorted(items, key=attrgetter("task", "split", "uid"))  # no cost when sorted
    by_task = {task: list(rows) for task, rows in itertools.groupby(items, key=attrgetter("task"))}
    tables = []
    for task, task_items in by_task.items():
        columns = input_columns(item.inputs for item in task_items)
        for split, rows in itertools.groupby(task_items, key=attrgetter("split")):
            rows = list(rows)
            table = table_model.objects.create(
                release=release,
                task=task,
                split=split,
                columns=[c.as_dict() for c in columns],
                rows=len(rows),
                positive=sum(1 for r in rows if r.label == 1),
                public_rows=sum(1 for r in rows if r.test_part == "public"),
                private_rows=sum(1 for r in rows if r.test_part == "private"),
            )
            text = TableText(task, split, columns)
            blocks = []
            for number, start in enumerate(range(0, len(rows), block_rows)):
                block = text.block(rows[start : start + block_rows])
                blocks.append(
                    block_model(release=release, table=table, number=number, **vars(block))
                )
                if len(blocks) >= 16:  # a few MB of text at a time
                    block_model.objects.bulk_create(blocks)
                    blocks = []
            block_model.objects.bulk_create(blocks)
            tables.append(table)
    return tables


def _release_stats(items, skipped, agreement) -> dict:
    counts: dict = defaultdict(lambda: defaultdict(lambda: {"items": 0, "positive": 0}))
    for item in items:
        for split in (item.split, f"test-{item.test_part}" if item.test_part else None):
            if split:
                cell = counts[item.task][split]
                cell["items"] += 1
                cell["positive"] += item.label
    return {
        "items": len(items),
        "by_task": {task: dict(splits) for task, splits in sorted(counts.items())},
        "left_out": dict(skipped),
        "objectives": len({item.objective_id for item in items}),
        "agreement": agreement,
    }


def release_publish(release: Release) -> Release:
    """Publish a draft; from then on the database refuses any change to it."""
    with transaction.atomic():
        locked = Release.objects.select_for_update().get(pk=release.pk)
        if locked.is_published:
            raise ConflictError(f"{locked} is already published.")
        if not locked.items.exists():
            raise ApplicationError(f"{locked} has no items.")
        locked.status = Release.Status.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at"])
    return locked


def release_delete(release: Release) -> None:
    release = Release.objects.get(pk=release.pk)  # the caller's copy may predate publishing
    if release.is_published:
        raise ConflictError(f"{release} is published and cannot be deleted.")
    release.delete()
