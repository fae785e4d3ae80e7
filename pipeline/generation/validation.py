"""Parsing, validation and repair of every generation answer.

Models, small local ones above all, wrap answers in chatter, number lines in any style,
copy the few-shot examples, loop, or stop mid-line. Each parser turns raw text into clean
items and either keeps what is usable or raises ``AnswerRejected`` with a short,
machine-readable reason (stored with the rejected answer; the caller asks again with another
seed).

How a list answer (intentions, objectives, scripts) is read:

1. The text must be a string without binary junk (else ``non_text``) and must not be blank
   (``empty``). It ends at a chat end token such as ``<|im_end|>``.
2. It is split into lines; items run together on one line ("1. a 2. b", or several
   "PersonX wants to buy this because ..." in a row) are split apart.
3. Each line loses its numbering ("1.", "2)", "(3)", "Step 4:", "#5"), bullet ("-", "*",
   "•"), Markdown emphasis, surrounding quotes and trailing full stop, then is dropped with a
   reason or kept:

   - ``repetition_loop``: an n-gram repeated in a row (1 word 4 times, 2-6 words 3 times),
     very low word variety, or the third and later copies of one line;
   - ``chatter``: "Sure, here are ...", "I hope this helps", headings ending in ":";
   - ``non_text``: a line of source code ("trip.tent = Tent(size=4)", "def plan():");
   - ``prompt_echo``: a prompt label line ("Product: ...", "Goal: ..."), a line of the
     few-shot examples, the product title or another whole line or sentence of the prompt,
     or (intentions) a verbatim stretch of 8+ words of the prompt;
   - ``duplicate``: the same normalised text as a kept line (case, punctuation and articles
     ignored);
   - ``too_short`` / ``too_long``: outside the stage's word limits;
   - ``truncated``: the last line ends on a dangling word ("... for their"), as answers cut by
     max_tokens do;
   - stage rules: ``bad_format`` (an intention line that is no reason), ``first_person`` and
     ``not_imperative`` (objectives written as review sentences).
4. Items beyond the stage's maximum are dropped as ``extra``. When fewer than the stage's
   minimum remain, the answer is rejected with the most frequent drop reason above (ties go
   to the reason listed first); ``chatter`` when there was nothing but chatter; or
   ``wrong_count`` when nothing was dropped and the answer was simply too short.

Stage limits: intentions keep at most ``want`` (10) and need at least 3 per answer (the caller
asks again for the rest); objectives keep 1-3 of 3-25 words; scripts keep 3-10 steps of 2-25
words (a script that restarts at "1." ends there: the model began a new example).
"""

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from .prompts import PROMPT_STAGES, prompt_load

INTENTION_PREFIX = "PersonX wants to buy this because"
INTENTIONS_MIN = 3  # per answer; fewer valid lines means the model lost the pattern
INTENTION_BODY_MIN_WORDS = 3  # "it is durable"
INTENTION_MAX_WORDS = 40
INTENTION_MAX_CHARS = 300
OBJECTIVES_MAX = 3
OBJECTIVE_MIN_WORDS, OBJECTIVE_MAX_WORDS = 3, 25
SCRIPT_MIN_STEPS, SCRIPT_MAX_STEPS = 3, 10  # the paper's scripts have at most 10 steps
STEP_MIN_WORDS, STEP_MAX_WORDS = 2, 25
KEYWORDS_MAX = 4
KEYWORD_MAX_WORDS, KEYWORD_MAX_CHARS = 6, 60
PROMPT_ECHO_MIN_WORDS = 8  # a verbatim stretch this long is copied, not written

REJECT_REASONS = {
    "non_text": "not a string, binary junk / control characters, or source code",
    "empty": "blank, or nothing before the end token",
    "repetition_loop": "the model looped (repeated words or lines)",
    "prompt_echo": "copies the prompt, its labels or its few-shot examples",
    "too_long": "items over the word or character limit",
    "too_short": "items under the word limit",
    "truncated": "the last item was cut off",
    "duplicate": "items repeat each other",
    "first_person": "an objective written as a review ('I bought ...')",
    "not_imperative": "an objective that does not start with a verb",
    "bad_format": "items without the expected shape (no reason, no yes/no)",
    "chatter": "only chatter such as 'Sure, here are ...'",
    "wrong_count": "too few items (or 'yes' without keywords)",
    # Not an answer's fault: a unit (product) still short of its items after every attempt.
    "incomplete": "fewer valid items than needed after every attempt",
}
# Drops that say nothing about the answer's quality: never the reason for a rejection.
_BENIGN = {"chatter", "extra", "blank"}
_PRIORITY = list(REJECT_REASONS)


class AnswerRejected(Exception):
    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Dropped:
    text: str
    reason: str


@dataclass(frozen=True)
class ParsedList:
    items: list[str]
    dropped: list[Dropped] = field(default_factory=list)

    def drop_counts(self) -> Counter:
        return Counter(drop.reason for drop in self.dropped)


@dataclass(frozen=True)
class NeedAnswer:
    needs_product: bool
    keywords: list[str]


# --- Public parsers ---------------------------------------------------------------------


def intentions_parse(text, *, prompt_text: str = "", want: int = 10) -> ParsedList:
    """Up to ``want`` intentions, each "PersonX wants to buy this because ..."."""
    return _list_parse(
        text,
        stage="intentions",
        item=_intention_item,
        minimum=min(INTENTIONS_MIN, want),
        maximum=want,
        prompt_text=prompt_text,
    )


def objectives_parse(text, *, prompt_text: str = "") -> ParsedList:
    """1-3 short imperative goals ("host a backyard barbecue for twelve friends")."""
    return _list_parse(
        text,
        stage="objectives",
        item=_objective_item,
        minimum=1,
        maximum=OBJECTIVES_MAX,
        prompt_text=prompt_text,
    )


def script_parse(text, *, prompt_text: str = "") -> ParsedList:
    """3-10 ordered steps; more than 10 are cut to the first 10."""
    return _list_parse(
        text,
        stage="scripts",
        item=_step_item,
        minimum=SCRIPT_MIN_STEPS,
        maximum=SCRIPT_MAX_STEPS,
        prompt_text=prompt_text,
        restart_ends=True,
    )


def need_parse(text) -> NeedAnswer:
    """ "Purchase: yes/no" and, when yes, 1-4 search keywords from a "Keywords:" line."""
    text = _answer_text(text)
    lines = [_markup_strip(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    decision, decision_at, rest = None, -1, ""
    for index, line in enumerate(lines):
        match = _DECISION_RE.match(line)
        if match:
            decision, decision_at, rest = match.group(1).lower(), index, match.group(2)
            break
        if _is_chatter(line) or (
            _ECHO_LABEL_RE.match(line) and not line.lower().startswith("purchase")
        ):
            continue  # "Sure!", or the model restated the goal or step first
        break
    if decision is None:
        if any(_has_loop(_words(line)) for line in lines):
            raise AnswerRejected("repetition_loop", _excerpt(text))
        if lines and all(_ECHO_LABEL_RE.match(line) for line in lines):
            raise AnswerRejected("prompt_echo", _excerpt(text))
        raise AnswerRejected("bad_format", f"no yes/no decision: {_excerpt(text)}")
    if decision == "no":
        return NeedAnswer(needs_product=False, keywords=[])

    raw = None
    for line in lines[decision_at + 1 :]:
        if _DECISION_RE.match(line) or _NEW_EXAMPLE_RE.match(line):
            break  # the model went on to a next example
        match = _KEYWORDS_RE.match(line)
        if match:
            raw = match.group(1)
            break
    if raw is None:
        raw = rest.strip(" ,.;:-–—()")  # "Purchase: yes - charcoal, buns"
    keywords, drops = [], []
    seen = set()
    for part in re.split(r"[,;|]", raw) if raw else []:
        keyword = _keyword_clean(part)
        if not keyword or keyword in _NO_KEYWORDS:
            continue
        if _has_loop(_words(keyword)):
            drops.append("repetition_loop")
        elif len(keyword.split()) > KEYWORD_MAX_WORDS or len(keyword) > KEYWORD_MAX_CHARS:
            drops.append("too_long")
        elif text_key(keyword) not in seen:
            seen.add(text_key(keyword))
            keywords.append(keyword)
    if not keywords:
        reason = Counter(drops).most_common(1)[0][0] if drops else "wrong_count"
        raise AnswerRejected(reason, f"'yes' without usable keywords: {_excerpt(text)}")
    return NeedAnswer(needs_product=True, keywords=keywords[:KEYWORDS_MAX])


def text_key(text: str) -> str:
    """Normalised text for duplicate checks: case, punctuation and articles ignored."""
    return " ".join(word for word in _words(text) if word not in _ARTICLES)


# --- The list driver --------------------------------------------------------------------


def _list_parse(text, *, stage, item, minimum, maximum, prompt_text, restart_ends=False):
    text = _answer_text(text)
    examples = _example_keys(stage)
    prompt = _PromptIndex(prompt_text)
    raw_lines = _lines_split(text, split_prefix=stage == "intentions")
    last = max((i for i, line in enumerate(raw_lines) if line.strip()), default=-1)
    items: list[str] = []
    drops: list[Dropped] = []
    copies: Counter = Counter()
    example_copies = 0

    for index, raw in enumerate(raw_lines):
        if not raw.strip():
            continue
        if len(items) >= maximum:
            drops.append(Dropped(raw.strip(), "extra"))
            continue
        line, number = _line_clean(raw)
        if restart_ends and number == 1 and items:
            drops += [Dropped(rest.strip(), "extra") for rest in raw_lines[index:] if rest.strip()]
            break
        reason = None
        candidate = None
        if _has_loop(_words(raw)):
            reason = "repetition_loop"
        elif not re.search(r"[^\W\d_]", line):
            reason = "blank"  # "1." alone, "---", "..."
        elif _is_chatter(line):
            reason = "chatter"
        elif _CODE_RE.search(line):
            reason = "non_text"  # "trip.tent = Tent(size=4)" has enough words to pass as a step
        elif _ECHO_LABEL_RE.match(line) and not _stage_label(stage, line):
            reason = "prompt_echo"
        else:
            candidate, reason = item(_stage_label_strip(stage, line), index == last)
        if candidate is not None:
            key = text_key(candidate)
            if key in examples:
                if stage == "scripts":
                    example_copies += 1  # judged over the whole script below
                else:
                    reason = "prompt_echo"
            if reason is None and prompt.echoes(candidate, stage):
                reason = "prompt_echo"
            if reason is None and copies[key]:
                reason = "repetition_loop" if copies[key] >= 2 else "duplicate"
            copies[key] += 1
        if reason is None:
            items.append(candidate)
        else:
            drops.append(Dropped(raw.strip(), reason))

    # A script that mostly repeats an example script was copied, whatever its goal; a single
    # shared everyday step ("Invite friends by text message") is fine.
    if example_copies >= 2 and example_copies * 3 > len(items):
        raise AnswerRejected(
            "prompt_echo", f"{example_copies} of {len(items)} steps copy the examples"
        )
    if len(items) < minimum:
        raise AnswerRejected(*_rejection(items, drops, minimum))
    return ParsedList(items=items, dropped=drops)


def _rejection(items, drops, minimum) -> tuple[str, str]:
    counts = Counter(drop.reason for drop in drops)
    summary = ", ".join(f"{n} {reason}" for reason, n in counts.most_common())
    detail = f"{len(items)} valid of {minimum} needed" + (f"; dropped {summary}" if drops else "")
    significant = {r: n for r, n in counts.items() if r not in _BENIGN}
    if significant:
        reason = min(significant, key=lambda r: (-significant[r], _PRIORITY.index(r)))
        return reason, detail
    if not items and counts["chatter"]:
        return "chatter", detail
    if not items:
        return "empty", detail  # nothing but blank lines and punctuation
    return "wrong_count", detail


# --- Stage item rules: (clean line, is_last) -> (item or None, drop reason or None) -------

_PREFIX_RE = re.compile(
    r"^person\s*x\s+(?:wants?|would\s+like|might\s+want|may\s+want|needs?|wanted|plans?)\s+"
    r"to\s+(?:buy|purchase|get|order)\s+(?:this|it|these|th(?:e|is)\s+(?:product|item))"
    r"\s*,?\s*(?:because|since|as)\b[\s,:]*",
    re.IGNORECASE,
)
_PREFIX_LOOSE_RE = re.compile(
    r"^person\s*x\s+(?:buys?|bought|purchases?|gets?|orders?)\s+(?:this|it)\s+"
    r"(?:because|since|as)\b[\s,:]*",
    re.IGNORECASE,
)
_PREFIX_OTHER_RE = re.compile(r"^person\s*x\s+\w+\s+to\s+(?:buy|purchase|get)\b", re.I)
# A line without the prefix is repaired only when it clearly reads as a buyer's reason.
_REASON_STARTS = {
    "they", "they're", "theyre", "their", "it", "it's", "its", "he", "she", "his", "her",
    "personx", "personx's",
}  # fmt: skip
_DANGLING = {
    "a", "an", "the", "to", "and", "or", "of", "for", "with", "their", "his", "her", "its",
    "my", "your", "our", "in", "on", "at", "by", "from", "that", "because", "so", "but", "is",
    "are", "was", "be", "than", "as", "into", "while", "when", "who", "which",
}  # fmt: skip


def _intention_item(line: str, is_last: bool):
    body = None
    for pattern in (_PREFIX_RE, _PREFIX_LOOSE_RE):
        match = pattern.match(line)
        if match:
            body = line[match.end() :]
            break
    if body is None and _PREFIX_OTHER_RE.match(line):
        return None, "bad_format"  # "PersonX wants to buy this for ...": no reason given
    if body is None:
        first = _first_word(line)
        if first == "because":
            body = line.split(None, 1)[1] if " " in line else ""
        elif first == "to":
            body = "they want " + _lower_first(line)
        elif first in _REASON_STARTS:
            body = line
        else:
            return None, "bad_format"
    body = _sentence_tidy(body)
    if body.lower().startswith(INTENTION_PREFIX.lower()):
        body = body[len(INTENTION_PREFIX) :].strip()
    if not body.startswith("PersonX"):
        body = _lower_first(body)
    words = len(body.split())
    if words < INTENTION_BODY_MIN_WORDS:
        return None, "too_short"
    text = f"{INTENTION_PREFIX} {body}"
    if words + 6 > INTENTION_MAX_WORDS or len(text) > INTENTION_MAX_CHARS:
        return None, "too_long"
    if is_last and _first_word(body.split()[-1]) in _DANGLING:
        return None, "truncated"
    return text, None


_FIRST_PERSON_REPAIR_RE = re.compile(
    r"^(?:(?:i|we)\s+(?:just\s+)?(?:wanted|want|needed|need|was\s+trying|were\s+trying|"
    r"tried|hoped|planned|bought\s+(?:this|it)|got\s+(?:this|it))\s+to|"
    r"(?:my|our)\s+(?:goal|plan|aim)\s+(?:was|is)\s+to|to)\s+",
    re.IGNORECASE,
)
_FIRST_PERSON = {"i", "i'm", "im", "i've", "i'd", "we", "we're", "we've", "my", "our", "me", "us"}
_NOT_IMPERATIVE = {
    "it", "it's", "its", "this", "that", "these", "those", "the", "they", "their", "he", "she",
    "his", "her", "there", "a", "an", "is", "was", "are", "were", "very", "so", "great", "good",
    "excellent", "perfect", "highly", "nice", "personx", "you", "your", "product", "works",
    "worked", "bought", "purchased", "would", "will", "if", "when", "because",
}  # fmt: skip


def _objective_item(line: str, is_last: bool):
    line = _FIRST_PERSON_REPAIR_RE.sub("", line, count=1)
    # One goal per line: a second sentence is review chatter.
    line = re.split(r"(?<=[a-z0-9])[.!?]\s+(?=[A-Z])", line, maxsplit=1)[0]
    line = _sentence_tidy(line)
    first = _first_word(line)
    if first in _FIRST_PERSON:
        return None, "first_person"
    if first in _NOT_IMPERATIVE:
        return None, "not_imperative"
    words = len(line.split())
    if words < OBJECTIVE_MIN_WORDS:
        return None, "too_short"
    if words > OBJECTIVE_MAX_WORDS:
        return None, "too_long"
    if is_last and _first_word(line.split()[-1]) in _DANGLING:
        return None, "truncated"
    return _lower_first(line), None


def _step_item(line: str, is_last: bool):
    line = _sentence_tidy(line)
    words = len(line.split())
    if words < STEP_MIN_WORDS:
        return None, "too_short"
    if words > STEP_MAX_WORDS:
        return None, "too_long"
    if is_last and _first_word(line.split()[-1]) in _DANGLING:
        return None, "truncated"
    return line[:1].upper() + line[1:], None


# --- Line handling ----------------------------------------------------------------------

_END_TOKEN_RE = re.compile(r"<\|(?:im_end|endoftext|eot_id|end)\|>|</s>")
_START_TOKEN_RE = re.compile(r"<\|im_start\|>(?:assistant|user|system)?|<s>|<\|assistant\|>")
_STEP_NUMBER_RE = re.compile(r"^step\s*(\d{1,2})\s*[.):\-–—]?\s+", re.IGNORECASE)
# "#5 text" is numbered like "5. text"; the bullet rule leaves "#" before a digit to it.
_NUMBER_RE = re.compile(
    r"^(?:#|no\.\s*)?\(?(\d{1,2})(?:[.):\]](?=\s|$)|\s+[-–—]\s|(?<=#\d)\s|(?<=#\d\d)\s)\s*"
)
_BULLET_RE = re.compile(r"^(?:[-*•·‣▪◦–—>+]+|#{1,6}(?!\d))\s*")
_ANSWER_LABEL_RE = re.compile(r"^(?:answer|assistant|output|response)\s*:\s*", re.IGNORECASE)
_ECHO_LABEL_RE = re.compile(
    r"^(?:product|title|features?|description|category|reviews?(?:\s*\d+)?|goal|objective|"
    r"step|purchase|keywords?)\s*:",
    re.IGNORECASE,
)
_PREFIX_ANYWHERE_RE = re.compile(r"person\s*x\s+wants\s+to\s+buy", re.IGNORECASE)
_STAGE_LABELS = {"objectives": ("goal", "objective"), "scripts": ("step",)}
_CHATTER_RE = re.compile(
    r"^(?:sure|certainly|of course|okay|ok|absolutely|here(?:'s| is| are)|below (?:is|are)|"
    r"the following|i hope|hope this|let me know|note\b|as an ai|i'm sorry|i am sorry|"
    r"sorry|i can(?:not|'t)\b|feel free|these are|this list|in summary|thank you|thanks)",
    re.IGNORECASE,
)
# Source code instead of prose: a definition, a from-import, an assignment, a method call, a
# statement or block end. Steps and reasons are prose, which has none of these shapes.
_CODE_RE = re.compile(
    r"^(?:def|class)\s+\w+\s*[(:]"
    r"|^from\s+[\w.]+\s+import\s+\w"
    r"|^[A-Za-z_][\w.]*(?:\[[^\]]*\])?\s*[-+*/]?=(?!=)\s*\S"
    r"|[A-Za-z_]\w*\.[A-Za-z_]\w*\("
    r"|[;{}]\s*$|^[{}]"
)
_ARTICLES = {"a", "an", "the"}
_NO_KEYWORDS = {"none", "n/a", "na", "nothing", "no", "-", "no keywords"}
_DECISION_RE = re.compile(
    r"^(?:(?:purchase|purchase needed|needs?\s+(?:a\s+)?purchase|buy|answer)\s*[:=\-–]?\s*)?"
    r"(yes|no)\b[\s.!,:;\-–—]*(.*)$",
    re.IGNORECASE,
)
_KEYWORDS_RE = re.compile(r"^(?:search\s+)?key\s*words?\s*[:=\-–]\s*(.*)$", re.IGNORECASE)
_NEW_EXAMPLE_RE = re.compile(r"^(?:goal|step|objective)\s*:", re.IGNORECASE)


def _answer_text(text) -> str:
    if not isinstance(text, str):
        raise AnswerRejected("non_text", f"got {type(text).__name__}, not text")
    junk = sum(1 for ch in text if _is_junk(ch))
    if "\x00" in text or junk >= max(3, len(text) // 50):
        raise AnswerRejected("non_text", f"{junk} control or undecodable characters")
    text = "".join(ch for ch in text if not _is_junk(ch) and unicodedata.category(ch) != "Cf")
    text = _START_TOKEN_RE.sub("", _END_TOKEN_RE.split(text, maxsplit=1)[0])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise AnswerRejected("empty", "no text")
    return text


def _is_junk(ch: str) -> bool:
    if ch in "\n\r\t":
        return False
    return ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn")


def _lines_split(text: str, *, split_prefix: bool) -> list[str]:
    """Lines, with items that ran together on one line split apart."""
    out: list[str] = []
    for line in text.split("\n"):
        parts = _numbered_split(line)
        if split_prefix:
            parts = [piece for part in parts for piece in _prefix_split(part)]
        out += parts
    return out


def _prefix_split(line: str) -> list[str]:
    """Several "PersonX wants to buy ..." run together on one line → one line each."""
    cuts = [
        match.start()
        for match in _PREFIX_ANYWHERE_RE.finditer(line)
        if re.search(r"[^\W\d_]", line[: match.start()])  # not just "3." before it
    ]
    bounds = [0, *cuts, len(line)]
    return [line[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _numbered_split(line: str) -> list[str]:
    """ "1. Buy a tent 2. Pitch it 3. Sleep" → three lines; only numbers that count up on
    from the line's own first number split, so "Buy 2. Then" style text stays whole."""
    first = _NUMBER_RE.match(line.strip())
    if not first:
        return [line]
    expected = int(first.group(1)) + 1
    cuts = []
    for match in re.finditer(r"\s(\d{1,2})[.)]\s", line):
        if int(match.group(1)) == expected:
            cuts.append(match.start() + 1)
            expected += 1
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    return [line[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]


def _markup_strip(line: str) -> str:
    line = line.strip().replace("**", "").replace("__", "").replace("`", "")
    return _BULLET_RE.sub("", line).strip()


def _line_clean(raw: str) -> tuple[str, int | None]:
    """The line without numbering, bullets, emphasis and quotes; and its number, if any."""
    line, number = raw, None
    for _ in range(3):  # "- 1. text", "**1.** text"
        before = line
        line = _ANSWER_LABEL_RE.sub("", _markup_strip(line))
        match = _STEP_NUMBER_RE.match(line) or _NUMBER_RE.match(line)
        if match:
            number = number if number is not None else int(match.group(1))
            line = line[match.end() :]
        if line == before:
            break
    line = line.strip()
    if len(line) >= 2 and line[0] in "\"'“‘" and line[-1] in "\"'”’":
        line = line[1:-1].strip()
    elif line and line[0] in '"“' and line.count(line[0]) == 1:
        line = line[1:].strip()
    return re.sub(r"\s+", " ", line), number


def _stage_label(stage: str, line: str) -> bool:
    return line.split(":", 1)[0].strip().lower() in _STAGE_LABELS.get(stage, ())


def _stage_label_strip(stage: str, line: str) -> str:
    if ":" in line and _stage_label(stage, line):
        return line.split(":", 1)[1].strip()
    return line


def _is_chatter(line: str) -> bool:
    return bool(_CHATTER_RE.match(line)) or line.endswith(":")


def _sentence_tidy(text: str) -> str:
    text = text.strip().strip("\"'“”‘’").strip()
    return re.sub(r"\s*[.,;:!]+$", "", text).strip()


def _lower_first(text: str) -> str:
    """ "Host a party" → "host a party"; acronyms and "I" stay ("DIY", "TV", "I")."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[1:2].isupper() or first == "I":
        return text
    return text[:1].lower() + text[1:]


def _keyword_clean(text: str) -> str:
    text = _markup_strip(text).strip("\"'“”‘’()[]").strip()
    text = re.sub(r"\s*[.,;:!]+$", "", text)
    return re.sub(r"\s+", " ", text).lower()


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def _first_word(text: str) -> str:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return words[0] if words else ""


def _has_loop(words: list[str]) -> bool:
    """An n-gram repeated back to back (1 word 4 times, 2-6 words 3 times), or a long line
    made of very few distinct words: the signature of a model stuck in a loop."""
    count = len(words)
    for n in range(1, 7):
        need = 4 if n == 1 else 3
        for start in range(0, count - n * need + 1):
            gram = words[start : start + n]
            if all(words[start + k * n : start + (k + 1) * n] == gram for k in range(1, need)):
                return True
    return count >= 16 and len(set(words)) / count < 0.3


def _excerpt(text: str, limit: int = 160) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- Echo checks ------------------------------------------------------------------------


@cache
def _example_keys(stage: str) -> frozenset[str]:
    """Normalised items of the stage's few-shot answers: a copy of one is not an answer."""
    if stage not in PROMPT_STAGES:
        return frozenset()
    keys = set()
    for answer in prompt_load(stage).example_answers():
        for raw in answer.splitlines():
            line, _ = _line_clean(raw)
            if stage == "intentions" and line:
                # Examples may give the bare reason ("They want ..."): compare them in the
                # form a parsed line takes, with the prefix.
                line = _intention_item(line, False)[0] or line
            if line:
                keys.add(text_key(_sentence_tidy(line)))
    return frozenset(keys)


class _PromptIndex:
    """The rendered prompt, indexed for verbatim copies."""

    def __init__(self, prompt_text: str):
        self.units: set[str] = set()
        self.words = ""
        if not prompt_text:
            return
        for line in prompt_text.splitlines():
            line = _markup_strip(line)
            bare = re.sub(r"^[A-Za-z ]{2,20}\d*\s*:\s*", "", line)  # "Review 2: ..."
            for unit in [line, bare, *re.split(r"(?<=[.!?])\s+", bare)]:
                key = text_key(_sentence_tidy(unit))
                if len(key.split()) >= 2:
                    self.units.add(key)
        self.words = f" {text_key(prompt_text)} "

    def echoes(self, item: str, stage: str) -> bool:
        if not self.units:
            return False
        key = text_key(item)
        if stage == "intentions":
            key = text_key(item[len(INTENTION_PREFIX) :])
            if len(key.split()) >= PROMPT_ECHO_MIN_WORDS and f" {key} " in self.words:
                return True
        return key in self.units
