"""CSV imports into campaigns: control answers (``item,label``) and judgements collected on
another crowd platform (``item,annotator,label[,seconds]``).

The chain follows pipeline/catalog/: a reader turns bytes into numbered records, a parser
turns records into validated rows or ``RowProblem``s (file, line, field), a writer stores
rows. An import of judgements is all or nothing: any problem and nothing is written, because
a half-imported file leaves items with some of their votes and nobody knows which.
"""

from __future__ import annotations

import csv
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone

from accounts.errors import ApplicationError
from annotation.models import Assignment, Campaign, CampaignItem

MAX_ANNOTATOR_LENGTH = 200  # Assignment.external_annotator
MAX_SECONDS = 86_400  # as judgement_submit: a day on one item is a broken timer, not a reading
JUDGEMENT_COLUMNS = ("item", "annotator", "label")
CONTROL_COLUMNS = ("item", "label")
_LABELS = {"0": 0, "1": 1, "false": 0, "true": 1, "no": 0, "yes": 1}


@dataclass(frozen=True)
class RowProblem:
    file: str
    line: int
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.problem}"


class ImportRefused(ApplicationError):
    """The file has problems; nothing was written. ``problems`` lists every one."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = sorted(problems, key=lambda p: (p.line, p.field))
        super().__init__(
            f"{len(self.problems)} problem(s) in the file; nothing was imported",
            extra={"problems": [str(p) for p in self.problems]},
        )


# --- reader -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    line: int
    fields: dict[str, str]


def csv_records(
    stream: BinaryIO, name: str, *, required: Iterable[str], optional: Iterable[str] = ()
) -> Iterator[Record | RowProblem]:
    """Numbered records of a CSV with a header, streamed; header and line problems are yielded
    in their place. Columns are matched without case; unknown columns are an error (a typo in
    ``seconds`` would otherwise silently drop every time)."""
    required, optional = tuple(required), tuple(optional)
    reader = csv.reader(_lines_decoded(stream))
    try:
        header = next(reader, None)
        if header is None:
            yield RowProblem(name, 1, "(header)", f"the file is empty; expected {_cols(required)}")
            return
        columns = [c.strip().lower() for c in header]
        missing = [c for c in required if c not in columns]
        unknown = [c for c in columns if c not in required + optional]
        duplicated = sorted(c for c, n in Counter(columns).items() if n > 1)
        if missing or unknown or duplicated:
            parts = []
            if missing:
                parts.append(f"missing column {', '.join(missing)}")
            if unknown:
                parts.append(f"unknown column {', '.join(repr(c) for c in unknown)}")
            if duplicated:
                parts.append(f"column {', '.join(duplicated)} appears twice")
            expected = _cols(required) + (f" [, {_cols(optional)}]" if optional else "")
            yield RowProblem(name, 1, "(header)", "; ".join(parts) + f" (expected {expected})")
            return
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                yield RowProblem(
                    name,
                    reader.line_num,
                    "(line)",
                    f"{len(row)} fields, the header has {len(columns)}",
                )
                continue
            yield Record(reader.line_num, dict(zip(columns, (c.strip() for c in row), strict=True)))
    except UnicodeDecodeError:
        yield RowProblem(name, reader.line_num + 1, "(file)", "not UTF-8 text")
    except csv.Error as error:
        yield RowProblem(name, reader.line_num, "(line)", str(error))


def _lines_decoded(stream: BinaryIO) -> Iterator[str]:
    """Decode line by line, so a bad byte is reported on its own line, not the header's."""
    for number, raw in enumerate(stream):
        text = raw.decode("utf-8")
        yield text.removeprefix("\ufeff") if number == 0 else text


def _cols(columns: Iterable[str]) -> str:
    return ", ".join(columns)


# --- parsers ----------------------------------------------------------------------------------


def label_parse(text: str) -> int | None:
    """0/1, also true/false and yes/no in any case; None for anything else."""
    return _LABELS.get(text.strip().lower())


def control_answers_parse(
    records: Iterable[Record | RowProblem], *, name: str, known_items: set[str]
) -> tuple[dict[str, int], list[RowProblem]]:
    """Control answers ``{item uid: label}`` from ``item,label`` records, checked against the
    item set the campaign is built on."""
    answers: dict[str, int] = {}
    lines: dict[str, int] = {}
    problems: list[RowProblem] = []
    for record in records:
        if isinstance(record, RowProblem):
            problems.append(record)
            continue
        item, label_text = record.fields["item"], record.fields["label"]
        label = label_parse(label_text)
        if not item:
            problems.append(RowProblem(name, record.line, "item", "empty"))
        elif item not in known_items:
            problems.append(
                RowProblem(name, record.line, "item", f"{item!r} is not an item of this item set")
            )
        elif label is None:
            problems.append(RowProblem(name, record.line, "label", f"{label_text!r} is not 0 or 1"))
        elif item in answers:
            problems.append(
                RowProblem(
                    name,
                    record.line,
                    "item",
                    f"{item!r} already has an answer on line {lines[item]}",
                )
            )
        else:
            answers[item] = label
            lines[item] = record.line
    if not answers and not problems:
        problems.append(RowProblem(name, 1, "(file)", "no control answers in the file"))
    return answers, problems


def control_answers_read(
    stream: BinaryIO, name: str, *, known_items: set[str]
) -> tuple[dict[str, int], list[RowProblem]]:
    return control_answers_parse(
        csv_records(stream, name, required=CONTROL_COLUMNS), name=name, known_items=known_items
    )


@dataclass(frozen=True)
class CampaignItemRef:
    """What the judgement parser needs to know of a campaign's item."""

    id: int
    is_control: bool


@dataclass(frozen=True)
class JudgementRow:
    line: int
    item_id: int
    uid: str
    annotator: str
    label: int
    seconds: float | None


def judgement_rows_parse(
    records: Iterable[Record | RowProblem], *, name: str, items: Mapping[str, CampaignItemRef]
) -> Iterator[JudgementRow | RowProblem]:
    """Validated judgement rows, or the problems of each bad row (every bad field of it).
    Checks that need the database's current state (already judged, room left) are the
    writer's, which sees that state under lock."""
    seen: dict[tuple[str, str], int] = {}
    for record in records:
        if isinstance(record, RowProblem):
            yield record
        else:
            yield from _judgement_record_parse(record, name=name, items=items, seen=seen)


def _judgement_record_parse(
    record: Record, *, name: str, items: Mapping[str, CampaignItemRef], seen: dict
) -> list[JudgementRow | RowProblem]:
    line, fields = record.line, record.fields
    problems: list[JudgementRow | RowProblem] = []

    def bad(column: str, problem: str) -> None:
        problems.append(RowProblem(name, line, column, problem))

    uid, annotator = fields["item"], fields["annotator"]
    ref = items.get(uid)
    if not uid:
        bad("item", "empty")
    elif ref is None:
        bad("item", f"{uid!r} is not an item of this campaign")
    elif ref.is_control:
        bad(
            "item",
            f"{uid!r} is a control item of this campaign; imported judgements go to real "
            "items only",
        )
    if not annotator:
        bad("annotator", "empty")
    elif len(annotator) > MAX_ANNOTATOR_LENGTH:
        bad("annotator", f"longer than {MAX_ANNOTATOR_LENGTH} characters")
    label = label_parse(fields["label"])
    if label is None:
        bad("label", f"{fields['label']!r} is not 0 or 1 (or true/false, yes/no)")
    seconds = None
    if fields.get("seconds"):
        try:
            seconds = float(fields["seconds"])
        except ValueError:
            seconds = math.nan
        if not math.isfinite(seconds) or not 0 <= seconds <= MAX_SECONDS:
            bad("seconds", f"{fields['seconds']!r} is not a number of seconds in 0..86400")
    if uid and annotator:
        first = seen.get((uid, annotator))
        if first is not None:
            bad("annotator", f"{annotator!r} already labelled item {uid!r} on line {first}")
        else:
            seen[(uid, annotator)] = line
    return problems or [JudgementRow(line, ref.id, uid, annotator, label, seconds)]


# --- writer -----------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    file: str
    judgements: int = 0
    items: int = 0
    annotators: int = 0
    items_completed: int = 0
    items_extended: int = 0  # dynamic overlap: first votes disagreed, the item now asks for k
    by_label: dict[int, int] = field(default_factory=dict)


def judgements_write(campaign: Campaign, rows: list[JudgementRow], *, name: str) -> ImportSummary:
    """Store the rows as submitted assignments and move the items' counters with them.

    Runs inside the caller's transaction. The items are locked first (in id order, so two
    imports cannot deadlock): live annotators skip locked items when they ask for work and
    wait for them when they submit, so ``taken`` read here stays true until commit. Raises
    ImportRefused, changing nothing, when a row's annotator already judged the item in the
    campaign or an item would get more votes than it asks for."""
    item_ids = sorted({row.item_id for row in rows})
    locked = {
        ci.pk: ci
        for ci in CampaignItem.objects.select_for_update().filter(pk__in=item_ids).order_by("pk")
    }
    annotators = {row.annotator for row in rows}
    already = set(
        Assignment.objects.filter(
            campaign=campaign, item_id__in=item_ids, external_annotator__in=annotators
        ).values_list("item_id", "external_annotator")
    )
    problems = []
    added: Counter = Counter()
    for row in rows:
        item = locked[row.item_id]
        if (row.item_id, row.annotator) in already:
            problems.append(
                RowProblem(
                    name,
                    row.line,
                    "annotator",
                    f"{row.annotator!r} already has a judgement of item {row.uid!r} in this "
                    "campaign",
                )
            )
            continue
        added[row.item_id] += 1
        if item.taken + added[row.item_id] > item.votes_target:
            problems.append(
                RowProblem(
                    name,
                    row.line,
                    "item",
                    f"{row.uid!r} would get more than the {item.votes_target} votes it asks "
                    f"for ({item.judged} judged and {item.taken - item.judged} reserved in "
                    f"the campaign, {added[row.item_id]} in the file up to this line)",
                )
            )
    if problems:
        raise ImportRefused(problems)
    now = timezone.now()
    Assignment.objects.bulk_create(
        [
            Assignment(
                campaign=campaign,
                item_id=row.item_id,
                external_annotator=row.annotator,
                status=Assignment.Status.SUBMITTED,
                label=row.label,
                seconds=row.seconds,
                too_fast=row.seconds is not None and row.seconds < campaign.min_seconds,
                # The platform showed its own instructions, not a version of ours.
                guideline_version=None,
                submitted_at=now,
            )
            for row in rows
        ],
        batch_size=2000,
    )
    summary = ImportSummary(
        file=name,
        judgements=len(rows),
        items=len(added),
        annotators=len(annotators),
        by_label=dict(Counter(row.label for row in rows)),
    )
    labels = _item_labels(campaign, item_ids) if campaign.initial_votes else {}
    for item_id, n in added.items():
        item = locked[item_id]
        item.taken += n
        item.judged += n
        if (
            campaign.initial_votes
            and item.judged == item.votes_target < campaign.votes_per_item
            and len(labels[item_id]) > 1
        ):
            # Dynamic overlap, as judgement_submit: disagreeing first votes ask for more.
            item.votes_target = campaign.votes_per_item
            summary.items_extended += 1
        item.full = item.taken >= item.votes_target
        summary.items_completed += int(item.judged >= item.votes_target)
    CampaignItem.objects.bulk_update(
        [locked[i] for i in added], ["taken", "judged", "full", "votes_target"], batch_size=2000
    )
    return summary


def _item_labels(campaign: Campaign, item_ids: list[int]) -> dict[int, set[int]]:
    labels: dict[int, set[int]] = defaultdict(set)
    for item_id, label in Assignment.objects.filter(
        campaign=campaign, item_id__in=item_ids, status=Assignment.Status.SUBMITTED
    ).values_list("item_id", "label"):
        labels[item_id].add(label)
    return labels


def judgements_import(campaign: Campaign, stream: BinaryIO, *, name: str) -> ImportSummary:
    """Import a crowd platform's judgements into ``campaign``, all or nothing."""
    items = {
        uid: CampaignItemRef(pk, is_control)
        for pk, uid, is_control in campaign.items.values_list("id", "item__uid", "is_control")
    }
    rows: list[JudgementRow] = []
    problems: list[RowProblem] = []
    for parsed in judgement_rows_parse(
        csv_records(stream, name, required=JUDGEMENT_COLUMNS, optional=("seconds",)),
        name=name,
        items=items,
    ):
        (problems if isinstance(parsed, RowProblem) else rows).append(parsed)
    if not rows and not problems:
        problems.append(RowProblem(name, 1, "(file)", "no judgements in the file"))
    with transaction.atomic():
        try:
            summary = judgements_write(campaign, rows, name=name) if rows else None
        except ImportRefused as refused:
            problems += refused.problems
        if problems:
            # Raising inside the block rolls back whatever the writer did.
            raise ImportRefused(problems)
    return summary
