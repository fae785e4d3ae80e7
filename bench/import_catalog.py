#!/usr/bin/env python
"""Catalogue import benchmark (PostgreSQL).

Generates a synthetic catalogue in the Amazon Reviews 2023 layout (``meta_<Category>.jsonl.gz``
and ``<Category>.jsonl.gz``), imports it into a fresh PostgreSQL database through
``pipeline.catalog.services.catalog_import`` and measures, each in a child process of its own
so that the peak RSS is that import's alone:

  1. metadata import (products/s),
  2. review import (reviews/s),
  3. re-import of every file (must create and update nothing; rows/s).

The same three steps then run on a catalogue a quarter the size in another fresh database,
and the peak RSS of both sizes is compared: a streaming import must not need more memory for
a bigger file. Results are printed as a table and written as JSON (default
``bench/results/import_catalog.json``).

    .venv/bin/python bench/import_catalog.py                       # 200,000 products
    .venv/bin/python bench/import_catalog.py --products 20000      # a quick run

The databases are dropped and re-created (their name must contain "bench") and dropped again
at the end unless --keep-db is given. Only the standard library, orjson and psycopg (both in
requirements.txt) are needed.
"""

import argparse
import datetime
import gzip
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import orjson

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ecomscript_bench"
SETTINGS_MODULE = "ecomscript_site.settings.base"

# Targets from the issue.
TARGET_PRODUCTS_PER_S = 20_000
# "Peak memory does not grow with file size": the full-size import may use at most this much
# more peak RSS than the quarter-size one (a file-sized buffer would show up as ~4x the growth).
MEMORY_SLACK_FRACTION = 0.10
MEMORY_SLACK_MB = 16.0

CATEGORIES = [
    "Home_and_Kitchen",
    "Electronics",
    "Sports_and_Outdoors",
    "Toys_and_Games",
    "Beauty_and_Personal_Care",
    "Tools_and_Home_Improvement",
    "Office_Products",
    "Pet_Supplies",
]

# --- synthetic data ------------------------------------------------------------------------

_WORDS_TEXT = """
adjustable compact durable lightweight premium portable stainless steel wireless waterproof
ergonomic heavy duty rechargeable foldable non-stick reusable organic natural quick easy
install clean storage kitchen outdoor indoor travel office home garden camping fitness
battery charger cable holder stand mount organizer container bottle brush knife pan pot
lid set pack piece inch ounce liter gallon large small medium extra wide slim thin thick
soft hard smooth strong stable safe quiet powerful efficient modern classic vintage design
color black white grey silver blue red green pink gold bamboo wood glass plastic silicone
leather cotton fabric aluminum ceramic metal rubber nylon mesh foam handle grip clip hook
strap bag case cover sleeve pouch box tray rack shelf drawer basket bin jar cup mug bowl
plate spoon fork tool kit accessory replacement upgraded version improved professional
gift idea perfect for men women kids adults family friends daily use long lasting high
quality material construction technology performance capacity speed power energy saving
smart control remote app bluetooth usb type-c led light lamp display screen sensor timer
"""
_SENTENCE_TEXT = """
i we this it the a my our product item works worked great well fine poorly really very
quite not too so and but because after before when while with without for on in at to
of from about love like recommend return returned bought ordered arrived received used
using week weeks month months day days year quality price value money size fit color
looks feels smells sounds easy hard sturdy flimsy cheap expensive nice good bad better
worse best worst perfect exactly described expected happy disappointed satisfied again
would will could should definitely probably maybe honestly overall kitchen kids dog
"""
_WORDS = _WORDS_TEXT.split()
_SENTENCE_WORDS = _SENTENCE_TEXT.split()
_FEATURE_HEADS = [
    "DURABLE CONSTRUCTION",
    "EASY TO USE",
    "PERFECT GIFT",
    "WHAT YOU GET",
    "SAFE MATERIALS",
    "SPACE SAVING",
    "VERSATILE USE",
    "EASY TO CLEAN",
    "SATISFACTION GUARANTEED",
    "UPGRADED DESIGN",
    "PORTABLE AND LIGHTWEIGHT",
    "LONG BATTERY LIFE",
]
_DETAIL_KEYS = [
    "Brand",
    "Material",
    "Color",
    "Product Dimensions",
    "Item Weight",
    "Manufacturer",
    "Item model number",
    "Date First Available",
    "Style",
    "Special Feature",
    "Included Components",
    "Country of Origin",
]
_STORES = [
    f"{a}{b}"
    for a in ("Acme", "Nordic", "Sunny", "Urban", "Peak", "Blue", "Iron", "Zen")
    for b in ("Home", "Gear", "Works", "Co", "Lab", "Craft", "Direct", "Store")
]
_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_IMAGE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-"
_ASIN_SPACE = 36**8
_ASIN_STEP = 1_000_003  # coprime with 36**8, so index -> ASIN is one to one
# Review timestamps between 2005-01-01 and 2023-09-01 (milliseconds).
_TS_LOW = 1_104_537_600_000
_TS_HIGH = 1_693_526_400_000


def asin_for(index: int) -> str:
    n = (index * _ASIN_STEP + 12_345) % _ASIN_SPACE
    chars = []
    for _ in range(8):
        n, digit = divmod(n, 36)
        chars.append(_ALNUM[digit])
    return "B0" + "".join(chars)


def _text(rng: random.Random, words: list, low: int, high: int) -> str:
    """Words joined to between ``low`` and ``high`` characters."""
    target = rng.randint(low, high)
    text = " ".join(rng.choices(words, k=target // 5 + 4))
    cut = text.rfind(" ", 0, target)
    return text[: cut if cut > low // 2 else target]


def _sentence(rng: random.Random) -> str:
    words = rng.choices(_SENTENCE_WORDS, k=rng.randint(8, 20))
    return " ".join(words).capitalize() + rng.choice(".!.")


def _image(rng: random.Random, variant: str) -> dict:
    image_id = "".join(rng.choices(_IMAGE_CHARS, k=11))
    base = f"https://m.media-amazon.com/images/I/{image_id}"
    return {
        "thumb": f"{base}._AC_US40_.jpg",
        "large": f"{base}._AC_.jpg",
        "variant": variant,
        "hi_res": f"{base}._AC_SL1500_.jpg" if rng.random() < 0.8 else None,
    }


def product_record(rng: random.Random, index: int, category: str) -> dict:
    store = rng.choice(_STORES)
    title = f"{store} " + _text(rng, _WORDS, 70, 140)
    price_roll = rng.random()
    if price_roll < 0.55:
        price = round(rng.uniform(3, 400), 2)
    elif price_roll < 0.65:
        price = f"${rng.uniform(3, 400):.2f}"
    else:
        price = None  # as in the real files, most prices are missing
    details = {}
    for key in rng.sample(_DETAIL_KEYS, rng.randint(4, 6)):
        details[key] = _text(rng, _WORDS, 6, 40)
    if rng.random() < 0.5:
        details["Best Sellers Rank"] = {category.replace("_", " "): rng.randint(1, 900_000)}
    return {
        "main_category": category.replace("_", " "),
        "title": title,
        "average_rating": round(rng.uniform(1, 5), 1),
        "rating_number": rng.randint(0, 25_000),
        "features": [
            f"{rng.choice(_FEATURE_HEADS)}: " + _text(rng, _WORDS, 50, 90)
            for _ in range(rng.randint(4, 6))
        ],
        "description": [_text(rng, _WORDS, 150, 450) for _ in range(rng.randint(1, 2))],
        "price": price,
        "images": [_image(rng, "MAIN" if i == 0 else f"PT0{i}") for i in range(rng.randint(2, 5))],
        "videos": [],
        "store": store,
        "categories": [category.replace("_", " ")]
        + [_text(rng, _WORDS, 6, 24).title() for _ in range(rng.randint(1, 3))],
        "details": details,
        "parent_asin": asin_for(index),
        "bought_together": None,
    }


def review_record(rng: random.Random, parent_asin: str) -> dict:
    has_images = rng.random() < 0.1
    return {
        "rating": float(rng.choices((1, 2, 3, 4, 5), weights=(8, 5, 8, 19, 60))[0]),
        "title": _text(rng, _SENTENCE_WORDS, 8, 40).capitalize(),
        "text": " ".join(_sentence(rng) for _ in range(rng.randint(2, 4))),
        "images": [
            {
                "small_image_url": f"https://m.media-amazon.com/images/I/{rng.getrandbits(40):x}._SL256_.jpg",
                "medium_image_url": f"https://m.media-amazon.com/images/I/{rng.getrandbits(40):x}._SL800_.jpg",
                "large_image_url": f"https://m.media-amazon.com/images/I/{rng.getrandbits(40):x}.jpg",
                "attachment_type": "IMAGE",
            }
        ]
        if has_images
        else [],
        "asin": parent_asin if rng.random() < 0.7 else asin_for(rng.randrange(10**9, 2 * 10**9)),
        "parent_asin": parent_asin,
        "user_id": "A" + "".join(rng.choices(_ALNUM, k=27)),
        "timestamp": rng.randint(_TS_LOW, _TS_HIGH),
        "helpful_vote": int(rng.expovariate(0.5)) if rng.random() < 0.4 else 0,
        "verified_purchase": rng.random() < 0.85,
    }


def category_files_write(job: tuple) -> dict:
    """Write one category's metadata and review files (run in a worker process)."""
    folder, category, start, stop, reviews_per_product, seed = job
    rng = random.Random(f"{seed}:{category}")
    meta_path = Path(folder) / f"meta_{category}.jsonl.gz"
    review_path = Path(folder) / f"{category}.jsonl.gz"
    raw_meta = raw_reviews = reviews = 0
    with (
        gzip.open(meta_path, "wb", compresslevel=1) as meta_out,
        gzip.open(review_path, "wb", compresslevel=1) as review_out,
    ):
        meta_lines, review_lines = [], []
        for index in range(start, stop):
            product = product_record(rng, index, category)
            meta_lines.append(orjson.dumps(product))
            for _ in range(reviews_per_product):
                review_lines.append(orjson.dumps(review_record(rng, product["parent_asin"])))
            if len(meta_lines) >= 2000:
                raw_meta += _lines_write(meta_out, meta_lines)
                reviews += len(review_lines)
                raw_reviews += _lines_write(review_out, review_lines)
                meta_lines, review_lines = [], []
        raw_meta += _lines_write(meta_out, meta_lines)
        reviews += len(review_lines)
        raw_reviews += _lines_write(review_out, review_lines)
    return {
        "category": category,
        "products": stop - start,
        "reviews": reviews,
        "meta_file": str(meta_path),
        "review_file": str(review_path),
        "meta_bytes_raw": raw_meta,
        "review_bytes_raw": raw_reviews,
    }


def _lines_write(out, lines: list) -> int:
    if not lines:
        return 0
    body = b"\n".join(lines) + b"\n"
    out.write(body)
    return len(body)


def catalogue_generate(
    folder: Path, products: int, reviews_per_product: int, categories: int, seed: int, workers: int
) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    names = CATEGORIES[:categories]
    bounds = [products * i // len(names) for i in range(len(names) + 1)]
    jobs = [
        (str(folder), name, bounds[i], bounds[i + 1], reviews_per_product, seed)
        for i, name in enumerate(names)
    ]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs)))) as pool:
        parts = list(pool.map(category_files_write, jobs))
    seconds = time.perf_counter() - started
    meta_files = [p["meta_file"] for p in parts]
    review_files = [p["review_file"] for p in parts]
    return {
        "folder": str(folder),
        "products": sum(p["products"] for p in parts),
        "reviews": sum(p["reviews"] for p in parts),
        "categories": names,
        "meta_files": meta_files,
        "review_files": review_files,
        "meta_bytes_gz": sum(os.path.getsize(f) for f in meta_files),
        "review_bytes_gz": sum(os.path.getsize(f) for f in review_files),
        "meta_bytes_raw": sum(p["meta_bytes_raw"] for p in parts),
        "review_bytes_raw": sum(p["review_bytes_raw"] for p in parts),
        "generate_seconds": round(seconds, 2),
    }


# --- databases -----------------------------------------------------------------------------


def database_url_with_name(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def _connect(url: str, autocommit: bool = True):
    import psycopg

    return psycopg.connect(url, autocommit=autocommit)


def database_recreate(url: str) -> None:
    name = database_name(url)
    with _connect(database_url_with_name(url, "postgres")) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(url: str) -> None:
    name = database_name(url)
    with _connect(database_url_with_name(url, "postgres")) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def database_checkpoint(url: str) -> None:
    """Flush dirty buffers between measurements so one phase does not pay for another."""
    try:
        with _connect(url) as conn:
            conn.execute("CHECKPOINT")
    except Exception as error:  # not a superuser: measure anyway
        print(f"  (CHECKPOINT skipped: {error})")


def database_size_mb(url: str) -> float:
    with _connect(url) as conn:
        (size,) = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return round(size / 2**20, 1)


def server_info(url: str) -> dict:
    with _connect(database_url_with_name(url, "postgres")) as conn:
        info = {"server_version": conn.execute("SHOW server_version").fetchone()[0]}
        for setting in (
            "shared_buffers",
            "synchronous_commit",
            "fsync",
            "max_wal_size",
            "max_connections",
            "work_mem",
        ):
            info[setting] = conn.execute(f"SHOW {setting}").fetchone()[0]
    return info


def child_env(url: str) -> dict:
    env = dict(os.environ)
    env["DATABASE_URL"] = url
    env["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    # DEBUG off, as in production: DEBUG keeps a log of every query.
    env["DJANGO_DEBUG"] = "0"
    return env


def migrate(url: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "migrate",
            "--noinput",
            "--skip-checks",
            "-v",
            "0",
        ],
        cwd=ROOT,
        env=child_env(url),
        check=True,
    )
    return time.perf_counter() - started


# --- one measured import, in a child process -----------------------------------------------


def child_main(argv: list) -> None:
    """``import_catalog.py _child RESULT.json [--chunk-size N] [--profile OUT] FILE...``"""
    parser = argparse.ArgumentParser(prog="import_catalog.py _child")
    parser.add_argument("result")
    parser.add_argument("--chunk-size", type=int)
    parser.add_argument("--profile")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from pipeline.catalog.reader import CatalogFile
    from pipeline.catalog.services import catalog_import
    from pipeline.models import Product, Review

    connection.ensure_connection()
    baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    files = [CatalogFile.of(path) for path in args.files]
    profiler = None
    if args.profile:
        import cProfile

        from pipeline.catalog import services

        # cProfile sees one thread; the import reads and parses in a second one, which
        # gets a profiler of its own (saved next to the main one, ``OUT.reader``).
        reader_profilers = []
        produce = services._ImportRun._produce

        def produce_profiled(*produce_args):
            reader_profiler = cProfile.Profile()
            reader_profilers.append(reader_profiler)
            reader_profiler.enable()
            try:
                produce(*produce_args)
            finally:
                reader_profiler.disable()

        services._ImportRun._produce = produce_profiled
        profiler = cProfile.Profile()
        profiler.enable()
    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    summary = catalog_import(files, chunk_size=args.chunk_size)
    seconds = time.perf_counter() - started
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    if profiler:
        import pstats

        profiler.disable()
        profiler.dump_stats(args.profile)
        reader_stats = pstats.Stats(*reader_profilers)
        reader_stats.dump_stats(args.profile + ".reader")
    result = {
        "seconds": seconds,
        "cpu_seconds": (cpu_after.ru_utime - cpu_before.ru_utime)
        + (cpu_after.ru_stime - cpu_before.ru_stime),
        "baseline_rss_mb": baseline_kb / 1024,
        "peak_rss_mb": cpu_after.ru_maxrss / 1024,
        "summary": summary.as_dict(),
        "describe": summary.describe(),
        "problems": [str(p) for p in summary.problems[:10]],
        "db_products": Product.objects.count(),
        "db_reviews": Review.objects.count(),
    }
    Path(args.result).write_bytes(orjson.dumps(result))


def import_measure(
    url: str,
    files: list,
    chunk_size: int | None,
    profile: str | None = None,
) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result_path = handle.name
    command = [sys.executable, str(Path(__file__).resolve()), "_child", result_path]
    if chunk_size:
        command += ["--chunk-size", str(chunk_size)]
    if profile:
        command += ["--profile", profile]
    started = time.perf_counter()
    process = subprocess.Popen([*command, *files], cwd=ROOT, env=child_env(url))
    # wait4 gives this child's own rusage (RUSAGE_CHILDREN would mix in every earlier child).
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    try:
        if process.returncode != 0:
            raise SystemExit(f"import child failed with exit code {process.returncode}")
        result = orjson.loads(Path(result_path).read_bytes())
    finally:
        os.unlink(result_path)
    result["process_wall_seconds"] = wall
    # The kernel's figure for the whole child process, a check on what it reported.
    result["process_peak_rss_mb"] = usage.ru_maxrss / 1024
    return result


# --- the benchmark -------------------------------------------------------------------------


def catalogue_benchmark(label: str, url: str, catalogue: dict, chunk_size: int | None) -> dict:
    products, reviews = catalogue["products"], catalogue["reviews"]
    print(f"\n[{label}] fresh database {database_name(url)}: ", end="", flush=True)
    database_recreate(url)
    migrate_seconds = migrate(url)
    print(f"migrated in {migrate_seconds:.1f}s")
    phases = {}

    def phase(name: str, files: list, rows: int, unit: str) -> dict:
        database_checkpoint(url)
        print(f"[{label}] {name}: importing {len(files)} files ...", flush=True)
        result = import_measure(url, files, chunk_size)
        result["rows"] = rows
        result["rows_per_s"] = rows / result["seconds"]
        result["unit"] = unit
        print(
            f"[{label}] {name}: {result['seconds']:.1f}s, {result['rows_per_s']:,.0f} {unit}/s, "
            f"peak RSS {result['peak_rss_mb']:.0f} MB -- {result['describe']}",
            flush=True,
        )
        phases[name] = result
        return result

    meta = phase("meta", catalogue["meta_files"], products, "products")
    review = phase("reviews", catalogue["review_files"], reviews, "reviews")
    again = phase(
        "reimport", catalogue["meta_files"] + catalogue["review_files"], products + reviews, "rows"
    )
    checks = {
        "meta_all_created": meta["summary"]["products"]["created"] == products
        and meta["summary"]["skipped"] == 0,
        "reviews_all_created": review["summary"]["reviews"]["created"] == reviews
        and review["summary"]["skipped"] == 0,
        "rows_in_database": again["db_products"] == products and again["db_reviews"] == reviews,
        "reimport_idempotent": all(
            again["summary"][kind][count] == 0
            for kind in ("products", "reviews")
            for count in ("created", "updated")
        )
        and again["summary"]["skipped"] == 0,
    }
    return {
        "products": products,
        "reviews": reviews,
        "files": {
            "meta_gz_mb": round(catalogue["meta_bytes_gz"] / 2**20, 1),
            "reviews_gz_mb": round(catalogue["review_bytes_gz"] / 2**20, 1),
            "meta_raw_mb": round(catalogue["meta_bytes_raw"] / 2**20, 1),
            "reviews_raw_mb": round(catalogue["review_bytes_raw"] / 2**20, 1),
            "largest_meta_file_gz_mb": round(
                max(os.path.getsize(f) for f in catalogue["meta_files"]) / 2**20, 1
            ),
        },
        "generate_seconds": catalogue["generate_seconds"],
        "migrate_seconds": round(migrate_seconds, 2),
        "database_size_mb": database_size_mb(url),
        "phases": {name: _phase_public(result) for name, result in phases.items()},
        "peak_rss_mb": round(max(result["peak_rss_mb"] for result in phases.values()), 1),
        "checks": checks,
    }


def _phase_public(result: dict) -> dict:
    return {
        "rows": result["rows"],
        "unit": result["unit"],
        "seconds": round(result["seconds"], 2),
        "rows_per_s": round(result["rows_per_s"], 1),
        "cpu_seconds_python": round(result["cpu_seconds"], 2),
        # The rest of the wall time the importing process spent waiting, mostly on PostgreSQL.
        "python_busy_fraction": round(result["cpu_seconds"] / result["seconds"], 2),
        "process_wall_seconds": round(result["process_wall_seconds"], 2),
        "baseline_rss_mb": round(result["baseline_rss_mb"], 1),
        "peak_rss_mb": round(result["peak_rss_mb"], 1),
        "process_peak_rss_mb": round(result["process_peak_rss_mb"], 1),
        "summary": _phase_counts(result),
        "skipped": result["summary"]["skipped"],
        "duplicates": result["summary"]["duplicates"],
        "problems": result["problems"],
    }


def _phase_counts(result: dict) -> dict:
    summary = result["summary"]
    if result["unit"] == "products":
        return summary["products"]
    if result["unit"] == "reviews":
        return summary["reviews"]
    return {"products": summary["products"], "reviews": summary["reviews"]}


def host_info() -> dict:
    """The machine a benchmark ran on: CPU model, cores, memory, OS, Python, load. Every
    benchmark's results JSON starts from this (bench/*.py import it from here)."""
    cpu_model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu_model": cpu_model,
        "cpu_cores": os.cpu_count(),
        "cpu_cores_usable": usable,
        "ram_gb": ram_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def machine_info(url: str) -> dict:
    import django
    import psycopg

    return {
        **host_info(),
        "django": django.get_version(),
        "psycopg": psycopg.__version__,
        "orjson": orjson.__version__,
        "postgresql": server_info(url),
        "database_on": urlsplit(url).hostname,
    }


def table_print(full: dict, quarter: dict | None) -> None:
    runs = [("full", full)] + ([("quarter", quarter)] if quarter else [])
    head = (
        f"{'run':<8} {'phase':<9} {'rows':>9} {'seconds':>8} {'rows/s':>10} "
        f"{'py CPU':>6} {'peak RSS MB':>11} {'base RSS MB':>11}  result"
    )
    print("\n" + head)
    print("-" * (len(head) + 30))
    # py CPU: the importing process's CPU time over its wall time; the rest is mostly
    # waiting on PostgreSQL (which shares the machine's cores).
    for label, run in runs:
        for name, phase in run["phases"].items():
            summary = phase["summary"]
            if name == "reimport":
                result = (
                    f"products {_counts(summary['products'])}; "
                    f"reviews {_counts(summary['reviews'])}"
                )
            else:
                result = _counts(summary)
            print(
                f"{label:<8} {name:<9} {phase['rows']:>9,} {phase['seconds']:>8.1f} "
                f"{phase['rows_per_s']:>10,.0f} {phase['python_busy_fraction']:>6.0%} "
                f"{phase['peak_rss_mb']:>11.1f} "
                f"{phase['baseline_rss_mb']:>11.1f}  {result}"
            )


def _counts(counts: dict) -> str:
    return (
        f"{counts['created']:,} created / {counts['updated']:,} updated / "
        f"{counts['unchanged']:,} unchanged"
    )


def result_write(path: Path, result: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(orjson.dumps(result, option=orjson.OPT_INDENT_2) + b"\n")
    temporary.replace(path)


def profile_run(url: str, catalogue: dict, chunk_size: int | None, out: Path) -> str:
    """cProfile of a metadata import (not part of the measurements)."""
    import io
    import pstats

    print(f"\n[profile] metadata import of {catalogue['products']:,} products under cProfile")
    database_recreate(url)
    migrate(url)
    import_measure(url, catalogue["meta_files"], chunk_size, profile=str(out))
    stream = io.StringIO()
    for title, path in (
        ("writing thread (the database work)", str(out)),
        ("reading and parsing thread", f"{out}.reader"),
    ):
        stream.write(f"--- {title}: {path}\n")
        pstats.Stats(path, stream=stream).sort_stats("cumulative").print_stats(25)
    database_drop(url)
    return stream.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--products", type=int, default=200_000)
    parser.add_argument("--reviews-per-product", type=int, default=3)
    parser.add_argument("--categories", type=int, default=4, choices=range(1, len(CATEGORIES) + 1))
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL URL of the bench database (dropped and re-created; its name must "
        "contain 'bench'). Default: $BENCH_DATABASE_URL or " + DEFAULT_DATABASE_URL,
    )
    parser.add_argument("--chunk-size", type=int, help="default: CATALOG_IMPORT_CHUNK_SIZE")
    parser.add_argument(
        "--data-dir", type=Path, help="generate the files here instead of a temporary folder"
    )
    parser.add_argument("--keep-files", action="store_true", help="keep the generated files")
    parser.add_argument("--keep-db", action="store_true", help="keep the bench databases")
    parser.add_argument(
        "--no-memory-check",
        action="store_true",
        help="skip the quarter-size run (peak memory against file size)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="also cProfile a quarter-size metadata import (top 25 by cumtime, for the "
        "writing thread and for the reading/parsing thread)",
    )
    parser.add_argument("--json", type=Path, default=RESULTS / "import_catalog.json")
    args = parser.parse_args()

    url = args.database_url
    name = database_name(url)
    if not url.startswith(("postgres://", "postgresql://")):
        parser.error("--database-url must be a PostgreSQL URL")
    if "bench" not in name:
        parser.error(f"refusing to drop database {name!r}: its name must contain 'bench'")
    quarter_url = database_url_with_name(url, f"{name}_quarter")
    workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2

    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="ecomscript_bench_"))
    keep_files = args.keep_files or args.data_dir is not None
    machine = machine_info(url)
    print(
        f"Machine: {machine['cpu_model']}, {machine['cpu_cores']} cores, "
        f"{machine['ram_gb']} GB RAM, PostgreSQL {machine['postgresql']['server_version']}, "
        f"Python {machine['python']}"
    )
    databases = [url]
    try:
        print(
            f"Generating {args.products:,} products x {args.reviews_per_product} reviews "
            f"in {args.categories} categories into {folder} ...",
            flush=True,
        )
        full_catalogue = catalogue_generate(
            folder / "full",
            args.products,
            args.reviews_per_product,
            args.categories,
            args.seed,
            workers,
        )
        raw_mb = (full_catalogue["meta_bytes_raw"] + full_catalogue["review_bytes_raw"]) / 2**20
        print(
            f"  generated in {full_catalogue['generate_seconds']:.1f}s: "
            f"{full_catalogue['meta_bytes_gz'] / 2**20:.0f} MB meta + "
            f"{full_catalogue['review_bytes_gz'] / 2**20:.0f} MB reviews gzipped "
            f"({raw_mb:.0f} MB raw)"
        )
        full = catalogue_benchmark("full", url, full_catalogue, args.chunk_size)

        quarter = None
        if not args.no_memory_check:
            quarter_products = max(1, args.products // 4)
            print(
                f"\nGenerating the quarter-size catalogue ({quarter_products:,} products) ...",
                flush=True,
            )
            quarter_catalogue = catalogue_generate(
                folder / "quarter",
                quarter_products,
                args.reviews_per_product,
                args.categories,
                args.seed + 1,
                workers,
            )
            print(f"  generated in {quarter_catalogue['generate_seconds']:.1f}s")
            databases.append(quarter_url)
            quarter = catalogue_benchmark(
                "quarter", quarter_url, quarter_catalogue, args.chunk_size
            )

        products_per_s = full["phases"]["meta"]["rows_per_s"]
        targets = {
            "products_per_s": {
                "target": TARGET_PRODUCTS_PER_S,
                "measured": round(products_per_s, 1),
                "pass": products_per_s >= TARGET_PRODUCTS_PER_S,
            },
            "idempotent_reimport": {
                "pass": full["checks"]["reimport_idempotent"]
                and (quarter is None or quarter["checks"]["reimport_idempotent"]),
            },
            "all_rows_imported": {
                "pass": all(v for k, v in full["checks"].items() if k != "reimport_idempotent"),
            },
        }
        if quarter:
            per_phase = {}
            for phase in full["phases"]:
                big = full["phases"][phase]["peak_rss_mb"]
                small = quarter["phases"][phase]["peak_rss_mb"]
                allowed = small + max(small * MEMORY_SLACK_FRACTION, MEMORY_SLACK_MB)
                per_phase[phase] = {
                    "full_mb": big,
                    "quarter_mb": small,
                    "growth_mb": round(big - small, 1),
                    "allowed_mb": round(allowed, 1),
                    "pass": big <= allowed,
                }
            targets["peak_memory_flat"] = {
                "rule": f"full-size peak RSS <= quarter-size peak RSS + max("
                f"{MEMORY_SLACK_FRACTION:.0%}, {MEMORY_SLACK_MB:g} MB), per phase",
                "phases": per_phase,
                "pass": all(p["pass"] for p in per_phase.values()),
            }

        result = {
            "benchmark": "import_catalog",
            "finished_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": machine,
            "config": {
                "products": args.products,
                "reviews_per_product": args.reviews_per_product,
                "categories": args.categories,
                "seed": args.seed,
                "chunk_size": args.chunk_size or "CATALOG_IMPORT_CHUNK_SIZE (default 2000)",
                "settings": SETTINGS_MODULE,
                "django_debug": False,
                "database": name,
            },
            "full": full,
            "quarter": quarter,
            "targets": targets,
            "pass": all(t["pass"] for t in targets.values()),
        }
        if args.profile:
            profile_catalogue = quarter_catalogue if quarter else full_catalogue
            profile_url = database_url_with_name(url, f"{name}_profile")
            databases.append(profile_url)
            profile_path = RESULTS / "import_catalog_meta.prof"
            RESULTS.mkdir(parents=True, exist_ok=True)
            text = profile_run(profile_url, profile_catalogue, args.chunk_size, profile_path)
            print(text)
            result["profile"] = {"file": str(profile_path), "top25_cumtime": text}

        table_print(full, quarter)
        print()
        for name_, target in targets.items():
            verdict = "PASS" if target["pass"] else "FAIL"
            if name_ == "products_per_s":
                detail = f"{target['measured']:,.0f} products/s (target >= {target['target']:,})"
            elif name_ == "peak_memory_flat":
                detail = (
                    "; ".join(
                        f"{phase} {p['full_mb']:.0f} MB vs {p['quarter_mb']:.0f} MB"
                        for phase, p in target["phases"].items()
                    )
                    + " (full vs quarter size)"
                )
            elif name_ == "idempotent_reimport":
                detail = "re-import created 0 and updated 0"
            else:
                detail = "every product and review in the database, no line skipped"
            print(f"{verdict}  {name_}: {detail}")
        result_write(args.json, result)
        print(f"\nResults written to {args.json}")
        return 0 if result["pass"] else 1
    finally:
        if not args.keep_db:
            for database in databases:
                database_drop(database)
        if keep_files:
            print(f"Generated files kept in {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        child_main(sys.argv[2:])
    else:
        sys.exit(main())
