"""A release's rows as its export files hold them, rendered once when the release is built.

A release never changes once published (migration 0003's triggers), so the text of its
files can be decided when it is made: each table (a task and split) gets its input columns,
decided from every row's inputs, and its rows rendered, a block at a time, as CSV and JSON
Lines text and as Arrow rows (``ReleaseTable`` and ``ReleaseBlock``). An export then only
writes those blocks into the files, the Arrow rows as Parquet row groups (exports.py): no row
is rendered twice, and nothing is rendered or parsed at export time.

The text is the same whichever database holds the release:

- CSV as pyarrow's CSV writer writes it: a quoted header, every string quoted (quotes
  doubled; newlines stay inside the quotes), NULL as an empty field, ``true``/``false``,
  numbers as Python writes them (``repr``: the shortest text that reads back the same
  float).
- JSON Lines: one object per row, its keys in the columns' order; lists and objects among
  the inputs (``json`` columns) embedded as compact JSON with their keys sorted, the same
  text the CSV and Parquet files hold as a string; NaN and infinities as ``null``.
- Arrow: the CSV text read by pyarrow with the table's schema (so Parquet holds exactly what
  the CSV says), kept as an Arrow IPC stream: an export writes it to Parquet as it is.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

import orjson
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.ipc as pa_ipc

HEAD_COLUMNS = ("id", "task", "split", "category")
# The label and everything derived from it: never in a public test file.
LABEL_COLUMNS = ("label", "votes", "positive_votes", "ds_posterior", "adjudicated")
PRIVATE_COLUMNS = ("id", "task", "test_part", *LABEL_COLUMNS)
# Input columns in reading order; any other key follows, alphabetically.
INPUT_ORDER = ("objective", "category", "steps", "step_order", "step", "product")
# Rows per block: one block is one Parquet row group and about 1-2 MB of text per format.
BLOCK_ROWS = 1_000
INT64 = range(-(2**63), 2**63)
ARROW_TYPES = {
    "string": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "json": pa.string(),
}
LABEL_TYPES = {
    "label": pa.int8(),
    "votes": pa.int16(),
    "positive_votes": pa.int16(),
    "ds_posterior": pa.float64(),
    "adjudicated": pa.bool_(),
}


@dataclass(frozen=True)
class InputColumn:
    key: str  # the key in ReleaseItem.inputs
    name: str  # the column name in the files
    kind: str  # "string", "int", "float", "bool" or "json" (lists, objects, mixed types)

    def as_dict(self) -> dict:
        return asdict(self)


def input_columns(inputs: Iterable[dict]) -> list[InputColumn]:
    """The columns of one task's inputs: every key of every row (the known ones in
    INPUT_ORDER, then the others alphabetically), each typed so that every value fits it:
    booleans, integers (64-bit), numbers (integers and floats: float), strings, or else JSON
    text (lists, objects, and a key whose values mix types, where even a string is written
    as its JSON text). A key that is also a row column (``category``: the input holds the
    category's display label) is named ``input_<key>``."""
    seen: dict[str, set] = {}
    for row in inputs:
        for key, value in row.items():
            seen.setdefault(key, set()).add(_value_kind(value))
    keys = [k for k in INPUT_ORDER if k in seen] + sorted(set(seen) - set(INPUT_ORDER))
    reserved = set(HEAD_COLUMNS) | set(PRIVATE_COLUMNS)
    columns = []
    for key in keys:
        kinds = seen[key] - {None}
        if len(kinds) == 1:
            kind = next(iter(kinds))
        elif kinds == {"int", "float"}:
            kind = "float"
        elif not kinds:
            kind = "string"  # only nulls
        else:
            kind = "json"
        columns.append(InputColumn(key, f"input_{key}" if key in reserved else key, kind))
    return columns


def _value_kind(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int" if value in INT64 else "json"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "string"
    return "json"


def json_text(value) -> str:
    """Compact JSON, keys sorted (orjson; Python's json for what orjson refuses, such as an
    integer beyond 64 bits)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _csv_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def csv_header(names: Sequence[str]) -> bytes:
    """The header line as pyarrow's CSV writer writes it: every name quoted."""
    return (",".join(_csv_string(n) for n in names) + "\n").encode()


def _csv_float(value) -> str:
    return repr(float(value)) if math.isfinite(value) else ""


def _json_float(value):
    return float(value) if math.isfinite(value) else None


def table_schema(columns: Sequence[InputColumn], *, labelled: bool) -> pa.Schema:
    fields = [pa.field(name, pa.string()) for name in HEAD_COLUMNS]
    fields += [pa.field(c.name, ARROW_TYPES[c.kind]) for c in columns]
    if labelled:
        fields += [pa.field(name, LABEL_TYPES[name]) for name in LABEL_COLUMNS]
    return pa.schema(fields)


def labels_schema() -> pa.Schema:
    return pa.schema(
        [pa.field(name, LABEL_TYPES.get(name, pa.string())) for name in PRIVATE_COLUMNS]
    )


def _csv_read_options(schema: pa.Schema, size: int):
    # One chunk for the whole text, however long a row; quoted values may hold newlines
    # (free text); quotes are doubled; '""' is an empty string, an empty field NULL.
    read = pa_csv.ReadOptions(
        column_names=schema.names, block_size=max(size + 1, 2**16), use_threads=False
    )
    parse = pa_csv.ParseOptions(newlines_in_values=True)
    convert = pa_csv.ConvertOptions(
        column_types={f.name: f.type for f in schema},
        null_values=[""],
        true_values=["true"],
        false_values=["false"],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,
    )
    return read, parse, convert


def arrow_block(csv: bytes, schema: pa.Schema) -> bytes:
    """The rows of a block of CSV text (no header) as an Arrow IPC stream of ``schema``.
    Builds nothing from Python objects (that would make pyarrow import pandas)."""
    read, parse, convert = _csv_read_options(schema, len(csv))
    table = pa_csv.read_csv(
        pa.py_buffer(csv), read_options=read, parse_options=parse, convert_options=convert
    ).cast(schema)
    sink = pa.BufferOutputStream()
    with pa_ipc.new_stream(sink, schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


@dataclass
class BlockText:
    """One block of a table in each form an export writes; ``labels_*`` (the private test
    labels) are empty outside a test split."""

    rows: int
    csv: bytes
    jsonl: bytes
    arrow: bytes
    labels_csv: bytes = b""
    labels_jsonl: bytes = b""
    labels_arrow: bytes = b""


class TableText:
    """Renders the rows of one table (a task and split) as the files' text. A row is any
    object with the attributes of a ReleaseItem: uid, category, inputs, test_part, label,
    votes, positive_votes, ds_posterior, adjudicated."""

    def __init__(self, task: str, split: str, columns: Sequence[InputColumn]):
        self.task, self.split, self.columns = task, split, list(columns)
        self.labelled = split != "test"
        self.schema = table_schema(self.columns, labelled=self.labelled)
        self.labels_schema = labels_schema()
        self.names = self.schema.names
        self.header = csv_header(self.names)
        self.labels_header = csv_header(PRIVATE_COLUMNS)
        self._task_csv = _csv_string(task)
        self._split_csv = _csv_string(split)

    def block(self, rows: Sequence) -> BlockText:
        """The block of ``rows``, without headers."""
        csv_lines, json_lines = [], []
        labels_csv, labels_json = [], []
        columns = [(c.key, c.name, _RENDER[c.kind]) for c in self.columns]
        task, split = self.task, self.split
        task_csv, split_csv = self._task_csv, self._split_csv
        for row in rows:
            inputs = row.inputs
            cells = [_csv_string(row.uid), task_csv, split_csv, _csv_string(row.category)]
            record = {"id": row.uid, "task": task, "split": split, "category": row.category}
            for key, name, render in columns:
                value = inputs.get(key)
                if value is None:
                    cells.append("")
                    record[name] = None
                else:
                    cell, value = render(value)
                    cells.append(cell)
                    record[name] = value
            label_cells = _label_cells(row)
            if self.labelled:
                cells += label_cells
                record.update(_label_values(row))
            csv_lines.append(",".join(cells))
            json_lines.append(orjson.dumps(record))
            if not self.labelled:
                labels_csv.append(
                    ",".join([cells[0], task_csv, _csv_string(row.test_part), *label_cells])
                )
                labels_json.append(
                    orjson.dumps(
                        {"id": row.uid, "task": task, "test_part": row.test_part}
                        | _label_values(row)
                    )
                )
        csv = _lines(line.encode() for line in csv_lines)
        block = BlockText(len(rows), csv, _lines(json_lines), arrow_block(csv, self.schema))
        if not self.labelled:
            block.labels_csv = _lines(line.encode() for line in labels_csv)
            block.labels_jsonl = _lines(labels_json)
            block.labels_arrow = arrow_block(block.labels_csv, self.labels_schema)
        return block


def _lines(lines: Iterable[bytes]) -> bytes:
    text = b"\n".join(lines)
    return text + b"\n" if text else b""


def _label_cells(row) -> list[str]:
    posterior = row.ds_posterior
    return [
        str(int(row.label)),
        str(int(row.votes)),
        str(int(row.positive_votes)),
        "" if posterior is None else _csv_float(posterior),
        "true" if row.adjudicated else "false",
    ]


def _label_values(row) -> dict:
    posterior = row.ds_posterior
    return {
        "label": int(row.label),
        "votes": int(row.votes),
        "positive_votes": int(row.positive_votes),
        "ds_posterior": None if posterior is None else _json_float(posterior),
        "adjudicated": bool(row.adjudicated),
    }


# (CSV cell, JSON value) of one non-null input of each kind.
def _render_string(value):
    return _csv_string(value), value


def _render_int(value):
    return str(value), value


def _render_float(value):
    return _csv_float(value), _json_float(value)


def _render_bool(value):
    return ("true" if value else "false"), value


def _render_json(value):
    text = json_text(value)
    return _csv_string(text), orjson.Fragment(text)


_RENDER = {
    "string": _render_string,
    "int": _render_int,
    "float": _render_float,
    "bool": _render_bool,
    "json": _render_json,
}
