"""Versioned few-shot prompts for the four generation stages, kept as text files.

Each stage's prompt lives in ``prompts/<stage>.v<N>.txt``. A file is a small header, then
sections::

    # comment lines (only before the first section)
    version: scripts.v1            # must equal the file name without ".txt"
    max_tokens: 200
    temperature: 0.7
    stop: ["\\n11.", "\\n\\n"]       # a JSON list of strings (JSON escapes such as \\n work)

    ### system
    One short instruction line.
    ### example user
    Goal: host a backyard barbecue for twelve friends
    ### example assistant
    1. Pick a date and invite friends by text message
    ...                            # example user/assistant pairs repeat, in order
    ### user
    Goal: {objective}

Only the ``### user`` section has placeholders: ``{name}`` with a lower-case name. Example
sections are sent verbatim. The model sees the system line, the examples as earlier chat turns,
then the real user turn, and answers in the examples' format (tiny local models continue a
pattern far better than they follow an instruction).

A prompt never changes in place: a new wording is a new file (``scripts.v2.txt``), which
``PROMPT_VERSIONS`` then picks as the stage's newest, so every stored output names the exact
prompt that produced it.
"""

import html
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

PROMPT_DIR = Path(__file__).resolve().parent / "prompts"
PROMPT_STAGES = ("intentions", "objectives", "scripts", "needs")


def _newest_version(stage: str) -> str:
    numbers = [
        int(match.group(1))
        for path in PROMPT_DIR.glob(f"{stage}.v*.txt")
        if (match := re.fullmatch(rf"{stage}\.v(\d+)\.txt", path.name))
    ]
    return f"{stage}.v{max(numbers, default=1)}"


# The version each stage uses now: its newest file. Older files stay so that old outputs
# remain explainable (and can be loaded by name).
PROMPT_VERSIONS = {stage: _newest_version(stage) for stage in PROMPT_STAGES}

# Field budgets, in characters. A product's title, first 5 features and first description
# paragraph stay under PRODUCT_CHARS in all, and at most 4 reviews are shown: with the
# few-shot examples and the answer this keeps every prompt inside a 2048-token context.
PRODUCT_CHARS = 1200
TITLE_CHARS = 200
FEATURES_MAX = 5
FEATURE_CHARS = 160
DESCRIPTION_CHARS = 450
REVIEWS_MAX = 4
REVIEW_CHARS = 300
TEXT_CHARS = 300  # objective, step, category and any other plain field
EMPTY_FIELD = "(none)"

_HEADER_KEYS = {"version", "max_tokens", "temperature", "stop"}
_SECTION_RE = re.compile(r"^### (system|example user|example assistant|user)\s*$")
PLACEHOLDER_RE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_TAG_RE = re.compile(r"<[^>]{1,200}>")
_SPACE_RE = re.compile(r"\s+")


class PromptError(ValueError):
    """A template file that cannot be used, or fields that do not fit its placeholders."""


@dataclass(frozen=True)
class PromptTemplate:
    stage: str
    version: str
    system: str
    examples: tuple[tuple[str, str], ...]  # (user, assistant) pairs
    user_template: str
    max_tokens: int
    temperature: float
    stop: tuple[str, ...]

    @property
    def placeholders(self) -> frozenset[str]:
        return frozenset(PLACEHOLDER_RE.findall(self.user_template))

    def user_text(self, **fields: Any) -> str:
        """The real user turn, with every placeholder filled by its formatted field."""
        missing = self.placeholders - fields.keys()
        extra = fields.keys() - self.placeholders
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing {', '.join(sorted(missing))}")
            if extra:
                parts.append(f"unexpected {', '.join(sorted(extra))}")
            raise PromptError(
                f"prompt {self.version} takes fields {', '.join(sorted(self.placeholders))}: "
                + "; ".join(parts)
            )
        values = prompt_fields_format(fields)
        # One pass, so a value that itself contains "{title}" is never substituted again.
        return PLACEHOLDER_RE.sub(lambda match: values[match.group(1)], self.user_template)

    def messages(self, **fields: Any) -> tuple[tuple[str, str], ...]:
        turns: list[tuple[str, str]] = [("system", self.system)]
        for user, assistant in self.examples:
            turns += [("user", user), ("assistant", assistant)]
        turns.append(("user", self.user_text(**fields)))
        return tuple(turns)

    def render(self, *, seed: int = 0, **fields: Any):
        """The chat request for these fields; ``seed`` varies the sample between retries."""
        # Imported here: the client module loads its backend lazily and is optional for
        # code (and tests) that only read or check templates.
        from pipeline.generation.llm import ChatRequest

        return ChatRequest(
            messages=self.messages(**fields),
            max_tokens=self.max_tokens,
            temperature=self.temperature,
            seed=seed,
            stop=self.stop,
        )

    def example_answers(self) -> tuple[str, ...]:
        return tuple(assistant for _, assistant in self.examples)


@cache
def prompt_load(stage: str, version: str | None = None) -> PromptTemplate:
    """The stage's current prompt (or an older ``version`` such as "scripts.v1")."""
    if stage not in PROMPT_STAGES:
        raise PromptError(f"unknown stage {stage!r}; stages are {', '.join(PROMPT_STAGES)}")
    version = version or PROMPT_VERSIONS[stage]
    if not re.fullmatch(rf"{stage}\.v\d+", version):
        raise PromptError(f"bad prompt version {version!r} for stage {stage}")
    path = PROMPT_DIR / f"{version}.txt"
    if not path.is_file():
        raise PromptError(f"prompt file {path} does not exist")
    return prompt_parse(path.read_text(encoding="utf-8"), stage=stage, source=path.name)


def prompt_parse(text: str, *, stage: str, source: str = "<text>") -> PromptTemplate:
    """Read one template file's text; errors name the file and line."""
    header: dict[str, str] = {}
    sections: list[tuple[str, int, list[str]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _SECTION_RE.match(line)
        if heading:
            sections.append((heading.group(1), number, []))
        elif sections:
            sections[-1][2].append(line)
        elif not line.strip() or line.startswith("#"):
            continue
        else:
            key, sep, value = line.partition(":")
            key = key.strip()
            if not sep or key not in _HEADER_KEYS:
                raise PromptError(f"{source}:{number}: expected one of {sorted(_HEADER_KEYS)}")
            if key in header:
                raise PromptError(f"{source}:{number}: {key} given twice")
            header[key] = value.strip()
    for key in sorted(_HEADER_KEYS - header.keys()):
        raise PromptError(f"{source}: header {key!r} is missing")

    version = header["version"]
    expected = source.removesuffix(".txt") if source.endswith(".txt") else version
    if version != expected or not version.startswith(f"{stage}.v"):
        raise PromptError(f"{source}: version {version!r} does not match the file or stage")
    try:
        max_tokens = int(header["max_tokens"])
        temperature = float(header["temperature"])
        stop = json.loads(header["stop"])
    except ValueError as error:
        raise PromptError(f"{source}: bad header value ({error})") from error
    if not (isinstance(stop, list) and all(isinstance(s, str) and s for s in stop)):
        raise PromptError(f"{source}: stop must be a JSON list of non-empty strings")
    if max_tokens < 1 or not 0.0 <= temperature <= 2.0:
        raise PromptError(f"{source}: max_tokens or temperature out of range")

    system = ""
    user_template = None
    examples: list[tuple[str, str]] = []
    pending_user = None
    for kind, number, lines in sections:
        body = "\n".join(lines).strip()
        if not body:
            raise PromptError(f"{source}:{number}: section '{kind}' is empty")
        if user_template is not None:
            raise PromptError(f"{source}:{number}: nothing may follow the '### user' section")
        if kind == "system":
            if system or examples or pending_user:
                raise PromptError(f"{source}:{number}: the system section comes first, once")
            system = body
        elif kind == "example user":
            if pending_user is not None:
                raise PromptError(f"{source}:{number}: example user without its answer")
            pending_user = body
        elif kind == "example assistant":
            if pending_user is None:
                raise PromptError(f"{source}:{number}: example answer without its question")
            examples.append((pending_user, body))
            pending_user = None
        else:
            if pending_user is not None:
                raise PromptError(f"{source}:{number}: example user without its answer")
            user_template = body
    if not system or user_template is None:
        raise PromptError(f"{source}: needs a '### system' and a '### user' section")
    if not PLACEHOLDER_RE.search(user_template):
        raise PromptError(f"{source}: the user section has no {{placeholder}}")
    return PromptTemplate(
        stage=stage,
        version=version,
        system=system,
        examples=tuple(examples),
        user_template=user_template,
        max_tokens=max_tokens,
        temperature=temperature,
        stop=tuple(stop),
    )


# --- Field formatting -------------------------------------------------------------------


def prompt_fields_format(fields: dict[str, Any]) -> dict[str, str]:
    """Each field as prompt text, cleaned and cut to its budget.

    Lists are shaped by field name: ``features`` → the first 5 as "- " lines; ``description``
    → its first real paragraph; ``reviews`` → up to 4 "Review N:" lines. The product fields
    together stay under PRODUCT_CHARS (the description gives way first, then the features).
    """
    out: dict[str, str] = {}
    for name, value in fields.items():
        if name == "features":
            out[name] = _features_format(value)
        elif name == "description":
            out[name] = _description_format(value)
        elif name == "reviews":
            out[name] = _reviews_format(value)
        elif name == "title":
            out[name] = text_clip(_plain(value), TITLE_CHARS) or EMPTY_FIELD
        else:
            out[name] = text_clip(_plain(value), TEXT_CHARS) or EMPTY_FIELD
    over = sum(len(out.get(k, "")) for k in ("title", "features", "description")) - PRODUCT_CHARS
    if over > 0 and "description" in out:
        keep = max(len(out["description"]) - over, 80)
        over -= len(out["description"]) - keep
        out["description"] = text_clip(out["description"], keep)
    if over > 0 and "features" in out:
        lines = out["features"].splitlines()
        while over > 0 and len(lines) > 1:
            over -= len(lines.pop()) + 1
        out["features"] = "\n".join(lines)
    return out


def text_clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, marked with "..."."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 3]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "..."


def _plain(value: Any) -> str:
    """One line of clean text: HTML tags and entities, control characters and runs of
    whitespace removed (Amazon descriptions often carry markup)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = " ".join(_plain(item) for item in value)
    text = html.unescape(_TAG_RE.sub(" ", str(value)))
    text = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs") else ch for ch in text
    )
    return _SPACE_RE.sub(" ", text).strip()


def _items(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split("\n")
    return [text for text in (_plain(item) for item in value) if text]


def _features_format(value: Any) -> str:
    features = _items(value)[:FEATURES_MAX]
    if not features:
        return f"- {EMPTY_FIELD}"
    return "\n".join(f"- {text_clip(text, FEATURE_CHARS)}" for text in features)


def _description_format(value: Any) -> str:
    paragraphs = _items(value)
    # The first paragraph that reads as prose: a lone "Product Description" heading or a
    # size note says nothing about why someone buys the product.
    chosen = next(
        (p for p in paragraphs if len(p.split()) >= 6), paragraphs[0] if paragraphs else ""
    )
    return text_clip(chosen, DESCRIPTION_CHARS) or EMPTY_FIELD


def _reviews_format(value: Any) -> str:
    reviews = _items(value if isinstance(value, list | tuple) else [value])[:REVIEWS_MAX]
    if not reviews:
        return f"Review 1: {EMPTY_FIELD}"
    return "\n".join(
        f"Review {n}: {text_clip(text, REVIEW_CHARS)}" for n, text in enumerate(reviews, start=1)
    )
