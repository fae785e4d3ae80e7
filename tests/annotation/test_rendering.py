"""A release's export text, rendered when it is built: every row's keys become columns,
each typed so that every value fits; CSV and JSON Lines text read back as the rows, with no
labels in the public text of a test split."""

import csv
import io
import json
from types import SimpleNamespace

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.ipc

from annotation.curation.rendering import InputColumn, TableText, input_columns


def kinds(rows):
    return {c.name: c.kind for c in input_columns(rows)}


def test_columns_come_from_every_row_in_reading_order_then_alphabetical():
    rows = [{"steps": [1], "objective": "a"}] * 500 + [{"zeta": 1, "alpha": True}]
    columns = input_columns(rows)
    assert [c.key for c in columns] == ["objective", "steps", "alpha", "zeta"]
    # An input named like a row column keeps its value under input_<name>.
    assert [c.name for c in input_columns([{"category": "x", "label": 1}])] == [
        "input_category",
        "input_label",
    ]


def test_each_column_is_typed_so_that_every_value_fits():
    assert kinds([{"n": 1}, {"n": None}, {"n": 2}]) == {"n": "int"}
    assert kinds([{"n": 1}, {"n": 2.5}]) == {"n": "float"}
    assert kinds([{"b": True}, {"b": False}, {}]) == {"b": "bool"}
    assert kinds([{"s": "x"}, {"s": None}]) == {"s": "string"}
    assert kinds([{"s": None}]) == {"s": "string"}
    assert kinds([{"j": [1]}, {"j": {"a": 1}}]) == {"j": "json"}
    # Mixed types, booleans among numbers, integers beyond 64 bits: JSON text.
    assert kinds([{"m": 1}, {"m": "one"}]) == {"m": "json"}
    assert kinds([{"m": 1}, {"m": True}]) == {"m": "json"}
    assert kinds([{"m": 2**70}]) == {"m": "json"}


def row(uid, inputs, *, label=1, posterior=0.75, part=""):
    return SimpleNamespace(
        uid=uid,
        category="Home_and_Kitchen",
        inputs=inputs,
        test_part=part,
        label=label,
        votes=5,
        positive_votes=4 if label else 1,
        ds_posterior=posterior,
        adjudicated=label == 0,
    )


ROWS = [
    row("a", {"objective": 'say "hi"\nthen go', "steps": [{"text": "é", "order": 1}], "n": 3}),
    row("b", {"objective": "", "n": 2.5, "big": 2**70}, label=0, posterior=None),
    row("c", {"steps": [], "n": None, "big": 1}, posterior=1.0),
]


def test_csv_text_reads_back_as_the_rows_with_pyarrow_and_the_csv_module():
    columns = input_columns(r.inputs for r in ROWS)
    text = TableText("t1", "train", columns)
    block = text.block(ROWS)
    data = text.header + block.csv
    table = pa_csv.read_csv(
        pa.py_buffer(data),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            strings_can_be_null=True, quoted_strings_can_be_null=False
        ),
    ).to_pylist()
    assert [r["id"] for r in table] == ["a", "b", "c"]
    assert table[0]["objective"] == 'say "hi"\nthen go'
    assert table[1]["objective"] == "" and table[2]["objective"] is None
    assert json.loads(table[0]["steps"]) == [{"order": 1, "text": "é"}]
    assert table[0]["steps"] == '[{"order":1,"text":"é"}]'  # compact, keys sorted
    assert [r["n"] for r in table] == [3.0, 2.5, None]
    assert [r["ds_posterior"] for r in table] == [0.75, None, 1.0]
    assert [r["adjudicated"] for r in table] == [False, True, False]
    assert list(csv.reader(io.StringIO(data.decode())))[0] == text.names
    assert block.labels_csv == block.labels_jsonl == block.labels_arrow == b""  # not a test split
    # The Arrow rows (Parquet's source) are the CSV's, typed by the table's schema.
    rows = pa.ipc.open_stream(block.arrow).read_all()
    assert rows.schema == text.schema
    arrow = rows.to_pylist()
    assert [r["id"] for r in arrow] == ["a", "b", "c"]
    assert [r["objective"] for r in arrow] == [r["objective"] for r in table]
    assert [r["n"] for r in arrow] == [3.0, 2.5, None]
    assert [r["big"] for r in arrow] == [None, str(2**70), "1"]
    assert [r["steps"] for r in arrow] == [r["steps"] for r in table]
    assert [r["ds_posterior"] for r in arrow] == [0.75, None, 1.0]
    assert str(rows.schema.field("n").type) == "double"
    assert str(rows.schema.field("big").type) == "string"  # JSON text: beyond 64 bits


def test_json_lines_keep_types_and_the_columns_order():
    columns = input_columns(r.inputs for r in ROWS)
    jsonl = TableText("t1", "dev", columns).block(ROWS).jsonl
    records = [json.loads(line) for line in jsonl.decode().split("\n")[:-1]]
    assert list(records[0]) == [
        "id", "task", "split", "category", "objective", "steps", "big", "n",
        "label", "votes", "positive_votes", "ds_posterior", "adjudicated",
    ]  # fmt: skip
    assert [type(r["n"]) for r in records] == [float, float, type(None)]
    assert [r["big"] for r in records] == [None, 2**70, 1]
    assert records[0]["steps"] == [{"order": 1, "text": "é"}]
    assert records[1]["label"] == 0 and records[1]["ds_posterior"] is None


def test_a_test_split_has_no_labels_in_public_text_and_all_in_the_private_text():
    columns = [InputColumn("objective", "objective", "string")]
    parts = [row("a", {"objective": "x"}, part="public"), row("b", {}, part="private")]
    text = TableText("t2", "test", columns)
    block = text.block(parts)
    public_csv, public_jsonl = block.csv, block.jsonl
    labels_csv, labels_jsonl = block.labels_csv, block.labels_jsonl
    assert "label" not in text.names and b"0.75" not in public_csv
    assert all(set(json.loads(line)) == {"id", "task", "split", "category", "objective"}
               for line in public_jsonl.decode().splitlines())  # fmt: skip
    labels = [json.loads(line) for line in labels_jsonl.decode().splitlines()]
    assert [(r["id"], r["test_part"], r["label"], r["ds_posterior"]) for r in labels] == [
        ("a", "public", 1, 0.75),
        ("b", "private", 1, 0.75),
    ]
    assert list(csv.reader(io.StringIO((text.labels_header + labels_csv).decode()))) == [
        ["id", "task", "test_part", "label", "votes", "positive_votes", "ds_posterior",
         "adjudicated"],
        ["a", "t2", "public", "1", "5", "4", "0.75", "false"],
        ["b", "t2", "private", "1", "5", "4", "0.75", "false"],
    ]  # fmt: skip
    assert pa.ipc.open_stream(block.labels_arrow).read_all().to_pylist() == labels
    assert "label" not in pa.ipc.open_stream(block.arrow).read_all().schema.names
