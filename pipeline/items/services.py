"""Candidate items for T1, T2 and T3 (SPEC.md section 1, step 7).

``item_set_create`` records what to build and queues it; ``item_set_build`` draws a seeded
sample stratified by category and stores each item with a frozen payload. The same data,
parameters and seed give the same items in the same order.

- T1: objective + script (every generated script is a candidate).
- T2: objective + step + product. Positives are the intention method's associations; a
  ``negative_share`` of the set are negatives, of which ``no_need_share`` pair a step that needs
  no purchase with a product of its category, and the rest pair a step that needs one with a
  same-category product it was not associated with.
- T3: objective + script + the associated products of each step (scripts with at least one).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

import numpy as np
from django.db import transaction
from django.utils import timezone

from accounts.errors import ApplicationError
from pipeline.alignment.embeddings import embedder
from pipeline.alignment.store import embeddings_ensure, vector_from_bytes
from pipeline.models import (
    Category,
    Item,
    ItemSet,
    Product,
    ProductVector,
    Script,
    Step,
    StepProduct,
    Task,
)

from .payloads import product_card, script_payload
from .sampling import rng_for, stratified_sample

DEFAULT_SIZE = 5000  # items per task, as in the paper
DEFAULT_NEGATIVE_SHARE = 0.5
DEFAULT_NO_NEED_SHARE = 0.3
MAX_SIZE = 1_000_000
METHOD = StepProduct.Method.INTENTION


def item_set_create(
    *,
    user,
    task: str,
    name: str = "",
    size: int = DEFAULT_SIZE,
    seed: int = 0,
    categories: list[str] | None = None,
    negative_share: float = DEFAULT_NEGATIVE_SHARE,
    no_need_share: float = DEFAULT_NO_NEED_SHARE,
    enqueue: bool = True,
) -> ItemSet:
    if task not in Task.values:
        raise ApplicationError(f"task: {task!r} is not one of {', '.join(Task.values)}")
    if not 1 <= int(size) <= MAX_SIZE:
        raise ApplicationError(f"size: must be between 1 and {MAX_SIZE}")
    for field, value in (("negative_share", negative_share), ("no_need_share", no_need_share)):
        if not 0 <= float(value) <= 1:
            raise ApplicationError(f"{field}: must be between 0 and 1, not {value}")
    categories = sorted(set(categories or []))
    missing = set(categories) - set(
        Category.objects.filter(name__in=categories).values_list("name", flat=True)
    )
    if missing:
        raise ApplicationError(f"categories: no category named {', '.join(sorted(missing))}")
    params = {"categories": categories, "method": METHOD}
    if task == Task.T2:
        params.update(negative_share=float(negative_share), no_need_share=float(no_need_share))
    with transaction.atomic():
        item_set = ItemSet.objects.create(
            name=name or f"{task.upper()} seed {seed}",
            task=task,
            seed=int(seed),
            size_requested=int(size),
            params=params,
            created_by=user,
        )
        if enqueue:
            from pipeline.tasks import item_set_build_task

            transaction.on_commit(lambda: item_set_build_task.delay(item_set.pk))
    return item_set


def item_set_build(item_set_id: int) -> ItemSet:
    """Draw and store the items. Runs once: a set that is already built is left as it is."""
    item_set = ItemSet.objects.get(pk=item_set_id)
    if item_set.status != ItemSet.Status.BUILDING:
        return item_set
    try:
        builder = {Task.T1: _t1_items, Task.T2: _t2_items, Task.T3: _t3_items}[item_set.task]
        items, pools = builder(item_set)
        with transaction.atomic():
            locked = ItemSet.objects.select_for_update().get(pk=item_set.pk)
            if locked.status != ItemSet.Status.BUILDING or locked.items.exists():
                return locked
            order = rng_for(item_set.seed, item_set.task, "order")
            order.shuffle(items)
            for position, item in enumerate(items, start=1):
                item.position = position
                item.uid = _uid(item_set, item.key)
            Item.objects.bulk_create(items, batch_size=1000)
            by_category: dict[str, int] = defaultdict(int)
            by_origin: dict[str, int] = defaultdict(int)
            names = dict(Category.objects.values_list("id", "name"))
            for item in items:
                by_category[names[item.category_id]] += 1
                by_origin[item.origin] += 1
            ItemSet.objects.filter(pk=item_set.pk).update(
                status=ItemSet.Status.READY,
                finished_at=timezone.now(),
                stats={
                    "items": len(items),
                    "by_category": dict(sorted(by_category.items())),
                    "by_origin": dict(sorted(by_origin.items())),
                    "pool": pools,
                    "short_by": max(0, item_set.size_requested - len(items)),
                },
            )
    except Exception as error:
        ItemSet.objects.filter(pk=item_set.pk, status=ItemSet.Status.BUILDING).update(
            status=ItemSet.Status.FAILED,
            failure=f"{error.__class__.__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
    item_set.refresh_from_db()
    return item_set


def _uid(item_set: ItemSet, key: str) -> str:
    # Unique across sets, stable for a set, and silent about how the item was made.
    digest = hashlib.blake2b(f"{item_set.pk}:{key}".encode(), digest_size=6).hexdigest()
    return f"{item_set.task}-{digest}"


def _scripts(item_set: ItemSet):
    scripts = Script.objects.all()
    if item_set.params.get("categories"):
        scripts = scripts.filter(objective__category__name__in=item_set.params["categories"])
    return scripts


def _scripts_load(script_ids) -> tuple[dict[int, Script], dict[int, list[Step]]]:
    scripts = Script.objects.select_related("objective__category").in_bulk(list(script_ids))
    steps: dict[int, list[Step]] = defaultdict(list)
    for step in Step.objects.filter(script_id__in=list(script_ids)).order_by("script_id", "order"):
        steps[step.script_id].append(step)
    return scripts, steps


def _t1_items(item_set: ItemSet):
    pools: dict[int, list[int]] = defaultdict(list)
    for script_id, category_id in _scripts(item_set).values_list("id", "objective__category_id"):
        pools[category_id].append(script_id)
    rng = rng_for(item_set.seed, "t1", "scripts")
    chosen = stratified_sample(pools, item_set.size_requested, rng)
    scripts, steps = _scripts_load(chosen)
    items = [
        Item(
            item_set=item_set,
            task=Task.T1,
            key=f"script:{sid}",
            origin=Item.Origin.SCRIPT,
            category_id=scripts[sid].objective.category_id,
            objective_id=scripts[sid].objective_id,
            script_id=sid,
            payload=script_payload(scripts[sid], steps[sid]),
        )
        for sid in chosen
    ]
    return items, {"scripts": sum(len(v) for v in pools.values())}


def _t3_items(item_set: ItemSet):
    pools: dict[int, list[int]] = defaultdict(list)
    enriched = (
        _scripts(item_set)
        .filter(steps__step_products__method=METHOD)
        .values_list("id", "objective__category_id")
        .distinct()
    )
    for script_id, category_id in enriched:
        pools[category_id].append(script_id)
    rng = rng_for(item_set.seed, "t3", "scripts")
    chosen = stratified_sample(pools, item_set.size_requested, rng)
    scripts, steps = _scripts_load(chosen)
    products: dict[int, list[StepProduct]] = defaultdict(list)
    for sp in (
        StepProduct.objects.filter(step__script_id__in=chosen, method=METHOD)
        .select_related("product__category")
        .order_by("step_id", "rank")
    ):
        products[sp.step_id].append(sp)
    items = []
    for sid in chosen:
        payload = script_payload(scripts[sid], steps[sid])
        for entry, step in zip(payload["steps"], steps[sid], strict=True):
            entry["products"] = [product_card(sp.product) for sp in products[step.id]]
        items.append(
            Item(
                item_set=item_set,
                task=Task.T3,
                key=f"script:{sid}",
                origin=Item.Origin.ENRICHED,
                category_id=scripts[sid].objective.category_id,
                objective_id=scripts[sid].objective_id,
                script_id=sid,
                payload=payload,
            )
        )
    return items, {"scripts_with_products": sum(len(v) for v in pools.values())}


def _t2_items(item_set: ItemSet):
    size = item_set.size_requested
    n_negative = round(size * item_set.params["negative_share"])
    n_no_need = round(n_negative * item_set.params["no_need_share"])
    n_unassociated = n_negative - n_no_need
    n_positive = size - n_negative
    scripts = _scripts(item_set)

    # Candidate products per category: those with an intention vector (they were candidates
    # of the alignment, and the embedding baseline can score them).
    category_products: dict[int, list[int]] = defaultdict(list)
    for pid, cid in (
        Product.objects.filter(vectors__kind=ProductVector.Kind.INTENTION)
        .distinct()
        .order_by("id")
        .values_list("id", "category_id")
    ):
        category_products[cid].append(pid)

    positives: dict[int, list[tuple[int, int]]] = defaultdict(list)
    associated: dict[int, set[int]] = defaultdict(set)
    for step_id, product_id, category_id in StepProduct.objects.filter(
        method=METHOD, step__script__in=scripts
    ).values_list("step_id", "product_id", "step__script__objective__category_id"):
        positives[category_id].append((step_id, product_id))
        associated[step_id].add(product_id)
    needing: dict[int, list[int]] = defaultdict(list)
    no_need: dict[int, list[int]] = defaultdict(list)
    for step_id, needs, category_id in Step.objects.filter(
        script__in=scripts, needs_product__isnull=False
    ).values_list("id", "needs_product", "script__objective__category_id"):
        (needing if needs else no_need)[category_id].append(step_id)
    # A negative needs a product of its category to pair with.
    for pools in (needing, no_need):
        for cid in list(pools):
            if not category_products.get(cid):
                del pools[cid]

    chosen: list[tuple[int, int, str]] = [
        (s, p, Item.Origin.ASSOCIATED)
        for s, p in stratified_sample(positives, n_positive, rng_for(item_set.seed, "t2", "pos"))
    ]
    taken = {(s, p) for s, p, _ in chosen}
    step_category = {s: c for pools in (needing, no_need) for c, ids in pools.items() for s in ids}
    for origin, pools, count in (
        (Item.Origin.UNASSOCIATED, needing, n_unassociated),
        (Item.Origin.NO_NEED, no_need, n_no_need),
    ):
        rng = rng_for(item_set.seed, "t2", origin)
        # Each step at most once per origin; then a product of its category it was not
        # associated with, drawn with the same generator.
        steps_needed = min(count, sum(len(v) for v in pools.values()))
        for step_id in stratified_sample(pools, steps_needed, rng):
            product_id = _unassociated_product(
                rng, category_products[step_category[step_id]], associated[step_id], step_id, taken
            )
            if product_id is not None:
                taken.add((step_id, product_id))
                chosen.append((step_id, product_id, origin))

    steps = Step.objects.select_related("script__objective__category").in_bulk(
        [s for s, _, _ in chosen]
    )
    scripts_by_id, script_steps = _scripts_load({step.script_id for step in steps.values()})
    products = Product.objects.select_related("category").in_bulk([p for _, p, _ in chosen])
    scores = _association_scores([(steps[s].text, p) for s, p, _ in chosen])
    items = []
    for (step_id, product_id, origin), score in zip(chosen, scores, strict=True):
        step = steps[step_id]
        script = scripts_by_id[step.script_id]
        payload = script_payload(script, script_steps[script.id])
        payload["step_order"] = step.order
        payload["step"] = step.text
        payload["product"] = product_card(products[product_id])
        items.append(
            Item(
                item_set=item_set,
                task=Task.T2,
                key=f"step:{step_id}:product:{product_id}",
                origin=origin,
                category_id=script.objective.category_id,
                objective_id=script.objective_id,
                script_id=script.id,
                step_id=step_id,
                product_id=product_id,
                score=score,
                payload=payload,
            )
        )
    pool_sizes = {
        "associations": sum(len(v) for v in positives.values()),
        "steps_needing_product": sum(len(v) for v in needing.values()),
        "steps_needing_no_product": sum(len(v) for v in no_need.values()),
    }
    return items, pool_sizes


def _unassociated_product(rng, products, associated, step_id, taken) -> int | None:
    """A random product of the category that is not associated with the step. Draws instead
    of filtering the whole category (a step has at most k associations, so a draw almost always
    succeeds); falls back to a scan when the category is nearly all associated."""
    for _ in range(20):
        product_id = products[rng.randrange(len(products))]
        if product_id not in associated and (step_id, product_id) not in taken:
            return product_id
    options = [p for p in products if p not in associated and (step_id, p) not in taken]
    return rng.choice(options) if options else None


def _association_scores(pairs: list[tuple[str, int]]) -> list[float | None]:
    """The intention method's score of each (step text, product): the step's vector against
    the product's mean intention vector, with the configured embedding model. Steps that were
    never aligned (those needing no purchase) are embedded now, through the store; None where
    the product has no intention vector."""
    if not pairs:
        return []
    model = embedder()
    product_ids = sorted({p for _, p in pairs})
    vectors = {}
    for start in range(0, len(product_ids), 2000):  # bounded IN (...) lists
        for pid, dim, raw in ProductVector.objects.filter(
            kind=ProductVector.Kind.INTENTION,
            model=model.name,
            product_id__in=product_ids[start : start + 2000],
        ).values_list("product_id", "dim", "vector"):
            vectors[pid] = vector_from_bytes(raw, dim)
    if not vectors:
        return [None] * len(pairs)
    steps = embeddings_ensure([text for text, _ in pairs], model)
    return [
        float(np.dot(steps[n], vectors[pid])) if pid in vectors else None
        for n, (_, pid) in enumerate(pairs)
    ]
