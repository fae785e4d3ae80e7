"""Read and validate prediction files (reader and parser of the import chain, STYLE.md).

A submission is one file with a `task` column, or one file per task (the caller says which
task each file is for). Formats, told apart by the file name (`.csv`; `.jsonl`, `.ndjson`,
`.json`) or else by the first character (`{` means JSON Lines):

- CSV with the header `id,label[,score]` or `task,id,label[,score]` (column names in any
  order and any case);
- JSON Lines with the same keys, one object per line; the first object's keys play the role
  of the header and every later object must have the same keys.

Handled the documented way: a UTF-8 byte-order mark is dropped; CRLF (and CR) line ends are
accepted; ids and task names lose surrounding spaces and task names are matched in any case;
labels `1/0`, `true/false` and `yes/no` (any case, surrounding spaces; in JSON also the
numbers 0/1 and the booleans) mean 1/0; `score` is the probability of label 1, a number in
[0, 1]. Blank lines are skipped.

Every problem is reported at once: the first `max_problems` (50) as `FILE:line: field:
problem` (file-level problems have no line: `FILE: field: problem`), and counts per kind
(see KINDS). The validator never sees gold labels, so no message can reveal one.

Memory: the file is streamed (csv module / line by line through an incremental UTF-8 decoder);
what is kept is, per expected id, one int8 label, one float64 score when scores are given and
one int64 "first seen on line", plus the id -> position index.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

import numpy as np

DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
DEFAULT_MAX_PROBLEMS = 50
MISSING_EXAMPLES = 10

# Problem kinds, the keys of `counts`.
KINDS = {
    "encoding": "unreadable encoding (not UTF-8)",
    "header": "wrong or missing header",
    "columns": "rows with the wrong number of fields",
    "unknown_task": "unknown task",
    "unknown_id": "unknown ids",
    "duplicate_id": "duplicate ids",
    "missing_id": "missing ids",
    "label": "labels other than 0/1",
    "score": "scores that are not numbers in [0, 1]",
    "json": "broken JSON lines",
    "empty": "empty file",
    "size": "file over the size limit",
}

# The documented spellings; anything else is a label problem.
LABEL_VALUES = {"1": 1, "0": 0, "true": 1, "false": 0, "yes": 1, "no": 0}
_FIELDS = ("task", "id", "label", "score")
_JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
# Characters produced by errors="surrogateescape" for bytes that are not UTF-8.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
_SHOWN_CHARS = 40


def max_upload_bytes() -> int:
    """EVALUATION_MAX_UPLOAD_BYTES from the Django settings, or the default without Django."""
    try:
        from django.conf import settings

        return int(getattr(settings, "EVALUATION_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))
    except Exception:  # settings not configured: the scoring core also runs without Django
        return DEFAULT_MAX_UPLOAD_BYTES


@dataclass
class PredictionFile:
    """One uploaded file: `data` is bytes or a binary file object (e.g. a Django upload).

    `task` says which task the file is for when it has no task column.
    """

    name: str
    data: bytes | IO[bytes]
    task: str | None = None


@dataclass
class Problem:
    kind: str
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}"


@dataclass
class TaskPredictions:
    """A task's predictions aligned with `ids`: labels (int8 0/1) and scores or None."""

    task: str
    ids: Sequence[str]
    labels: np.ndarray
    scores: np.ndarray | None


@dataclass
class PredictionsResult:
    ok: bool
    # The first max_problems problems, as "FILE:line: field: problem".
    problems: list[str]
    # Number of problems per kind; for missing_id, the number of missing ids.
    counts: dict[str, int]
    # Per task: {"count": n, "examples": [up to 10 ids]} of expected ids with no prediction.
    missing: dict[str, dict]
    files: list[dict]
    # Only when ok: per task, the predictions aligned with the given id order.
    predictions: dict[str, TaskPredictions] = field(default_factory=dict)

    @property
    def problem_total(self) -> int:
        return sum(self.counts.values())

    def report_text(self) -> str:
        """The report shown to the author: the listed problems, then counts per kind."""
        if self.ok:
            return "No problems found."
        lines = list(self.problems)
        listed = len(self.problems)
        # Missing ids are one problem line per task but counted per id.
        problem_lines = sum(n for kind, n in self.counts.items() if kind != "missing_id") + len(
            self.missing
        )
        if problem_lines > listed:
            lines.append(f"... and {problem_lines - listed:,} more problems not listed.")
        lines.append("Problems by kind:")
        for kind, label in KINDS.items():
            if self.counts.get(kind):
                lines.append(f"  {label}: {self.counts[kind]:,}")
        return "\n".join(lines)

    def to_dict(self) -> dict:
        """JSON-safe report (without the predictions themselves)."""
        return {
            "ok": self.ok,
            "problems": self.problems,
            "counts": self.counts,
            "missing": self.missing,
            "files": self.files,
        }


class _TooLarge(Exception):
    pass


class _LimitedReader(io.RawIOBase):
    """Binary reader that stops once more than `limit` bytes came through.

    Used when a file object does not tell its size up front; also adapts objects that only
    have read() to what io.TextIOWrapper needs.
    """

    def __init__(self, raw: Any, limit: int | None):
        self._raw = raw
        self._limit = limit
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._raw.read(len(buffer))
        if not chunk:
            return 0
        self.count += len(chunk)
        if self._limit is not None and self.count > self._limit:
            raise _TooLarge()
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _known_size(data: bytes | IO[bytes]) -> int | None:
    if isinstance(data, bytes | bytearray | memoryview):
        return len(data)
    size = getattr(data, "size", None)
    if isinstance(size, int):
        return size
    try:
        if data.seekable():
            here = data.tell()
            end = data.seek(0, io.SEEK_END)
            data.seek(here)
            return end - here
    except (AttributeError, OSError, ValueError):
        pass
    return None


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 4] + "...'"


def _is_json_file(name: str, head: bytes) -> bool:
    lowered = name.lower()
    if lowered.endswith(_JSON_SUFFIXES):
        return True
    if lowered.endswith((".csv", ".txt", ".tsv")):
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


class _Collector:
    def __init__(self, max_problems: int):
        self.max_problems = max_problems
        self.problems: list[Problem] = []
        self.counts: Counter = Counter()

    def add(self, kind: str, file: str, line: int | None, field_name: str, message: str):
        self.counts[kind] += 1
        if len(self.problems) < self.max_problems:
            self.problems.append(Problem(kind, file, line, field_name, message))


class _TaskState:
    """Per task: id -> position, and what was read for each position."""

    def __init__(self, task: str, ids: Sequence[str]):
        self.task = task
        self.ids = ids
        self.index = {item_id: position for position, item_id in enumerate(ids)}
        n = len(ids)
        self.labels = array("b", bytes(n))
        self.first_line = array("q", bytes(8 * n))
        self.scores: array | None = None
        # Which files gave rows for this task, and whether each had scores.
        self.sources: dict[str, bool] = {}

    def scores_array(self) -> array:
        if self.scores is None:
            self.scores = array("d", bytes(8 * len(self.ids)))
        return self.scores


class _Reader:
    """Validates files one by one into the per-task states."""

    def __init__(self, states: dict[str, _TaskState], collector: _Collector):
        self.states = states
        self.collector = collector
        self.task_names = {task.lower(): task for task in states}
        self.task_list = ", ".join(sorted(states))
        # Set when a file could not be read at all; missing ids are then not reported for
        # its tasks, because they would only repeat the file-level problem.
        self.unreadable_tasks: set[str] = set()
        self.unreadable_all = False

    def unreadable(self, assigned: str | None) -> None:
        if assigned is None:
            self.unreadable_all = True
        else:
            self.unreadable_tasks.add(assigned)

    # -- one prediction --------------------------------------------------------------------

    def _task(self, value: Any, assigned: str | None) -> tuple[_TaskState | None, str | None]:
        text = value.strip().lower() if isinstance(value, str) else None
        task = self.task_names.get(text) if text is not None else None
        if task is None:
            return None, f"{_show(value)} is not a task of this release ({self.task_list})"
        if assigned is not None and task != assigned:
            return None, f"{_show(value)} in a file submitted for task {assigned}"
        return self.states[task], None

    def _row(
        self,
        line: int,
        state: _TaskState | None,
        item_id: Any,
        label: Any,
        score: Any,
        has_score: bool,
    ) -> list[tuple[str, str, str]] | None:
        """Check one prediction's id, label and score; store it when all are good.

        Returns the problems found as (kind, field, message), or None. A seen id is marked
        even when its label or score is bad, so that it is reported once (as a bad label),
        not again as missing, and a second row for it is a duplicate.
        """
        found = None
        position = None
        if state is not None:
            key = item_id.strip() if isinstance(item_id, str) else item_id
            if isinstance(key, int) and not isinstance(key, bool):
                key = str(key)  # JSON ids written as numbers
            position = state.index.get(key) if isinstance(key, str) else None
            if position is None:
                message = (
                    f"empty id for {state.task}"
                    if key == ""
                    else f"{_show(item_id)} is not a test id of {state.task}"
                )
                found = [("unknown_id", "id", message)]
            else:
                first = state.first_line[position]
                if first:
                    message = (
                        f"{_show(key)} for {state.task} is given twice (first on line {first})"
                    )
                    found = [("duplicate_id", "id", message)]
                    position = None
                else:
                    state.first_line[position] = line
        value = _label(label)
        if value is None:
            message = f"{_show(label)} is not a label; use 0/1, true/false or yes/no"
            found = (found or []) + [("label", "label", message)]
        number = None
        if has_score:
            number = _score(score)
            if number is None:
                message = f"{_show(score)} is not a number in [0, 1]"
                found = (found or []) + [("score", "score", message)]
        if found is None and position is not None:
            state.labels[position] = value + 1  # 0 means "no valid prediction"
            if has_score:
                state.scores_array()[position] = number
        return found

    def _report(
        self, name: str, line: int, found: list[tuple[str, str, str]], raw: Iterable[str]
    ) -> None:
        """Report a row's problems; bytes that are not UTF-8 explain them all at once."""
        if any(_NOT_UTF8.search(text) for text in raw):
            self.collector.add("encoding", name, line, "row", "not UTF-8; save the file as UTF-8")
            return
        for kind, field_name, message in found:
            self.collector.add(kind, name, line, field_name, message)

    def _assign_default(self, name: str, line: int) -> str | None:
        """The task of a file with no task column and no task given: the only task, if one."""
        if len(self.states) == 1:
            return next(iter(self.states))
        self.collector.add(
            "header",
            name,
            line,
            "header",
            f"no task column: add one, or submit the file for one task ({self.task_list})",
        )
        self.unreadable_all = True
        return None

    # -- CSV -------------------------------------------------------------------------------

    def read_csv(self, name: str, text: IO[str], assigned: str | None) -> int:
        add = self.collector.add
        reader = csv.reader(text)
        header = None
        try:
            for header in reader:
                if header:  # leading blank lines are skipped
                    break
        except csv.Error as error:
            add("header", name, reader.line_num, "header", f"unreadable CSV ({error})")
            self.unreadable(assigned)
            return 0
        if not header:
            add("empty", name, None, "file", "the file is empty")
            self.unreadable(assigned)
            return 0
        header_line = reader.line_num
        if any(_NOT_UTF8.search(cell) for cell in header):
            add("encoding", name, header_line, "header", "not UTF-8; save the file as UTF-8")
            self.unreadable(assigned)
            return 0
        columns = self._columns(name, header_line, [cell.strip().lower() for cell in header])
        if columns is None:
            self.unreadable(assigned)
            return 0
        task_col = columns.get("task")
        if task_col is None and assigned is None:
            assigned = self._assign_default(name, header_line)
            if assigned is None:
                return 0
        id_col, label_col = columns["id"], columns["label"]
        score_col = columns.get("score")
        has_score = score_col is not None
        width = len(header)
        fixed_state = self.states[assigned] if task_col is None else None
        if fixed_state is not None:
            fixed_state.sources.setdefault(name, has_score)
        # The loop below is the hot path (a million rows per task): a row that is fine is
        # stored with a few dict lookups; anything else goes to _csv_row_checked, which
        # redoes the row field by field and reports every problem.
        task_states: dict[str, _TaskState | None] = {}
        labels_of = LABEL_VALUES.get
        rows = 0
        end = header_line
        while True:
            try:
                for row in reader:
                    # A quoted field may span lines: a row is reported where it starts.
                    line, end = end + 1, reader.line_num
                    rows += 1
                    if len(row) == width:
                        if fixed_state is not None:
                            state = fixed_state
                        else:
                            value = row[task_col]
                            if value in task_states:
                                state = task_states[value]
                            else:
                                state, _ = self._task(value, assigned)
                                task_states[value] = state
                                if state is not None:
                                    state.sources.setdefault(name, has_score)
                        if state is not None:
                            position = state.index.get(row[id_col])
                            label = labels_of(row[label_col])
                            if (
                                position is not None
                                and label is not None
                                and not state.first_line[position]
                            ):
                                if not has_score:
                                    state.first_line[position] = line
                                    state.labels[position] = label + 1
                                    continue
                                text = row[score_col]
                                try:
                                    number = float(text)
                                except ValueError:
                                    number = -1.0
                                # NaN and infinities fail the range test too.
                                if 0.0 <= number <= 1.0 and "_" not in text:
                                    state.first_line[position] = line
                                    state.labels[position] = label + 1
                                    state.scores_array()[position] = number
                                    continue
                    if not row:
                        rows -= 1  # blank line
                        continue
                    self._csv_row_checked(
                        name, line, row, width, task_col, id_col, label_col, score_col, assigned
                    )
                break
            except csv.Error as error:
                # The reader goes on with the next line after an error.
                line, end = end + 1, reader.line_num
                rows += 1
                add("columns", name, line, "row", f"unreadable CSV row ({error})")
        if rows == 0:
            add("empty", name, None, "file", "the file has a header but no predictions")
        return rows

    def _csv_row_checked(
        self,
        name: str,
        line: int,
        row: list[str],
        width: int,
        task_col: int | None,
        id_col: int,
        label_col: int,
        score_col: int | None,
        assigned: str | None,
    ) -> None:
        if len(row) != width:
            message = f"{len(row)} fields, the header has {width}"
            self._report(name, line, [("columns", "row", message)], row)
            return
        has_score = score_col is not None
        task_problem = None
        state = self.states[assigned] if task_col is None else None
        if task_col is not None:
            state, task_problem = self._task(row[task_col], assigned)
            if state is not None:
                state.sources.setdefault(name, has_score)
        found = self._row(
            line,
            state,
            row[id_col],
            row[label_col],
            row[score_col] if has_score else None,
            has_score,
        )
        if task_problem is not None:
            found = [("unknown_task", "task", task_problem)] + (found or [])
        if found:
            self._report(name, line, found, row)

    def _columns(self, name: str, line: int, header: list[str]) -> dict[str, int] | None:
        expected = "id,label[,score] or task,id,label[,score]"
        unknown = [cell for cell in header if cell not in _FIELDS]
        repeated = sorted({cell for cell in header if header.count(cell) > 1})
        missing = [cell for cell in ("id", "label") if cell not in header]
        if not (unknown or repeated or missing):
            return {cell: position for position, cell in enumerate(header)}
        found = _show(",".join(header))
        if not set(header) & set(_FIELDS):
            message = f"missing header: expected {expected} as the first line, found {found}"
        else:
            details = []
            if missing:
                details.append(f"no {' or '.join(missing)} column")
            if unknown:
                details.append(f"unknown column {_show(unknown[0])}")
            if repeated:
                details.append(f"repeated column {', '.join(repeated)}")
            message = f"expected {expected}, found {found} ({'; '.join(details)})"
        self.collector.add("header", name, line, "header", message)
        return None

    # -- JSON Lines ------------------------------------------------------------------------

    def read_jsonl(self, name: str, text: IO[str], assigned: str | None) -> int:
        add = self.collector.add
        keys: frozenset | None = None
        has_score = False
        fixed_state = None
        rows = 0
        for line, raw in enumerate(text, start=1):
            if not raw.strip():
                continue
            rows += 1
            if _NOT_UTF8.search(raw):
                add("encoding", name, line, "line", "not UTF-8; save the file as UTF-8")
                continue
            try:
                record = json.loads(raw.rstrip("\r\n"))  # columns stay on this line
            except json.JSONDecodeError as error:
                message = f"not valid JSON ({error.msg} at column {error.colno})"
                add("json", name, line, "line", message)
                continue
            if not isinstance(record, dict):
                add("json", name, line, "line", 'not a JSON object like {"id": ..., "label": 1}')
                continue
            record_keys = frozenset(record)
            if keys is None:
                # The first object with usable keys is this file's header.
                if not self._json_keys(name, line, record_keys):
                    continue
                keys = record_keys
                has_score = "score" in keys
                if "task" not in keys:
                    if assigned is None:
                        assigned = self._assign_default(name, line)
                        if assigned is None:
                            return rows
                    fixed_state = self.states[assigned]
                    fixed_state.sources.setdefault(name, has_score)
            elif record_keys != keys:
                message = f"keys {_keys(record_keys)} differ from the first record's {_keys(keys)}"
                add("header", name, line, "keys", message)
                continue
            state = fixed_state
            task_problem = None
            if fixed_state is None:
                state, task_problem = self._task(record["task"], assigned)
                if state is not None:
                    state.sources.setdefault(name, has_score)
            found = self._row(
                line, state, record["id"], record["label"], record.get("score"), has_score
            )
            if task_problem is not None:
                found = [("unknown_task", "task", task_problem)] + (found or [])
            if found:
                self._report(name, line, found, ())
        if rows == 0:
            add("empty", name, None, "file", "the file is empty")
            self.unreadable(assigned)
        elif keys is None:
            self.unreadable(assigned)
        return rows

    def _json_keys(self, name: str, line: int, keys: frozenset) -> bool:
        unknown = sorted(keys - set(_FIELDS))
        missing = [key for key in ("id", "label") if key not in keys]
        if not unknown and not missing:
            return True
        details = []
        if missing:
            details.append(f"no {' or '.join(missing)}")
        if unknown:
            details.append(f"unknown key {_show(unknown[0])}")
        message = (
            f"expected keys id, label[, score][, task], found {_keys(keys)} ({'; '.join(details)})"
        )
        self.collector.add("header", name, line, "keys", message)
        return False


def _keys(keys: Iterable[str]) -> str:
    return ", ".join(sorted(keys)) or "none"


def _label(value: Any) -> int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value if value in (0, 1) else None
    if isinstance(value, str):
        label = LABEL_VALUES.get(value)
        if label is None:
            label = LABEL_VALUES.get(value.strip().lower())
        return label
    return None


def _score(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if "_" in value:  # float() accepts "0_5"; a person never means that
            return None
        try:
            value = float(value)
        except ValueError:
            return None
    elif isinstance(value, int | float):
        value = float(value)
    else:
        return None
    if not math.isfinite(value) or value < 0.0 or value > 1.0:
        return None
    return value


def _states(
    expected_ids: Mapping[str, Iterable[str]], id_order: Mapping[str, Sequence[str]] | None
) -> dict[str, _TaskState]:
    states = {}
    for task, ids in expected_ids.items():
        if id_order is not None and task in id_order:
            order = id_order[task]
        elif isinstance(ids, list | tuple):
            order = ids
        else:
            order = sorted(ids)
        states[task] = _TaskState(task, order)
    return states


def _open_buffer(data: bytes | IO[bytes], limit: int | None) -> tuple[bytes, io.BufferedReader]:
    raw = io.BytesIO(data) if isinstance(data, bytes | bytearray | memoryview) else data
    # Our own raw reader in between: closing the text wrapper must not close the caller's
    # file, and a stream of unknown size is cut off at the limit.
    buffered = io.BufferedReader(_LimitedReader(raw, limit), buffer_size=1 << 16)
    return buffered.peek(4096)[:4096], buffered


def predictions_read(
    files: Sequence[PredictionFile],
    expected_ids: Mapping[str, Iterable[str]],
    *,
    id_order: Mapping[str, Sequence[str]] | None = None,
    max_bytes: int | None = None,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
    require_all_tasks: bool = True,
) -> PredictionsResult:
    """Validate a submission's files against the expected ids of each task.

    `expected_ids[task]` is the task's test ids: a set (predictions come back in sorted id
    order), or a list/tuple whose order the predictions follow; `id_order[task]` overrides
    the order. `max_bytes` defaults to the EVALUATION_MAX_UPLOAD_BYTES setting (50 MB) and
    applies to each file, checked before reading when the size is known. With
    `require_all_tasks` off, a task that no file mentions is left out instead of having all
    its ids missing.
    """
    limit = max_upload_bytes() if max_bytes is None else max_bytes
    states = _states(expected_ids, id_order)
    collector = _Collector(max_problems)
    reader = _Reader(states, collector)
    described = []
    for upload in files:
        assigned = None
        if upload.task is not None:
            assigned = reader.task_names.get(str(upload.task).strip().lower())
            if assigned is None:
                collector.add(
                    "unknown_task",
                    upload.name,
                    None,
                    "task",
                    f"{_show(upload.task)} is not a task of this release ({reader.task_list})",
                )
                described.append({"name": upload.name, "format": None, "rows": 0, "task": None})
                continue
        info = {"name": upload.name, "format": None, "rows": 0, "task": assigned}
        described.append(info)
        size = _known_size(upload.data)
        if size is not None and size > limit:
            collector.add(
                "size",
                upload.name,
                None,
                "file",
                f"{size:,} bytes is over the limit of {limit:,} bytes",
            )
            reader.unreadable(assigned)
            continue
        try:
            head, buffered = _open_buffer(upload.data, None if size is not None else limit)
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                collector.add(
                    "encoding", upload.name, None, "file", "the file is UTF-16; save it as UTF-8"
                )
                reader.unreadable(assigned)
                continue
            is_json = _is_json_file(upload.name, head)
            info["format"] = "jsonl" if is_json else "csv"
            # Bytes that are not UTF-8 become lone surrogates (surrogateescape), found and
            # reported per line instead of stopping the whole file at the first one. csv wants
            # the line ends untouched (newline="") to handle CRLF inside quoted fields.
            text = io.TextIOWrapper(
                buffered,
                encoding="utf-8-sig",
                errors="surrogateescape",
                newline=None if is_json else "",
            )
            read = reader.read_jsonl if is_json else reader.read_csv
            info["rows"] = read(upload.name, text, assigned)
        except _TooLarge:
            collector.add(
                "size", upload.name, None, "file", f"the file is over the limit of {limit:,} bytes"
            )
            reader.unreadable(assigned)

    missing = _missing_report(states, reader, collector, require_all_tasks)
    _mixed_scores_report(states, collector)
    ok = not collector.counts
    predictions = {}
    if ok:
        for task, state in states.items():
            if not state.sources:
                continue  # left out (require_all_tasks off)
            labels = np.frombuffer(state.labels, dtype=np.int8) - np.int8(1)
            scores = None
            if state.scores is not None and all(state.sources.values()):
                scores = np.frombuffer(state.scores, dtype=np.float64)
            predictions[task] = TaskPredictions(task, state.ids, labels, scores)
    return PredictionsResult(
        ok=ok,
        problems=[str(problem) for problem in collector.problems],
        counts=dict(collector.counts),
        missing=missing,
        files=described,
        predictions=predictions,
    )


def prediction_file_read(
    data: bytes | IO[bytes],
    name: str,
    expected_ids: Mapping[str, Iterable[str]],
    *,
    task: str | None = None,
    **options: Any,
) -> PredictionsResult:
    """One file: with a task column, or for `task`. Options as for predictions_read."""
    return predictions_read([PredictionFile(name, data, task)], expected_ids, **options)


def _missing_report(
    states: dict[str, _TaskState],
    reader: _Reader,
    collector: _Collector,
    require_all_tasks: bool,
) -> dict[str, dict]:
    missing = {}
    if reader.unreadable_all:
        return missing
    for task, state in states.items():
        if task in reader.unreadable_tasks or (not state.sources and not require_all_tasks):
            continue
        first_line = np.frombuffer(state.first_line, dtype=np.int64)
        positions = np.flatnonzero(first_line == 0)
        if positions.size == 0:
            continue
        examples = [state.ids[int(i)] for i in positions[:MISSING_EXAMPLES]]
        count, total = int(positions.size), len(state.ids)
        missing[task] = {"count": count, "examples": examples}
        if state.sources:
            where = ", ".join(state.sources)
            message = f"{count:,} of {total:,} ids of {task} have no prediction"
        else:
            where = "submission"
            message = f"no predictions for {task} ({total:,} ids expected)"
        shown = ", ".join(_show(item_id) for item_id in examples)
        more = ", ..." if count > len(examples) else ""
        collector.add("missing_id", where, None, "id", f"{message}, e.g. {shown}{more}")
        collector.counts["missing_id"] += count - 1
    return missing


def _mixed_scores_report(states: dict[str, _TaskState], collector: _Collector) -> None:
    for task, state in states.items():
        with_scores = [name for name, has in state.sources.items() if has]
        if with_scores and len(with_scores) != len(state.sources):
            without = [name for name, has in state.sources.items() if not has]
            collector.add(
                "header",
                without[0],
                None,
                "score",
                f"{task} has scores in {', '.join(with_scores)} but not here: give scores "
                "for all of a task's predictions or for none",
            )


__all__ = [
    "DEFAULT_MAX_UPLOAD_BYTES",
    "KINDS",
    "LABEL_VALUES",
    "PredictionFile",
    "PredictionsResult",
    "Problem",
    "TaskPredictions",
    "max_upload_bytes",
    "prediction_file_read",
    "predictions_read",
]
