#!/usr/bin/env python
"""Release export benchmark (PostgreSQL).

Builds a synthetic published release of 1,000,000 ReleaseItems (a third per task, with
payloads shaped like the pipeline's: objective, steps, step, product card) in a fresh
database, with its export text rendered and stored as release_create does (timed apart: the
cost a release's creation pays so that its exports render nothing), then exports it in
every format through ``annotation.curation.exports`` in a child process of its own, so that
the peak RSS reported is the export's alone:

  - JSON Lines, CSV and Parquet per task and split (the stored blocks written as they are
    to the CSV and JSON Lines files and, from their Arrow rows, as Parquet row groups),
  - the test labels into private/ (on by default; ``--no-test-labels``),
  - dataset card, Croissant metadata, SHA-256 checksums.

Targets: at least 100,000 rows per second for the whole export, and peak RSS under 200 MB.
The same export then runs on a release a quarter the size: memory must not grow with the
number of rows. Results are printed and written as JSON (``bench/results/export.json``).

    .venv/bin/python bench/export.py                    # 1,000,000 items
    .venv/bin/python bench/export.py --items 100000     # a quick run

The databases are dropped and re-created (their name must contain "bench") and dropped again
at the end unless --keep-db is given; the exported files go to a temporary folder that is
removed at the end unless --keep-files is given.
"""

import argparse
import datetime
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_catalog as common  # noqa: E402 (the shared database and machine helpers)

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ecomscript_exportbench"

TARGET_ROWS_PER_S = 100_000
TARGET_PEAK_RSS_MB = 200
# "Memory flat in the number of rows": the full-size export may use at most this much more
# peak RSS than the quarter-size one.
MEMORY_SLACK_MB = 16.0
TASKS = ("t1", "t2", "t3")
CATEGORIES = ["Home_and_Kitchen", "Electronics", "Pet_Supplies", "Toys_and_Games"]
_WORDS_TEXT = """
buy plan pack clean cook set up invite choose check book bring prepare wash fold store garden
party dinner trip camp tent lamp knife bottle brush charger cable mat towel chair table cooler
grill plate cup snack gift card list guest music light rope hook box bag
"""
_WORDS = _WORDS_TEXT.split()


# --- synthetic release ---------------------------------------------------------------------


def _words(rng, low, high) -> str:
    return " ".join(rng.choices(_WORDS, k=rng.randint(low, high)))


def _product(rng) -> dict:
    return {
        "parent_asin": "B0" + "".join(rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", k=8)),
        "title": _words(rng, 8, 18).title(),
        "category": "Home and Kitchen",
        "price": f"{rng.uniform(3, 300):.2f}",
        "features": [_words(rng, 6, 14) for _ in range(rng.randint(2, 5))],
        "store": _words(rng, 1, 2).title(),
        "average_rating": round(rng.uniform(1, 5), 1),
    }


def payload(rng, task) -> dict:
    """Shaped like pipeline/items/payloads.py: T1 a script, T2 a script + one step + one
    product, T3 a script whose purchase steps carry their products."""
    steps = [{"order": i + 1, "text": _words(rng, 4, 10)} for i in range(rng.randint(4, 8))]
    body = {"objective": _words(rng, 5, 10), "category": "Home and Kitchen", "steps": steps}
    if task == "t2":
        step = rng.choice(steps)
        body.update(step_order=step["order"], step=step["text"], product=_product(rng))
    elif task == "t3":
        for step in steps:
            step["products"] = [_product(rng)] if rng.random() < 0.4 else []
    return body


def _copy_text(value: str) -> str:
    """A value in PostgreSQL COPY text format."""
    return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def setup_child(argv: list) -> None:
    """``export.py _setup ITEMS SEED RESULT.json [BLOCK_ROWS]``: the release, its pipeline
    rows, ITEMS ReleaseItems by COPY (they point to a few pipeline Items: ReleaseItem.item is
    a plain foreign key, and the export never reads the Items' payloads), then their export
    text by the function release_create uses, timed apart."""
    items, seed, result_path = int(argv[0]), int(argv[1]), argv[2]
    block_rows = int(argv[3]) if len(argv) > 3 and argv[3] != "-" else None
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from annotation.curation.releases import release_text_store
    from annotation.models import Release, ReleaseBlock, ReleaseItem
    from annotation.services import campaign_create
    from pipeline.models import Category, Item, ItemSet, Objective, Script

    started = time.perf_counter()
    category = Category.objects.create(name=CATEGORIES[0])
    objective = Objective.objects.create(text="bench", category=category, generator_model="m")
    script = Script.objects.create(objective=objective, generator_model="m")
    item_set = ItemSet.objects.create(name="bench", task="t1", seed=1, size_requested=3)
    item_set.status = "ready"
    item_set.save()
    pipeline_items = {
        task: Item.objects.create(
            item_set=item_set,
            uid=f"{task}-bench",
            task=task,
            key=f"bench:{task}",
            origin="script",
            category=category,
            objective=objective,
            script=script,
            position=n,
            payload={},
        )
        for n, task in enumerate(TASKS)
    }
    campaign = campaign_create(user=None, item_set=item_set, name="bench", votes_per_item=5)
    release = Release.objects.create(
        name="ExportBench",
        version="1.0.0",
        sizes={"train": 0.7, "dev": 0.1, "test": 0.2},
        stats={
            "agreement": {
                "bench": {
                    "fleiss_kappa": {"value": 0.53, "ci_low": 0.51, "ci_high": 0.55, "items": 1},
                    "krippendorff_alpha": {"value": 0.53, "items": 1},
                }
            }
        },
        provenance={"campaigns": [{"name": "bench", "task": "t1", "votes_per_item": 5}]},
    )
    release.campaigns.set([campaign])
    rng = random.Random(seed)
    # A pool of distinct payloads per task, reused: generating a million JSON documents in
    # Python would take longer than the export being measured.
    payloads = {task: [payload(rng, task) for _ in range(2000)] for task in TASKS}
    pool = {
        task: [_copy_text(orjson.dumps(body).decode()) for body in bodies]
        for task, bodies in payloads.items()
    }
    columns = (
        "release_id, uid, task, split, test_part, label, votes, positive_votes, ds_posterior, "
        "adjudicated, campaign_id, guideline_versions, category, objective_id, item_id, inputs"
    )
    table = ReleaseItem._meta.db_table
    inputs_bytes = 0
    # The rows' random values first, then the rows in the order release_create writes them
    # (task, split, uid: the export's order, see annotation/curation/releases.py).
    drawn = []
    for n in range(items):
        roll = rng.random()
        split = "train" if roll < 0.7 else "dev" if roll < 0.8 else "test"
        part = ("public" if rng.random() < 0.5 else "private") if split == "test" else ""
        positive = rng.randint(0, 5)
        drawn.append((TASKS[n % 3], split, n, part, positive, rng.random(), rng.random() < 0.05))
    drawn.sort(key=lambda row: row[:3])
    rows = []  # the same rows as objects, for the export text
    with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        lines = []
        for task, split, n, part, positive, posterior, adjudicated in drawn:
            label = 1 if positive >= 3 else 0
            inputs = pool[task][n % 2000]
            inputs_bytes += len(inputs)
            uid, posterior, category = f"{task}-{n:012x}", round(posterior, 6), CATEGORIES[n % 4]
            lines.append(
                f"{release.pk}\t{uid}\t{task}\t{split}\t{part}\t{label}\t5\t"
                f"{positive}\t{posterior!r}\t{'t' if adjudicated else 'f'}\t"
                f"{campaign.pk}\t[1]\t{category}\t{objective.pk}\t"
                f"{pipeline_items[task].pk}\t{inputs}\n"
            )
            rows.append(
                Row(
                    uid,
                    task,
                    split,
                    part,
                    label,
                    5,
                    positive,
                    posterior,
                    adjudicated,
                    category,
                    payloads[task][n % 2000],
                )  # fmt: skip
            )
            if len(lines) >= 20_000:
                copy.write("".join(lines))
                lines = []
        if lines:
            copy.write("".join(lines))
    items_seconds = time.perf_counter() - started
    # The export text, as release_create stores it (annotation/curation/releases.py): the
    # cost a release's creation pays so that its exports render nothing.
    started = time.perf_counter()
    release_text_store(release, rows, block_rows=block_rows)
    text_seconds = time.perf_counter() - started
    Release.objects.filter(pk=release.pk).update(status="published", published_at=timezone.now())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size(%s), pg_total_relation_size(%s)",
            [table, ReleaseBlock._meta.db_table],
        )
        items_bytes, text_bytes = cursor.fetchone()
    Path(result_path).write_bytes(
        orjson.dumps(
            {
                "release_id": release.pk,
                "items_seconds": items_seconds,
                "text_seconds": text_seconds,
                "inputs_mb": inputs_bytes / 2**20,
                "items_table_mb": items_bytes / 2**20,
                "text_table_mb": text_bytes / 2**20,
            }
        )
    )


class Row:
    """What the export text needs of a ReleaseItem (lighter than a model instance)."""

    __slots__ = (
        "uid", "task", "split", "test_part", "label", "votes", "positive_votes",
        "ds_posterior", "adjudicated", "category", "inputs",
    )  # fmt: skip

    def __init__(self, *values):
        for name, value in zip(self.__slots__, values, strict=True):
            setattr(self, name, value)


# --- one measured export, in a child process -------------------------------------------------


def export_child(argv: list) -> None:
    """``export.py _export RELEASE_ID OUT_DIR RESULT.json [labels]``"""
    release_id, out_dir, result_path = int(argv[0]), Path(argv[1]), argv[2]
    with_labels = len(argv) > 3 and argv[3] == "labels"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from annotation.curation.exports import release_export_create, release_export_run
    from annotation.models import Release

    connection.ensure_connection()
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    release = Release.objects.get(pk=release_id)
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    export = release_export_create(
        release, user=None, include_test_labels=with_labels, enqueue=False
    )
    timings: dict = {}
    export = release_export_run(export.pk, output=out_dir, timings=timings)
    seconds = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    result = {
        "status": export.status,
        "rows": export.rows_total,
        "seconds": seconds,
        "cpu_seconds": (cpu_after.ru_utime - cpu_before.ru_utime)
        + (cpu_after.ru_stime - cpu_before.ru_stime),
        "baseline_rss_mb": baseline_kb / 1024,
        "peak_rss_mb": cpu_after.ru_maxrss / 1024,
        "timings": timings,
        "files": export.files,
    }
    Path(result_path).write_bytes(orjson.dumps(result))


def child_run(url: str, args: list) -> tuple[dict, float]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = handle.name
    # _setup ITEMS SEED RESULT [BLOCK_ROWS]; _export RELEASE_ID OUT_DIR RESULT [labels]
    head = 3
    command = [sys.executable, str(Path(__file__).resolve()), *args[:head], result_path]
    command += args[head:]
    process = subprocess.Popen(command, cwd=ROOT, env=common.child_env(url))
    # wait4 gives this child's own rusage (RUSAGE_CHILDREN would mix in every earlier child).
    _, status, usage = os.wait4(process.pid, 0)
    try:
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"child {args[0]} failed")
        result = orjson.loads(Path(result_path).read_bytes())
    finally:
        os.unlink(result_path)
    return result, usage.ru_maxrss / 1024


def release_benchmark(label, url, items, seed, block_rows, folder, with_labels) -> dict:
    print(f"\n[{label}] fresh database {common.database_name(url)}: ", end="", flush=True)
    common.database_recreate(url)
    print(f"migrated in {common.migrate(url):.1f}s", flush=True)
    made, _ = child_run(url, ["_setup", str(items), str(seed), str(block_rows or "-")])
    print(
        f"[{label}] {items:,} release items created in {made['items_seconds']:.1f}s "
        f"({made['inputs_mb']:.0f} MB of inputs JSON); their export text rendered and stored "
        f"in {made['text_seconds']:.1f}s ({made['text_table_mb']:.0f} MB in the database)",
        flush=True,
    )
    common.database_checkpoint(url)
    out = folder / label
    result, process_peak = child_run(
        url, ["_export", str(made["release_id"]), str(out)] + (["labels"] if with_labels else [])
    )
    if result["status"] != "finished":
        raise SystemExit(f"[{label}] export ended {result['status']}")
    rows, seconds, t = result["rows"], result["seconds"], result["timings"]
    sizes: dict = {}
    for entry in result["files"]:
        sizes[entry["format"]] = sizes.get(entry["format"], 0) + entry["bytes"]
    # Seconds of each format's writer thread: csv, jsonl: the blocks' text written and
    # hashed; parquet: the blocks' Arrow rows read, encoded and written, then the file hashed.
    # They overlap each other and the reading of the blocks (the calling thread: "read").
    spent = {fmt: t.get(fmt, 0) for fmt in ("csv", "jsonl", "parquet")}
    formats = {
        fmt: {
            "mb": round(sizes.get(fmt, 0) / 2**20, 1),
            "write_seconds": round(spent[fmt], 2),
            "writer_rows_per_s": round(rows / spent[fmt], 0) if spent[fmt] else None,
        }
        for fmt in ("jsonl", "csv", "parquet")
    }
    summary = {
        "items": items,
        "creation": {
            "items_seconds": round(made["items_seconds"], 1),
            "text_seconds": round(made["text_seconds"], 1),
            "text_rows_per_s": round(items / made["text_seconds"], 0),
            "inputs_mb": round(made["inputs_mb"], 1),
            "items_table_mb": round(made["items_table_mb"], 1),
            "text_table_mb": round(made["text_table_mb"], 1),
        },
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds, 0),
        "cpu_seconds": round(result["cpu_seconds"], 2),
        "python_busy_fraction": round(result["cpu_seconds"] / seconds, 2),
        "baseline_rss_mb": round(result["baseline_rss_mb"], 1),
        "peak_rss_mb": round(result["peak_rss_mb"], 1),
        "process_peak_rss_mb": round(process_peak, 1),
        "timings_seconds": {k: round(v, 2) for k, v in sorted(t.items())},
        "formats": formats,
        "files": len(result["files"]),
        "bytes_total_mb": round(sum(sizes.values()) / 2**20, 1),
    }
    print(
        f"[{label}] export: {seconds:.1f}s, {rows / seconds:,.0f} rows/s, "
        f"peak RSS {result['peak_rss_mb']:.0f} MB, {summary['bytes_total_mb']:.0f} MB written, "
        f"{result['cpu_seconds']:.1f} CPU-s in the export's process",
        flush=True,
    )
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_EXPORT_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL URL of the bench database (dropped and re-created; its name must "
        "contain 'bench'). Default: $BENCH_EXPORT_DATABASE_URL or " + DEFAULT_DATABASE_URL,
    )
    parser.add_argument(
        "--block-rows", type=int, help="rows per block of export text (default: BLOCK_ROWS)"
    )
    parser.add_argument(
        "--no-test-labels", action="store_true", help="do not write private/ test labels"
    )
    parser.add_argument("--no-memory-check", action="store_true", help="skip the quarter run")
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--keep-files", action="store_true")
    parser.add_argument("--json", type=Path, default=RESULTS / "export.json")
    args = parser.parse_args()

    url = args.database_url
    name = common.database_name(url)
    if "bench" not in name:
        raise SystemExit(f"refusing to drop database {name!r}: its name must contain 'bench'")
    machine = common.machine_info(url)
    machine["load_average_at_start"] = os.getloadavg()
    import pyarrow

    machine["pyarrow"] = pyarrow.__version__
    folder = Path(tempfile.mkdtemp(prefix="exportbench-"))
    databases = [url]
    with_labels = not args.no_test_labels
    try:
        full = release_benchmark(
            "full", url, args.items, args.seed, args.block_rows, folder, with_labels
        )
        quarter = None
        if not args.no_memory_check:
            quarter_url = common.database_url_with_name(url, f"{name}_quarter")
            databases.append(quarter_url)
            if not args.keep_files:
                shutil.rmtree(folder / "full", ignore_errors=True)
            quarter = release_benchmark(
                "quarter",
                quarter_url,
                args.items // 4,
                args.seed,
                args.block_rows,
                folder,
                with_labels,
            )
        targets = {
            "rows_per_s": {
                "target": TARGET_ROWS_PER_S,
                "measured": full["rows_per_s"],
                "pass": full["rows_per_s"] >= TARGET_ROWS_PER_S,
            },
            "peak_rss_mb": {
                "target": TARGET_PEAK_RSS_MB,
                "measured": full["peak_rss_mb"],
                "pass": full["peak_rss_mb"] < TARGET_PEAK_RSS_MB,
            },
        }
        if quarter:
            allowed = quarter["peak_rss_mb"] + MEMORY_SLACK_MB
            targets["peak_memory_flat"] = {
                "rule": f"full-size peak RSS <= quarter-size peak RSS + {MEMORY_SLACK_MB:g} MB",
                "full_mb": full["peak_rss_mb"],
                "quarter_mb": quarter["peak_rss_mb"],
                "pass": full["peak_rss_mb"] <= allowed,
            }
        result = {
            "benchmark": "export",
            "finished_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": machine,
            "config": {
                "items": args.items,
                "tasks": "a third each of t1, t2, t3; splits about 70/10/20",
                "with_test_labels": with_labels,
                "block_rows": args.block_rows or "RELEASE_BLOCK_ROWS (default 1000)",
                "settings": common.SETTINGS_MODULE,
                "database": name,
                "seed": args.seed,
            },
            "full": full,
            "quarter": quarter,
            "targets": targets,
            "pass": all(t["pass"] for t in targets.values()),
        }
        print(f"\n{'format':<8} {'MB':>8} {'write s':>8} {'writer rows/s':>14}")
        for fmt, f in full["formats"].items():
            print(
                f"{fmt:<8} {f['mb']:>8.0f} {f['write_seconds']:>8.1f} "
                f"{f['writer_rows_per_s'] or 0:>14,.0f}"
            )
        print(f"phases (s): {full['timings_seconds']}\n")
        for key, target in targets.items():
            verdict = "PASS" if target["pass"] else "FAIL"
            if key == "rows_per_s":
                detail = f"{target['measured']:,.0f} rows/s, all formats"
                detail += f" (target >= {TARGET_ROWS_PER_S:,})"
            elif key == "peak_rss_mb":
                detail = f"{target['measured']:.0f} MB peak RSS (target < {TARGET_PEAK_RSS_MB})"
            else:
                detail = (
                    f"{target['full_mb']:.0f} MB vs {target['quarter_mb']:.0f} MB (full vs quarter)"
                )
            print(f"{verdict}  {key}: {detail}")
        common.result_write(args.json, result)
        print(f"\nResults written to {args.json}")
        return 0 if result["pass"] else 1
    finally:
        if not args.keep_db:
            for database in databases:
                common.database_drop(database)
        if args.keep_files:
            print(f"Exported files kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_setup":
        setup_child(sys.argv[2:])
    elif len(sys.argv) > 1 and sys.argv[1] == "_export":
        export_child(sys.argv[2:])
    else:
        sys.exit(main())
