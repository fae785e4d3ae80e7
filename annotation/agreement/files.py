"""Crowd-label files (CSV: item, annotator, label[, seconds, task, category]) and gold files,
read with file:line:field errors."""

from __future__ import annotations

import csv
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from annotation.agreement.votes import Judgement

# --- crowd-label files -----------------------------------------------------------------------


@dataclass(frozen=True)
class LabelFileProblem:
    path: str
    line: int
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.problem}"


@dataclass
class LabelFile:
    judgements: list[Judgement]
    item_attributes: dict[str, dict[str, str]]
    problems: list[LabelFileProblem]


REQUIRED_COLUMNS = ("item", "annotator", "label")
OPTIONAL_COLUMNS = ("seconds", "task", "category")


def _csv_rows(path: Path, name: str, required: Sequence[str], problems: list):
    """Yield (line, row dict) of a CSV file with a header; header problems go to ``problems``."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")  # noqa: SIM115 - closed below
    except OSError as error:
        problems.append(LabelFileProblem(name, 0, "(file)", f"cannot be read ({error.strerror})"))
        return
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
            if header is None:
                problems.append(
                    LabelFileProblem(
                        name, 1, "(header)", f"the file is empty; expected {', '.join(required)}"
                    )
                )
                return
            columns = [c.strip().lower() for c in header]
            missing = [c for c in required if c not in columns]
            if missing:
                problems.append(
                    LabelFileProblem(
                        name,
                        1,
                        "(header)",
                        f"missing column {', '.join(missing)} (found: {', '.join(columns)})",
                    )
                )
                return
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(columns):
                    problems.append(
                        LabelFileProblem(
                            name,
                            reader.line_num,
                            "(line)",
                            f"{len(row)} fields, the header has {len(columns)}",
                        )
                    )
                    continue
                yield reader.line_num, dict(zip(columns, (c.strip() for c in row), strict=True))
        except UnicodeDecodeError:
            problems.append(LabelFileProblem(name, reader.line_num + 1, "(file)", "not UTF-8 text"))
        except csv.Error as error:
            problems.append(LabelFileProblem(name, reader.line_num, "(line)", str(error)))


def _label_value(text: str) -> int | None:
    return {"0": 0, "1": 1}.get(text)


def label_file_read(path, display_name: str | None = None) -> LabelFile:
    """Read a crowd-labels CSV: header with item, annotator, label [, seconds, task, category].

    Every bad row is reported as ``file:line: field: problem``; the caller decides whether to
    go on (the command does not: a statistic over a silently shortened file misleads).
    """
    path = Path(path)
    name = display_name or path.name
    problems: list[LabelFileProblem] = []
    judgements: list[Judgement] = []
    attributes: dict[str, dict[str, str]] = {}
    attribute_lines: dict[tuple[str, str], int] = {}
    seen: dict[tuple[str, str], int] = {}
    for line, row in _csv_rows(path, name, REQUIRED_COLUMNS, problems):
        before = len(problems)

        def bad(column, problem, line=line):
            problems.append(LabelFileProblem(name, line, column, problem))

        item, annotator, label_text = row["item"], row["annotator"], row["label"]
        if not item:
            bad("item", "empty")
        if not annotator:
            bad("annotator", "empty")
        label = _label_value(label_text)
        if label is None:
            bad("label", f"{label_text!r} is not 0 or 1")
        seconds = None
        if row.get("seconds"):
            try:
                seconds = float(row["seconds"])
            except ValueError:
                seconds = math.nan
            if not math.isfinite(seconds) or seconds < 0:
                bad("seconds", f"{row['seconds']!r} is not a number of seconds >= 0")
        if item and annotator:
            first = seen.get((item, annotator))
            if first is not None:
                bad("annotator", f"{annotator!r} already labelled item {item!r} on line {first}")
            else:
                seen[(item, annotator)] = line
        for column in ("task", "category"):
            value = row.get(column)
            if item and value:
                known = attributes.setdefault(item, {}).get(column)
                if known is None:
                    attributes[item][column] = value
                    attribute_lines[(item, column)] = line
                elif known != value:
                    bad(
                        column,
                        f"item {item!r} has {column} {known!r} on line "
                        f"{attribute_lines[(item, column)]}, here {value!r}",
                    )
        if len(problems) == before:
            judgements.append(Judgement(item, annotator, label, seconds))
    return LabelFile(judgements=judgements, item_attributes=attributes, problems=problems)


def gold_file_read(path, display_name: str | None = None):
    """Control-item answers from a CSV with columns item, label: ``({item: label}, problems)``."""
    path = Path(path)
    name = display_name or path.name
    problems: list[LabelFileProblem] = []
    gold: dict[str, int] = {}
    lines: dict[str, int] = {}
    for line, row in _csv_rows(path, name, ("item", "label"), problems):
        label = _label_value(row["label"])
        if not row["item"]:
            problems.append(LabelFileProblem(name, line, "item", "empty"))
        elif label is None:
            problems.append(
                LabelFileProblem(name, line, "label", f"{row['label']!r} is not 0 or 1")
            )
        elif row["item"] in gold and gold[row["item"]] != label:
            problems.append(
                LabelFileProblem(
                    name,
                    line,
                    "label",
                    f"item {row['item']!r} has another answer on line {lines[row['item']]}",
                )
            )
        else:
            gold[row["item"]] = label
            lines.setdefault(row["item"], line)
    return gold, problems
