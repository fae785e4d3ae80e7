#!/usr/bin/env python
"""LLM-judge throughput: the embedded SmolLM2-135M judging a real release's test inputs.

Builds a published release the way the tests do (tests/evaluation/conftest.py: a scripted
generation run over the sample catalogue, the real embed and align stages, simulated votes),
on a fresh PostgreSQL database, then runs ``baseline_run(release, "llm", limit=N)`` with the
embedded model (one thread) and an empty response cache, and runs it again to show that the
rerun is answered from the cache. Reported per task: items judged, calls, prompt and answer
tokens, seconds, items/second, yes/no/unparseable counts, and (read here by the benchmark,
never by the harness) the accuracy of the judged answers against the gold labels.

    .venv/bin/python bench/llm_judge.py              # 10 items per task, about 3 minutes
    .venv/bin/python bench/llm_judge.py --limit 3    # a quick run

No target (issue 7 asks for the figure). Results: ``bench/results/llm_judge.json``. The
database (default ``ecomscript_judgebench``; the name must contain "bench") is dropped and
re-created, and dropped at the end unless --keep-db.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from import_catalog import (  # noqa: E402  (same folder: the shared database helpers)
    child_env,
    database_drop,
    database_name,
    database_recreate,
    machine_info,
    migrate,
    result_write,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ecomscript_judgebench"
RESULTS = ROOT / "bench" / "results" / "llm_judge.json"
SAMPLE_DIR = ROOT / "sample_data" / "amazon2023"


def django_setup(url: str, media: str) -> None:
    os.environ.update(child_env(url))
    os.environ["LLM_BASE_URL"] = ""  # the embedded model, whatever the shell says
    os.environ["LLM_EMBEDDED_THREADS"] = "1"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    os.environ["DJANGO_MEDIA_ROOT"] = media
    import django

    django.setup()


def release_prepare():
    import pytest

    from accounts.services import user_create_with_roles
    from tests.evaluation.conftest import release_build

    def make_user(username, *roles):
        return user_create_with_roles(username=username, password="bench-pass-1", roles=list(roles))

    with pytest.MonkeyPatch.context() as monkeypatch:
        return release_build(sorted(SAMPLE_DIR.glob("*.jsonl.gz")), monkeypatch, make_user)


def judged_accuracy(release, submission, report) -> dict:
    """Accuracy of the model's own answers (judged, parsed items only) on the gold labels."""
    from annotation.models import ReleaseItem
    from evaluation.services import predictions_load

    out = {}
    predicted = predictions_load(submission)
    for task, task_report in report["tasks"].items():
        gold = list(
            ReleaseItem.objects.filter(release=release, split="test", task=task)
            .order_by("uid")
            .values_list("label", flat=True)
        )
        n = task_report["judged"]
        out[task] = {
            "judged_accuracy": round(
                sum(int(p == g) for p, g in zip(predicted[task][:n], gold[:n], strict=True)) / n, 4
            )
            if n
            else None,
            "gold_positive_share": round(sum(gold) / len(gold), 4),
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=10, help="items judged per task")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    url = args.database_url
    if "bench" not in database_name(url):
        parser.error(f"the database name {database_name(url)!r} must contain 'bench'")
    import tempfile

    media = tempfile.mkdtemp(prefix="judgebench-media-")
    print(f"Fresh database {database_name(url)} ...")
    database_recreate(url)
    migrate(url)
    django_setup(url, media)
    try:
        started = time.perf_counter()
        release = release_prepare()
        build_seconds = time.perf_counter() - started
        print(f"Release {release} built in {build_seconds:.1f} s")

        from evaluation.baselines.services import baseline_run
        from pipeline.generation.llm import ChatRequest, llm_client
        from pipeline.models import LLMResponse

        client = llm_client()
        started = time.perf_counter()
        # Load the model outside the measurement.
        client.chat(ChatRequest(messages=(("user", "Say yes."),), max_tokens=1, temperature=0.0))
        load_seconds = time.perf_counter() - started
        LLMResponse.objects.all().delete()
        first = baseline_run(release, "llm", limit=args.limit)
        second = baseline_run(release, "llm", limit=args.limit)
        report = first.report
        tasks = {}
        for task, task_report in report["tasks"].items():
            judged = task_report["judged"]
            tasks[task] = {
                **task_report,
                "seconds_per_item": round(task_report["seconds"] / judged, 3) if judged else None,
                "tokens_in_per_item": round(task_report["tokens_in"] / judged, 1)
                if judged
                else None,
            }
        accuracy = judged_accuracy(release, first.submission, report)
        judged = report["judged"]
        seconds = sum(t["seconds"] for t in report["tasks"].values())
        result = {
            "benchmark": "llm_judge",
            "finished_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "machine": {**machine_info(url), "threads": 1, "llm_model": client.model_name},
            "config": {
                "limit_per_task": args.limit,
                "release_test_items": {t: r["items"] for t, r in report["tasks"].items()},
            },
            "model_load_seconds": round(load_seconds, 2),
            "first_run": {
                "judged": judged,
                "calls": report["calls"],
                "unparseable": report["unparseable"],
                "seconds": round(seconds, 2),
                "items_per_second": round(judged / seconds, 3) if seconds else None,
                "tasks": tasks,
                "accuracy": accuracy,
                "submission_status": first.submission.status,
            },
            "rerun": {
                "calls": second.report["calls"],
                "cached": second.report["cached"],
                "seconds": round(sum(t["seconds"] for t in second.report["tasks"].values()), 3),
            },
        }
        result_write(RESULTS, result)
        print(
            f"{judged} items in {seconds:.1f} s = "
            f"{result['first_run']['items_per_second']} items/s "
            f"({report['unparseable']} unparseable); rerun: {second.report['calls']} calls, "
            f"{second.report['cached']} from the cache. Written to {RESULTS}"
        )
        for task, row in tasks.items():
            print(
                f"  {task}: {row['judged']} items, {row['seconds_per_item']} s/item, "
                f"{row['tokens_in_per_item']} prompt tokens/item, yes {row['yes']} no {row['no']} "
                f"unparseable {row['unparseable']}, "
                f"judged accuracy {accuracy[task]['judged_accuracy']}"
            )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            database_drop(url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
