"""Candidate items for T1-T3, built from a real pipeline run (scripted generation, the real
sentence model for the associations)."""

import pytest
from django.core.management import CommandError, call_command

from accounts.errors import ApplicationError
from pipeline.alignment import pools
from pipeline.alignment.embeddings import embedder_reset
from pipeline.catalog.reader import CatalogFile
from pipeline.catalog.services import catalog_import
from pipeline.generation import runs as runs_module
from pipeline.generation.runs import pipeline_run_create, pipeline_run_drive
from pipeline.items.sampling import allocate
from pipeline.items.services import item_set_build, item_set_create
from pipeline.models import ItemSet, Product, Script, Step, StepProduct
from tests.catalog_llm import CatalogAwareClient

pytestmark = pytest.mark.django_db
CATEGORIES = ("Home_and_Kitchen", "Pet_Supplies", "Sports_and_Outdoors")


@pytest.fixture
def aligned(sample_files, monkeypatch):
    embedder_reset()
    pools.pool_cache_clear()
    chosen = [p for p in sample_files if any(c in p.name for c in CATEGORIES)]
    catalog_import([CatalogFile.of(p) for p in chosen])
    client = CatalogAwareClient()
    monkeypatch.setattr(runs_module, "llm_client", lambda: client)
    run = pipeline_run_create(
        user=None,
        stages=["intentions", "objectives", "scripts", "needs", "embed", "align"],
        limit=36,
        enqueue=False,
    )
    pipeline_run_drive(run.pk)
    assert StepProduct.objects.filter(method="intention").exists()


def build(task, **options):
    item_set = item_set_create(user=None, task=task, enqueue=False, **options)
    return item_set_build(item_set.pk)


def keys(item_set):
    return list(item_set.items.order_by("position").values_list("key", flat=True))


def test_allocation_is_proportional_and_capped():
    assert allocate({"a": 60, "b": 30, "c": 10}, 10) == {"a": 6, "b": 3, "c": 1}
    # Largest remainder: 50 * 2 / 102 = 0.98 rounds up to 1.
    assert allocate({"a": 100, "b": 2}, 50) == {"a": 49, "b": 1}
    assert allocate({"a": 3, "b": 1}, 10) == {"a": 3, "b": 1}
    assert sum(allocate({"a": 7, "b": 7, "c": 7}, 10).values()) == 10


def test_t1_items_are_scripts_with_a_frozen_copy(aligned):
    item_set = build("t1", size=12, seed=3)
    assert item_set.status == ItemSet.Status.READY and item_set.stats["items"] == 12
    item = item_set.items.select_related("script__objective").first()
    steps = list(item.script.steps.order_by("order").values_list("text", flat=True))
    assert item.payload["objective"] == item.script.objective.text
    assert [s["text"] for s in item.payload["steps"]] == steps
    # Later pipeline changes never reach an item.
    Step.objects.filter(script=item.script, order=1).update(text="rewritten by a later run")
    item.refresh_from_db()
    assert item.payload["steps"][0]["text"] == steps[0]
    assert len(set(item_set.items.values_list("uid", flat=True))) == 12
    assert all(uid.startswith("t1-") for uid in item_set.items.values_list("uid", flat=True))


def test_same_seed_same_items_other_seed_other_order(aligned):
    first, again = build("t2", size=30, seed=11), build("t2", size=30, seed=11)
    assert keys(first) == keys(again)
    assert list(first.items.order_by("position").values_list("payload", flat=True)) == list(
        again.items.order_by("position").values_list("payload", flat=True)
    )
    assert keys(build("t2", size=30, seed=12)) != keys(first)


def test_sampling_is_stratified_by_category(aligned):
    item_set = build("t1", size=15, seed=1)
    pool = {}
    for name in CATEGORIES:
        pool[name] = Script.objects.filter(objective__category__name=name).count()
    expected = allocate(pool, 15)
    assert item_set.stats["by_category"] == {k: v for k, v in expected.items() if v}


def test_t2_mixes_associations_and_both_kinds_of_negatives(aligned):
    item_set = build("t2", size=40, seed=5, negative_share=0.5, no_need_share=0.5)
    items = list(item_set.items.select_related("step", "product", "script__objective"))
    by_origin = item_set.stats["by_origin"]
    associations = StepProduct.objects.filter(method="intention")
    assert by_origin["associated"] == min(20, associations.count())
    for item in items:
        assert item.product.category_id == item.script.objective.category_id
        assert item.payload["step"] == item.step.text
        assert item.payload["steps"][item.payload["step_order"] - 1]["text"] == item.step.text
        assert item.payload["product"]["title"] == item.product.title
        linked = associations.filter(step=item.step, product=item.product)
        if item.origin == "associated":
            assert linked.exists() and item.score == pytest.approx(linked.get().score, abs=1e-5)
        elif item.origin == "unassociated":
            assert item.step.needs_product and not linked.exists()
        else:
            assert item.origin == "no_need" and item.step.needs_product is False
    assert by_origin.get("unassociated", 0) > 0 and by_origin.get("no_need", 0) > 0
    # The embedding baseline needs a score for every pair whose product has intentions.
    assert all(item.score is not None for item in items)


def test_t3_items_carry_the_products_of_each_step(aligned):
    item_set = build("t3", size=10, seed=2)
    assert item_set.stats["items"] >= 1
    for item in item_set.items.select_related("script"):
        steps = list(item.script.steps.order_by("order"))
        for entry, step in zip(item.payload["steps"], steps, strict=True):
            expected = list(
                StepProduct.objects.filter(step=step, method="intention")
                .order_by("rank")
                .values_list("product__title", flat=True)
            )
            assert [card["title"] for card in entry["products"]] == expected
        assert any(entry["products"] for entry in item.payload["steps"])


def test_a_small_pool_gives_fewer_items_and_says_so(aligned):
    item_set = build("t3", size=10_000, seed=2)
    assert item_set.stats["short_by"] == 10_000 - item_set.stats["items"] > 0


def test_bad_requests_are_refused_clearly(aligned):
    with pytest.raises(ApplicationError, match="task"):
        item_set_create(user=None, task="t4", enqueue=False)
    with pytest.raises(ApplicationError, match="negative_share"):
        item_set_create(user=None, task="t2", negative_share=1.5, enqueue=False)
    with pytest.raises(ApplicationError, match="no category named Toys"):
        item_set_create(user=None, task="t1", categories=["Toys"], enqueue=False)
    assert not ItemSet.objects.exists()


def test_command_and_page_build_item_sets(
    aligned, client, make_user, capsys, django_capture_on_commit_callbacks
):
    from accounts.roles import CURATOR

    call_command("build_items", "--task", "t1", "--size", "5", "--seed", "9")
    assert "5 T1 script verification items" in capsys.readouterr().out
    with pytest.raises(CommandError, match="size"):
        call_command("build_items", "--task", "t1", "--size", "0")
    client.force_login(make_user("builder", CURATOR))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/pipeline/item-sets/new/",
            {"task": "t2", "size": 8, "seed": 4, "negative_share": 0.5, "no_need_share": 0.3},
        )
    item_set = ItemSet.objects.get(task="t2")
    assert response.status_code == 302 and response["Location"].endswith(f"/{item_set.pk}/")
    assert item_set.status == ItemSet.Status.READY  # eager Celery in tests
    page = client.get(response["Location"])
    assert page.status_code == 200 and item_set.items.first().uid in page.content.decode()
    assert Product.objects.exists()
