"""Small, fast fixture objects for the evaluation pages and API: a published release built
directly from rows (items, one campaign per task, release items), without a pipeline run.

The full, slow way (a scripted generation run judged by annotators) is in conftest.py; these
tiny releases exist so that every endpoint x role test does not pay for that.
"""

from __future__ import annotations

import random

from annotation.curation.releases import release_publish
from annotation.models import Campaign, Release, ReleaseItem
from evaluation.models import EvaluatedModel, Submission
from pipeline.models import Category, Item, ItemSet, Objective, Script

TASKS = ("t1", "t2", "t3")
CATEGORIES = ("Toys", "Pet_Supplies")


def tiny_items(prefix: str = "tiny", per_task: int = 12) -> list[Item]:
    """``per_task`` items per task over two categories, with realistic frozen payloads."""
    items = []
    for task in TASKS:
        item_set = ItemSet.objects.create(
            name=f"{prefix} {task}", task=task, seed=1, size_requested=per_task, status="ready"
        )
        for n in range(per_task):
            category, _ = Category.objects.get_or_create(name=CATEGORIES[n % 2])
            objective = Objective.objects.create(
                text=f"{prefix} objective {task} {n}", category=category, generator_model="m"
            )
            script = Script.objects.create(objective=objective, generator_model="m")
            payload = {
                "objective": objective.text,
                "category": category.label,
                "steps": [{"order": 1, "text": f"buy what {n} needs"}],
            }
            if task == "t2":
                payload.update(step_order=1, step="buy it", product={"title": f"thing {n}"})
            items.append(
                Item.objects.create(
                    item_set=item_set,
                    uid=f"{prefix}-{task}-{n:03d}",
                    task=task,
                    key=f"script:{script.pk}",
                    origin="script",
                    category=category,
                    objective=objective,
                    script=script,
                    position=n + 1,
                    payload=payload,
                )
            )
    return items


def tiny_release_build(
    *,
    name: str = "Tiny",
    version: str = "0.1.0",
    per_task: int = 12,
    items: list[Item] | None = None,
    flip: bool = False,
    publish: bool = True,
    seed: int = 7,
) -> Release:
    """A release whose items are all in the test split (half public, half private), with
    seeded random gold labels; ``flip`` inverts every label (same items, same inputs)."""
    items = items if items is not None else tiny_items(f"{name.lower()}{version}", per_task)
    campaigns = {}
    for item in items:
        if item.task not in campaigns:
            campaigns[item.task] = Campaign.objects.create(
                name=f"{name} {item.task}", item_set=item.item_set, task=item.task
            )
    release = Release.objects.create(
        name=name, version=version, seed=seed, sizes={"train": 0, "dev": 0, "test": 1}
    )
    release.campaigns.set(campaigns.values())
    rng = random.Random(seed)
    rows = []
    for n, item in enumerate(items):
        label = rng.randint(0, 1)
        rows.append(
            ReleaseItem(
                release=release,
                uid=item.uid,
                task=item.task,
                split="test",
                test_part="public" if (n // 2) % 2 == 0 else "private",
                label=1 - label if flip else label,
                votes=3,
                positive_votes=2 if label else 1,
                ds_posterior=0.8,
                campaign=campaigns[item.task],
                category=item.category.name,
                objective_id=item.objective_id,
                item=item,
                inputs=item.payload,
            )
        )
    ReleaseItem.objects.bulk_create(rows)
    return release_publish(release) if publish else release


def release_test_labels(release: Release) -> dict[str, int]:
    return dict(
        ReleaseItem.objects.filter(release=release, split="test").values_list("uid", "label")
    )


def predictions_csv(release: Release, choose=None, *, scores: bool = True) -> bytes:
    """A file with a task column; ``choose(item) -> 0/1`` (default: the gold label)."""
    choose = choose or (lambda item: item.label)
    header = "task,id,label,score" if scores else "task,id,label"
    lines = [header]
    for item in ReleaseItem.objects.filter(release=release, split="test").order_by("uid"):
        label = choose(item)
        row = f"{item.task},{item.uid},{label}"
        lines.append(row + (f",{0.9 if label else 0.1}" if scores else ""))
    return ("\n".join(lines) + "\n").encode()


def evaluation_url_kwargs(owner) -> dict[str, dict]:
    """url name -> kwargs for tests/accounts/test_access.py: a tiny release, a model and a
    submission owned by ``owner`` (the model author)."""
    release = tiny_release_build(name="Access", per_task=2)
    model = EvaluatedModel.objects.create(owner=owner, name="access model")
    submission = Submission.objects.create(owner=owner, model=model, release=release)
    return {
        "evaluation:test-inputs": {"pk": release.pk, "fmt": "csv"},
        "evaluation:leaderboard": {"pk": release.pk},
        "evaluation:leaderboard-export": {"pk": release.pk, "fmt": "json"},
        "evaluation:phase-close": {"pk": release.pk},
        "evaluation:model-edit": {"pk": model.pk},
        "evaluation:model-verify": {"pk": model.pk},
        "evaluation:submission-detail": {"pk": submission.pk},
        "evaluation:submission-choose": {"pk": submission.pk},
        "evaluation-api:test-inputs": {"pk": release.pk},
        "evaluation-api:leaderboard": {"pk": release.pk},
        "evaluation-api:submission-detail": {"pk": submission.pk},
        "evaluation-api:submission-scores": {"pk": submission.pk},
    }
