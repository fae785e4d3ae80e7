"""Campaign fixtures built from real item sets: a scripted generation run over the sample
catalogue (tests/catalog_llm.py), then the item-set service."""

import pytest

from accounts.roles import ANNOTATOR, CURATOR
from annotation.services import campaign_create
from pipeline.catalog.reader import CatalogFile
from pipeline.catalog.services import catalog_import
from pipeline.generation import runs as runs_module
from pipeline.generation.runs import pipeline_run_create, pipeline_run_drive
from pipeline.items.services import item_set_build, item_set_create
from tests.catalog_llm import CatalogAwareClient


def scripts_generate(sample_files, monkeypatch, *, limit=30, categories=("Home_and_Kitchen",)):
    chosen = [p for p in sample_files if any(c in p.name for c in categories)]
    catalog_import([CatalogFile.of(p) for p in chosen])
    client = CatalogAwareClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: client)
    run = pipeline_run_create(
        user=None, stages=["objectives", "scripts"], limit=limit, enqueue=False
    )
    pipeline_run_drive(run.pk)


def item_set_make(task="t1", size=20, seed=1):
    item_set = item_set_create(user=None, task=task, size=size, seed=seed, enqueue=False)
    return item_set_build(item_set.pk)


@pytest.fixture
def t1_items(sample_files, monkeypatch, db):
    scripts_generate(sample_files, monkeypatch)
    item_set = item_set_make(size=20)
    assert item_set.stats["items"] >= 12
    return item_set


@pytest.fixture
def curator(make_user):
    return make_user("campaign-curator", CURATOR)


@pytest.fixture
def annotators(make_user):
    return [make_user(f"annotator{n}", ANNOTATOR) for n in range(8)]


@pytest.fixture
def campaign_factory(t1_items, curator):
    def make(**options):
        options.setdefault("name", "T1 test campaign")
        options.setdefault("votes_per_item", 3)
        return campaign_create(user=curator, item_set=t1_items, **options)

    return make
