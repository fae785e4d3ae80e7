"""A published release built the real way: a scripted generation run over the sample
catalogue, the real embed and align stages, item sets for T1-T3, a campaign per task judged
by annotators through the assignment service, gold labels, splits, publish."""

import random

import pytest

from accounts.roles import ANNOTATOR, CURATOR, MODEL_AUTHOR
from annotation.curation.releases import release_create, release_publish
from annotation.services import campaign_create, item_assign, judgement_submit
from pipeline.alignment import pools
from pipeline.alignment.embeddings import embedder_reset
from pipeline.catalog.reader import CatalogFile
from pipeline.catalog.services import catalog_import
from pipeline.generation import runs as runs_module
from pipeline.generation.runs import pipeline_run_create, pipeline_run_drive
from pipeline.items.services import item_set_build, item_set_create
from tests.catalog_llm import CatalogAwareClient

CATEGORIES = ("Home_and_Kitchen", "Pet_Supplies", "Sports_and_Outdoors")


def release_build(sample_files, monkeypatch, make_user, *, products=36, votes=3, version="1.0.0"):
    embedder_reset()
    pools.pool_cache_clear()
    catalog_import(
        [CatalogFile.of(p) for p in sample_files if any(c in p.name for c in CATEGORIES)]
    )
    client = CatalogAwareClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: client)
    run = pipeline_run_create(
        user=None,
        stages=["intentions", "objectives", "scripts", "needs", "embed", "align"],
        limit=products,
        enqueue=False,
    )
    pipeline_run_drive(run.pk)
    curator = make_user("release-curator", CURATOR)
    people = [make_user(f"rater{n}", ANNOTATOR) for n in range(votes)]
    campaigns = []
    for task, size in (("t1", 40), ("t2", 60), ("t3", 40)):
        item_set = item_set_build(
            item_set_create(user=None, task=task, size=size, seed=1, enqueue=False).pk
        )
        campaign = campaign_create(
            user=curator, item_set=item_set, name=f"{task} campaign", votes_per_item=votes
        )
        rng = random.Random(task)
        for person in people:
            while (held := item_assign(campaign, person)) is not None:
                truth = random.Random(held.item.item.uid).randint(0, 1)
                label = truth if rng.random() > 0.15 else 1 - truth
                judgement_submit(held.pk, person, label=label, seconds=4)
        campaigns.append(campaign)
    release = release_create(
        user=curator,
        name="EcomScriptBench",
        version=version,
        campaigns=campaigns,
        seed=3,
        sizes={"train": 0.5, "dev": 0.1, "test": 0.4},
    )
    return release_publish(release)


@pytest.fixture
def published_release(sample_files, monkeypatch, make_user, db):
    return release_build(sample_files, monkeypatch, make_user)


@pytest.fixture
def author(make_user):
    return make_user("model-author", MODEL_AUTHOR)


@pytest.fixture
def other_author(make_user):
    return make_user("other-author", MODEL_AUTHOR)
