"""What is published beside a release's files: the dataset card (README.md with a YAML header as
the Hugging Face Hub reads it) and the Croissant metadata (JSON-LD, written by mlcroissant in
a process of its own). Both describe public files only: a private file is never named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings

from accounts.errors import ApplicationError
from annotation.curation.export_files import FORMATS
from annotation.models import Release, ReleaseItem
from pipeline.models import Item

if TYPE_CHECKING:
    from annotation.models import ReleaseTable

SPLITS = tuple(ReleaseItem.Split.values)
TASK_TEXT = {
    "t1": (
        "T1 script verification",
        "objective + script (ordered steps): is the script a plausible, feasible plan?",
    ),
    "t2": (
        "T2 step-product discrimination",
        "objective + one step + one product: does buying the product help the step?",
    ),
    "t3": (
        "T3 script-products verification",
        "objective + script with the products of each step: is the whole feasible?",
    ),
}
SPDX_URL = "https://spdx.org/licenses/{}.html"


# --- dataset card --------------------------------------------------------------------------


def _size_category(n: int) -> str:
    # The Hugging Face Hub's size buckets.
    for limit, label in (
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
        (10_000_000, "1M<n<10M"),
        (100_000_000, "10M<n<100M"),
    ):
        if n < limit:
            return label
    return "n>100M"


def dataset_card(release: Release, tables: list[ReleaseTable], entries: list[dict]) -> str:
    """README.md: a YAML header as the Hugging Face Hub reads it, then the card itself. Test
    label balance is left out: the test labels are hidden from everyone but curators."""
    import yaml  # PyYAML (a dependency of drf-spectacular)

    total = sum(t.rows for t in tables)
    configs = []
    for task in dict.fromkeys(t.task for t in tables):
        configs.append(
            {
                "config_name": task,
                "data_files": [
                    {"split": t.split, "path": f"{task}/{t.split}.parquet"}
                    for t in tables
                    if t.task == task
                ],
            }
        )
    header = {
        "pretty_name": f"{release.name} {release.version}",
        "license": release.licence.lower(),
        "language": ["en"],
        "task_categories": ["text-classification"],
        "size_categories": [_size_category(total)],
        "tags": ["e-commerce", "script-planning", "benchmark"],
        "configs": configs,
    }
    lines = [
        "---",
        yaml.safe_dump(header, sort_keys=False, allow_unicode=True).rstrip(),
        "---",
        "",
        f"# {release.name} {release.version}",
        "",
        "E-commerce script planning (EcomScriptBench, arXiv 2505.15196): three binary tasks "
        "built from a product catalogue, generated objectives and scripts, and crowd labels.",
        "",
    ]
    if release.notes:
        lines += [release.notes.strip(), ""]
    lines += ["## Tasks", "", "| config | task | input / question |", "| --- | --- | --- |"]
    for task in dict.fromkeys(t.task for t in tables):
        title, question = TASK_TEXT.get(task, (task, ""))
        lines.append(f"| `{task}` | {title} | {question} |")
    lines += [
        "",
        "## Files, sizes and label balance",
        "",
        "One file per task and split in each format: `<task>/<split>.jsonl`, `.csv`, "
        "`.parquet`. Columns: `id`, `task`, `split`, `category`, the frozen inputs an annotator "
        "saw (an input named like a column is prefixed `input_`), then `label` (1 = yes), "
        "`votes`, `positive_votes`, `ds_posterior` (Dawid-Skene posterior of label 1) and "
        "`adjudicated`. In CSV and Parquet, list and object inputs (`steps`, `product`) are "
        "JSON strings; JSON Lines keeps them nested.",
        "",
        "The **test** files hold the inputs only: no label and nothing derived from it. "
        "Submit predictions to the leaderboard to be scored against the hidden labels.",
        "",
        "| task | split | items | positive | positive share |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for t in tables:
        if t.split == "test":
            lines.append(f"| {t.task} | test | {t.rows:,} | hidden | hidden |")
        else:
            share = f"{t.positive / t.rows:.1%}" if t.rows else "-"
            lines.append(f"| {t.task} | {t.split} | {t.rows:,} | {t.positive:,} | {share} |")
    lines += ["", f"Total: {total:,} items.", "", "## Agreement", ""]
    agreement = (release.stats or {}).get("agreement") or {}
    if agreement:
        lines += [
            "| campaign | Fleiss' kappa (95% CI) | Krippendorff's alpha (95% CI) |",
            "| --- | --- | --- |",
        ]
        for campaign, stats in agreement.items():
            lines.append(
                f"| {campaign} | {_estimate(stats.get('fleiss_kappa'))} "
                f"| {_estimate(stats.get('krippendorff_alpha'))} |"
            )
    else:
        lines.append("No agreement statistics were recorded for this release.")
    lines += ["", "## How it was built", ""] + _construction(release)
    lines += [
        "",
        "## Provenance",
        "",
        f"- Release: {release.name} {release.version}, published "
        f"{release.published_at:%Y-%m-%d %H:%M} UTC, seed {release.seed}, split shares "
        f"{_shares(release.sizes)}, public share of the test split {release.public_share:g}.",
        f"- Licence: {release.licence}.",
        "- Checksums of every file in `SHA256SUMS` (`sha256sum -c SHA256SUMS`); Croissant "
        "metadata in `croissant.json`.",
        "",
    ]
    return "\n".join(lines)


def _estimate(estimate) -> str:
    if not estimate or estimate.get("value") is None:
        reason = (estimate or {}).get("reason")
        return f"not defined ({reason})" if reason else "-"
    text = f"{estimate['value']:.3f}"
    if estimate.get("ci_low") is not None and estimate.get("ci_high") is not None:
        text += f" ({estimate['ci_low']:.3f} to {estimate['ci_high']:.3f})"
    return text + f", {estimate.get('items', 0):,} items"


def _shares(sizes: dict) -> str:
    sizes = sizes or {}
    return ", ".join(f"{k} {sizes[k]:g}" for k in SPLITS if k in sizes)


def _construction(release: Release) -> list[str]:
    generators = (
        Item.objects.filter(pk__in=release.items.values("item_id"))
        .values_list(
            "objective__generator_model",
            "objective__prompt_version",
            "script__generator_model",
            "script__prompt_version",
        )
        .distinct()
        .order_by()
    )
    models = sorted(
        {f"{m} (prompt {p or '-'})" for o, op, s, sp in generators for m, p in ((o, op), (s, sp))}
    )
    campaigns = (release.provenance or {}).get("campaigns", [])
    lines = [
        "1. Pipeline: a product catalogue (Amazon Reviews 2023 layout) -> objectives inferred "
        "from reviews -> scripts of 3 to 10 steps -> which steps need a purchase -> products "
        "associated with steps by the average cosine similarity between the step and the "
        "product's purchase intentions (top 3 with score >= 0.45) -> candidate items per task.",
        "2. Generation models: " + (", ".join(models) if models else "not recorded") + ".",
        "3. Crowd labels: each item was judged by several annotators; the gold label is the "
        "majority vote, a tie or a flagged item (3-2 split, Dawid-Skene disagreeing, low "
        "posterior) went to a curator who decided with a reason (`adjudicated`).",
    ]
    for c in campaigns:
        versions = ", ".join(str(v) for v in c.get("guideline_versions", [])) or "-"
        lines.append(
            f"   - campaign {c.get('name')} ({c.get('task')}): {c.get('votes_per_item')} votes "
            f"per item, guideline versions {versions}"
        )
    lines.append(
        "4. Splits: train / dev / test grouped by objective (no objective, and so no script, "
        "in two splits), stratified by task, category and label, seeded; the test split has "
        "a public and a private part for the leaderboard (not marked in the files)."
    )
    return lines


# --- Croissant -------------------------------------------------------------------------------


def croissant_metadata(release: Release, entries: list[dict], folder: Path, process=None) -> dict:
    """Croissant JSON-LD for the public files (annotation/curation/croissant.py, run in a
    process of its own to keep mlcroissant's memory out of this one; ``process``: one from
    croissant_process_start). Private files are not named."""
    kinds = {"string": "text", "int": "int", "float": "float", "bool": "bool"}
    files = []
    for entry in entries:
        if not entry["public"] or entry["format"] not in FORMATS:
            continue
        file = {k: entry[k] for k in ("name", "format", "bytes", "sha256", "task", "split", "rows")}
        if entry["format"] == "parquet":
            schema = pq.read_schema(folder / entry["name"])
            file["columns"] = [
                [f.name, next((k for t, k in kinds.items() if _arrow_is(f.type, t)), "text")]
                for f in schema
            ]
        files.append(file)
    spec = {
        "name": f"{release.name} {release.version}",
        "version": release.version,
        "description": (
            "E-commerce script planning benchmark (EcomScriptBench): T1 script verification, "
            "T2 step-product discrimination, T3 script-products verification."
        ),
        "licence_url": SPDX_URL.format(release.licence),
        "url": getattr(settings, "RELEASE_EXPORT_URL", "") or "https://arxiv.org/abs/2505.15196",
        "cite_as": "EcomScriptBench (arXiv 2505.15196, ACL 2025)",
        "date_published": release.published_at.isoformat() if release.published_at else None,
        "files": files,
    }
    process = process or croissant_process_start()
    try:
        out, err = process.communicate(orjson.dumps(spec), timeout=300)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise ApplicationError("Croissant metadata: no answer in 300 s") from None
    if process.returncode != 0:
        tail = err.decode(errors="replace").strip().splitlines()[-3:]
        raise ApplicationError("Croissant metadata: " + " / ".join(tail))
    return orjson.loads(out)


def croissant_process_start() -> subprocess.Popen:
    """The process that writes the Croissant file (annotation/curation/croissant.py), started
    before the rows are written: importing mlcroissant (pandas, rdflib, ...) takes seconds,
    which then overlap the export instead of following it. It waits for the spec on stdin."""
    preload = (
        "import runpy, mlcroissant; "
        "runpy.run_module('annotation.curation.croissant', run_name='__main__')"
    )
    return subprocess.Popen(
        [sys.executable, "-c", preload],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[2],
    )


def _arrow_is(arrow_type, kind: str) -> bool:
    return {
        "string": pa.types.is_string,
        "int": pa.types.is_integer,
        "float": pa.types.is_floating,
        "bool": pa.types.is_boolean,
    }[kind](arrow_type)
