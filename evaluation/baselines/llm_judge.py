"""The LLM-judge harness: any OpenAI-compatible model (by default the embedded SmolLM2-135M,
through pipeline.generation.llm.llm_client()) answers yes or no for each test item.

- Prompts are versioned files, ``prompts/t1.v1.txt`` ... (the generation stages' format, read
  by pipeline.generation.prompts.prompt_parse). A changed wording is a new file (``t1.v2``),
  picked as the task's newest, and every report names the versions used.
- Inputs are the frozen test inputs only, rendered as the annotators read them: the goal, the
  numbered steps (for T3 each with its products), the step and product card for T2.
- Every call goes through the response cache (pipeline.generation.cache.llm_chat_cached): a
  rerun over the same items with the same model and prompt makes no new call.
- Answers are parsed with ``answer_parse`` (the first yes/no word). An answer without one is
  counted as unparseable and gets the train majority label, as do items left out by ``limit``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pipeline.generation.cache import llm_chat_cached
from pipeline.generation.llm import ChatRequest, LLMClient
from pipeline.generation.prompts import PLACEHOLDER_RE, PromptTemplate, prompt_parse, text_clip

from .inputs import TestInput
from .simple import Prediction

PROMPT_DIR = Path(__file__).resolve().parent / "prompts"
TASKS = ("t1", "t2", "t3")

# Character budgets that keep the longest T3 prompt (10 steps, 3 products each) with the
# few-shot head inside the embedded model's 2048-token context.
OBJECTIVE_CHARS = 200
STEP_CHARS = 160
TITLE_CHARS = 70
PRODUCTS_PER_STEP = 3
STEPS_MAX = 10

_SPACE_RE = re.compile(r"\s+")
# Phrases that mention both words without choosing ("Yes or no?", "yes/no") are removed
# before looking for the answer word.
_BOTH_RE = re.compile(r"\b(?:yes\s*(?:or|/)\s*no|no\s*(?:or|/)\s*yes)\b", re.IGNORECASE)
_ANSWER_RE = re.compile(r"\b(yes|no|true|false)\b", re.IGNORECASE)
_ANSWER_VALUE = {"yes": 1, "true": 1, "no": 0, "false": 0}


def answer_parse(text: str) -> int | None:
    """1 for yes, 0 for no, None when the answer says neither. The first yes/no word decides
    ("Yes.", "Answer: no", "**No**, because..."); "true"/"false" count too; a lone "y"/"n"
    is accepted; "yes or no" without a choice is not an answer."""
    cleaned = _BOTH_RE.sub(" ", text or "")
    match = _ANSWER_RE.search(cleaned)
    if match:
        return _ANSWER_VALUE[match.group(1).lower()]
    bare = cleaned.strip().strip("*_\"'`.!:;,()[] ").lower()
    if bare in ("y", "n"):
        return int(bare == "y")
    return None


def _newest_version(task: str) -> str:
    numbers = [
        int(m.group(1))
        for path in PROMPT_DIR.glob(f"{task}.v*.txt")
        if (m := re.fullmatch(rf"{task}\.v(\d+)\.txt", path.name))
    ]
    if not numbers:
        raise FileNotFoundError(f"no prompt file {task}.v<N>.txt in {PROMPT_DIR}")
    return f"{task}.v{max(numbers)}"


@cache
def judge_prompt_load(task: str, version: str | None = None) -> PromptTemplate:
    """The task's newest judge prompt, or an older ``version`` such as "t1.v1"."""
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; tasks are {', '.join(TASKS)}")
    version = version or _newest_version(task)
    path = PROMPT_DIR / f"{version}.txt"
    return prompt_parse(path.read_text(encoding="utf-8"), stage=task, source=path.name)


# --- rendering the frozen inputs -----------------------------------------------------------


def _line(value, limit: int) -> str:
    text = _SPACE_RE.sub(" ", str(value or "")).strip()
    return text_clip(text, limit) if text else "(none)"


def _product_line(card: dict | None) -> str:
    if not card:
        return "(none)"
    title = _line(card.get("title"), TITLE_CHARS)
    category = _SPACE_RE.sub(" ", str(card.get("category") or "").replace("_", " ")).strip()
    return f"{title} ({category})" if category else title


def _script_lines(steps: list[dict], *, with_products: bool) -> str:
    lines = []
    for n, step in enumerate(steps[:STEPS_MAX], start=1):
        lines.append(f"{n}. {_line(step.get('text'), STEP_CHARS)}")
        if with_products:
            titles = [
                _line(card.get("title"), TITLE_CHARS)
                for card in (step.get("products") or [])[:PRODUCTS_PER_STEP]
            ]
            if titles:
                lines.append(f"   Products: {'; '.join(titles)}")
    return "\n".join(lines) or "(no steps)"


def judge_fields(task: str, inputs: dict) -> dict[str, str]:
    """The prompt's placeholder values for one item's frozen inputs."""
    objective = _line(inputs.get("objective"), OBJECTIVE_CHARS)
    if task == "t1":
        return {
            "objective": objective,
            "script": _script_lines(inputs.get("steps") or [], with_products=False),
        }
    if task == "t2":
        return {
            "objective": objective,
            "step": _line(inputs.get("step"), STEP_CHARS),
            "product": _product_line(inputs.get("product")),
        }
    return {
        "objective": objective,
        "script": _script_lines(inputs.get("steps") or [], with_products=True),
    }


def judge_request(template: PromptTemplate, fields: dict[str, str]) -> ChatRequest:
    """System line, the few-shot turns verbatim, then the item's turn. The fields are already
    rendered (multi-line scripts), so they are substituted as they are, in one pass."""
    user = PLACEHOLDER_RE.sub(lambda m: fields[m.group(1)], template.user_template)
    turns = [("system", template.system)]
    for example_user, example_answer in template.examples:
        turns += [("user", example_user), ("assistant", example_answer)]
    turns.append(("user", user))
    return ChatRequest(
        messages=tuple(turns),
        max_tokens=template.max_tokens,
        temperature=template.temperature,
        seed=0,
        stop=template.stop,
    )


# --- the harness ---------------------------------------------------------------------------


@dataclass
class TaskReport:
    prompt: str
    items: int = 0  # test items of the task in the release
    judged: int = 0  # items the model answered (limit may leave some out)
    yes: int = 0
    no: int = 0
    unparseable: int = 0
    calls: int = 0  # model calls made now (the rest came from the cache)
    cached: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    seconds: float = 0.0  # wall time of this task's judging, cache reads included
    unparseable_examples: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            **self.__dict__,
            "seconds": round(self.seconds, 3),
            "fallback": self.items - self.judged + self.unparseable,
            "items_per_second": round(self.judged / self.seconds, 3) if self.seconds else None,
        }


def llm_judge_predict(
    client: LLMClient,
    inputs: dict[str, list[TestInput]],
    *,
    all_ids: dict[str, list[str]],
    fallback: dict[str, int],
    on_item: Callable[[], None] | None = None,
) -> tuple[dict[str, list[Prediction]], dict[str, TaskReport]]:
    """Predictions for every test id of every task in ``all_ids``: the model's answer for the
    items in ``inputs``, the task's ``fallback`` label (train majority) for the rest and for
    unparseable answers. Returns the predictions and a report per task."""
    predictions: dict[str, list[Prediction]] = {}
    reports: dict[str, TaskReport] = {}
    for task in sorted(all_ids):
        template = judge_prompt_load(task)
        report = reports[task] = TaskReport(prompt=template.version, items=len(all_ids[task]))
        answered: dict[str, int] = {}
        started = time.monotonic()
        for item in inputs.get(task, []):
            request = judge_request(template, judge_fields(task, item.inputs))
            result, cached = llm_chat_cached(client, request)
            report.judged += 1
            report.cached += int(cached)
            report.calls += int(not cached)
            report.tokens_in += result.tokens_in
            report.tokens_out += result.tokens_out
            label = answer_parse(result.text)
            if label is None:
                report.unparseable += 1
                if len(report.unparseable_examples) < 5:
                    report.unparseable_examples.append(result.text[:80])
            else:
                answered[item.uid] = label
                report.yes += label
                report.no += 1 - label
            if on_item is not None:
                on_item()
        report.seconds = time.monotonic() - started
        predictions[task] = [
            Prediction(uid, answered.get(uid, fallback[task])) for uid in all_ids[task]
        ]
    return predictions, reports
