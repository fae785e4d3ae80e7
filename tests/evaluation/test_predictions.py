"""Validation of prediction files: every kind of bad file gets its message with its line, the
documented spellings are accepted, and good files come back as arrays in the id order."""

import io
import json

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluation.scoring.predictions import (
    PredictionFile,
    prediction_file_read,
    predictions_read,
)

IDS = {
    "t1": [f"t1-{i:03d}" for i in range(6)],
    "t2": [f"t2-{i:03d}" for i in range(4)],
}


def csv_bytes(*lines, header="task,id,label", newline="\n"):
    return (newline.join([header, *lines]) + newline).encode()


def full_t1_lines(label="1"):
    return [f"t1,{item},{label}" for item in IDS["t1"]]


def full_t2_lines(label="0"):
    return [f"t2,{item},{label}" for item in IDS["t2"]]


def read(data, name="preds.csv", **options):
    return prediction_file_read(data, name, IDS, **options)


def test_a_good_file_with_a_task_column_gives_arrays_in_the_id_order():
    lines = [
        "t2,t2-003,1,0.9",
        "t1,t1-000,1,0.8",
        "t1,t1-001,0,0.1",
        "t1,t1-002,1,1",
        "t1,t1-003,0,0",
        "t1,t1-004,1,0.5",
        "t1,t1-005,0,0.25",
        "t2,t2-000,0,0.3",
        "t2,t2-001,0,0.2",
        "t2,t2-002,1,0.7",
    ]
    result = read(csv_bytes(*lines, header="task,id,label,score"))
    assert result.ok, result.problems
    assert result.problems == [] and result.counts == {}
    assert result.predictions["t1"].labels.tolist() == [1, 0, 1, 0, 1, 0]
    assert result.predictions["t1"].scores.tolist() == [0.8, 0.1, 1.0, 0.0, 0.5, 0.25]
    assert result.predictions["t2"].labels.tolist() == [0, 0, 1, 1]
    assert result.predictions["t2"].labels.dtype == np.int8
    assert result.report_text() == "No problems found."


def test_a_set_of_ids_gives_sorted_order_and_id_order_overrides_it():
    expected = {"t1": {"b", "a", "c"}}
    data = b"id,label\nc,1\na,0\nb,1\n"
    result = prediction_file_read(data, "p.csv", expected)
    assert list(result.predictions["t1"].ids) == ["a", "b", "c"]
    assert result.predictions["t1"].labels.tolist() == [0, 1, 1]
    ordered = prediction_file_read(data, "p.csv", expected, id_order={"t1": ["c", "b", "a"]})
    assert ordered.predictions["t1"].labels.tolist() == [1, 1, 0]
    assert ordered.predictions["t1"].scores is None


def test_bom_crlf_and_label_spellings_are_handled():
    spellings = ["true", " FALSE ", "Yes", "no ", "1", " 0"]
    lines = [f"t1,{item},{label}" for item, label in zip(IDS["t1"], spellings, strict=True)]
    t2_spellings = ["YES", "No", "True", "false"]
    lines += [f"t2,{item},{label}" for item, label in zip(IDS["t2"], t2_spellings, strict=True)]
    data = b"\xef\xbb\xbf" + csv_bytes(*lines, header="Task, ID ,Label", newline="\r\n")
    result = read(data)
    assert result.ok, result.problems
    assert result.predictions["t1"].labels.tolist() == [1, 0, 1, 0, 1, 0]
    assert result.predictions["t2"].labels.tolist() == [1, 0, 1, 0]


def test_every_kind_of_bad_row_is_reported_with_its_line_and_field():
    lines = [
        "t1,t1-000,1",  # line 2: fine
        "t1,t1-001,maybe",  # 3: label
        "t1,t1-002,2",  # 4: label
        "t1,nope,1",  # 5: unknown id
        "t1,t1-000,0",  # 6: duplicate of line 2
        "t9,t1-003,1",  # 7: unknown task
        "t1,t1-004",  # 8: wrong number of fields
        "t2,t2-000,1",
        "t2,t2-001,1",
        "t2,t2-002,0",
        "t2,t2-003,1",
    ]
    result = read(csv_bytes(*lines))
    assert not result.ok
    assert result.predictions == {}
    assert result.problems == [
        "preds.csv:3: label: 'maybe' is not a label; use 0/1, true/false or yes/no",
        "preds.csv:4: label: '2' is not a label; use 0/1, true/false or yes/no",
        "preds.csv:5: id: 'nope' is not a test id of t1",
        "preds.csv:6: id: 't1-000' for t1 is given twice (first on line 2)",
        "preds.csv:7: task: 't9' is not a task of this release (t1, t2)",
        "preds.csv:8: row: 2 fields, the header has 3",
        # t1-003 and t1-004 were never given a valid task/row; t1-005 not at all.
        "preds.csv: id: 3 of 6 ids of t1 have no prediction, e.g. 't1-003', 't1-004', 't1-005'",
    ]
    assert result.counts == {
        "label": 2,
        "unknown_id": 1,
        "duplicate_id": 1,
        "unknown_task": 1,
        "columns": 1,
        "missing_id": 3,
    }
    assert result.missing == {"t1": {"count": 3, "examples": ["t1-003", "t1-004", "t1-005"]}}


def test_all_problems_of_one_row_are_reported():
    result = read(csv_bytes("t1,ghost,perhaps,1.5", header="task,id,label,score"))
    assert result.problems[:3] == [
        "preds.csv:2: id: 'ghost' is not a test id of t1",
        "preds.csv:2: label: 'perhaps' is not a label; use 0/1, true/false or yes/no",
        "preds.csv:2: score: '1.5' is not a number in [0, 1]",
    ]


@pytest.mark.parametrize("score", ["1.01", "-0.1", "nan", "inf", "high", "", "0_5", " "])
def test_scores_must_be_numbers_in_the_unit_interval(score):
    lines = [f"t1,{item},1,0.5" for item in IDS["t1"][1:]] + [f"t2,{i},0,0.5" for i in IDS["t2"]]
    result = read(csv_bytes(f"t1,t1-000,1,{score}", *lines, header="task,id,label,score"))
    assert result.problems == [f"preds.csv:2: score: {score!r} is not a number in [0, 1]"]
    assert result.counts == {"score": 1}


def test_missing_ids_show_the_count_and_ten_examples():
    expected = {"t1": [f"id-{i:02d}" for i in range(30)]}
    result = prediction_file_read(b"id,label\nid-05,1\n", "p.csv", expected)
    assert result.counts == {"missing_id": 29}
    examples = [f"id-{i:02d}" for i in (0, 1, 2, 3, 4, 6, 7, 8, 9, 10)]
    assert result.missing == {"t1": {"count": 29, "examples": examples}}
    shown = ", ".join(repr(e) for e in examples)
    assert result.problems == [
        f"p.csv: id: 29 of 30 ids of t1 have no prediction, e.g. {shown}, ..."
    ]


def test_bytes_that_are_not_utf8_are_reported_per_line():
    data = (
        csv_bytes(*full_t1_lines()[:2])
        + "t1,t1-002,caf\xe9\n".encode("latin-1")
        + b"t1,t1-\xff03,1\n"
        + "\n".join(full_t1_lines()[4:] + full_t2_lines()).encode()
    )
    result = read(data)
    assert result.problems[:2] == [
        "preds.csv:4: row: not UTF-8; save the file as UTF-8",
        "preds.csv:5: row: not UTF-8; save the file as UTF-8",
    ]
    assert result.counts["encoding"] == 2


def test_a_utf16_file_and_a_non_utf8_header_are_unreadable():
    utf16 = "id,label\nt1-000,1\n".encode("utf-16")
    result = prediction_file_read(utf16, "p.csv", {"t1": ["t1-000"]})
    assert result.problems == ["p.csv: file: the file is UTF-16; save it as UTF-8"]
    assert result.counts == {"encoding": 1}
    latin = prediction_file_read(b"id,l\xe4bel\nt1-000,1\n", "p.csv", {"t1": ["t1-000"]})
    assert latin.problems == ["p.csv:1: header: not UTF-8; save the file as UTF-8"]


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        (
            "id,label,confidence",
            "p.csv:1: header: expected id,label[,score] or task,id,label[,score], found "
            "'id,label,confidence' (unknown column 'confidence')",
        ),
        (
            "id,prediction",
            "p.csv:1: header: expected id,label[,score] or task,id,label[,score], found "
            "'id,prediction' (no label column; unknown column 'prediction')",
        ),
        (
            "id,label,label",
            "p.csv:1: header: expected id,label[,score] or task,id,label[,score], found "
            "'id,label,label' (repeated column label)",
        ),
        (
            "t1-000,1",
            "p.csv:1: header: missing header: expected id,label[,score] or task,id,label"
            "[,score] as the first line, found 't1-000,1'",
        ),
    ],
)
def test_wrong_or_missing_header(header, problem):
    result = prediction_file_read(f"{header}\nt1-000,1\n".encode(), "p.csv", {"t1": ["t1-000"]})
    assert result.problems == [problem]
    # Nothing can be read from the file: its ids are not also reported missing.
    assert result.counts == {"header": 1}


def test_a_file_without_task_column_must_be_given_a_task_when_there_are_several():
    result = read(b"id,label\nt1-000,1\n")
    assert result.problems == [
        "preds.csv:1: header: no task column: add one, or submit the file for one task (t1, t2)"
    ]


def test_one_file_per_task():
    t1 = b"id,label,score\n" + b"".join(f"{i},1,0.75\n".encode() for i in IDS["t1"])
    t2 = b"id,label\n" + b"".join(f"{i},no\n".encode() for i in IDS["t2"])
    result = predictions_read(
        [PredictionFile("t1.csv", t1, task="t1"), PredictionFile("t2.csv", t2, task="T2")], IDS
    )
    assert result.ok, result.problems
    assert result.predictions["t1"].scores.tolist() == [0.75] * 6
    assert result.predictions["t2"].scores is None
    assert result.predictions["t2"].labels.tolist() == [0, 0, 0, 0]
    assert [f["task"] for f in result.files] == ["t1", "t2"]


def test_per_task_files_report_wrong_task_rows_and_the_missing_task():
    t1 = csv_bytes("t1,t1-000,1", "t2,t2-000,1")
    result = predictions_read([PredictionFile("t1.csv", t1, task="t1")], IDS)
    assert result.problems[0] == "t1.csv:3: task: 't2' in a file submitted for task t1"
    assert "submission: id: no predictions for t2 (4 ids expected)" in result.problems[-1]
    unknown = predictions_read([PredictionFile("x.csv", t1, task="t7")], IDS)
    assert unknown.problems[0] == "x.csv: task: 't7' is not a task of this release (t1, t2)"
    partial = predictions_read(
        [PredictionFile("t1.csv", csv_bytes(*full_t1_lines()), task="t1")],
        IDS,
        require_all_tasks=False,
    )
    assert partial.ok and set(partial.predictions) == {"t1"}


def test_scores_in_some_files_of_a_task_but_not_others():
    first = b"id,label,score\n" + b"".join(f"{i},1,0.5\n".encode() for i in IDS["t1"][:3])
    second = b"id,label\n" + b"".join(f"{i},1\n".encode() for i in IDS["t1"][3:])
    result = predictions_read(
        [PredictionFile("a.csv", first, "t1"), PredictionFile("b.csv", second, "t1")],
        {"t1": IDS["t1"]},
    )
    assert result.counts == {"header": 1}
    assert result.problems[0].startswith("b.csv: score: t1 has scores in a.csv but not here")


def test_the_problem_list_stops_at_50_and_the_counts_go_on():
    lines = [f"t1,unknown-{i},1" for i in range(70)] + [f"t1,{i},x" for i in IDS["t1"]]
    result = read(csv_bytes(*lines, *full_t2_lines()))
    assert len(result.problems) == 50
    assert result.problems[0] == "preds.csv:2: id: 'unknown-0' is not a test id of t1"
    assert result.problems[-1] == "preds.csv:51: id: 'unknown-49' is not a test id of t1"
    assert result.counts == {"unknown_id": 70, "label": 6}
    text = result.report_text()
    assert "... and 26 more problems not listed." in text
    assert "  unknown ids: 70" in text and "  labels other than 0/1: 6" in text
    assert len(read(csv_bytes(*lines), max_problems=5).problems) == 5


def test_empty_files():
    assert read(b"").problems == ["preds.csv: file: the file is empty"]
    assert read(b"\xef\xbb\xbf\r\n\r\n").counts == {"empty": 1}
    header_only = read(b"task,id,label\n")
    assert header_only.problems[0] == "preds.csv: file: the file has a header but no predictions"
    assert header_only.counts["empty"] == 1
    assert read(b"", name="p.jsonl").problems == ["p.jsonl: file: the file is empty"]


def test_json_lines():
    records = [
        {"task": "t1", "id": item, "label": label, "score": 0.5}
        for item, label in zip(IDS["t1"], [1, 0, True, False, "yes", " No "], strict=True)
    ]
    records += [{"task": "t2", "id": item, "label": 1, "score": 1} for item in IDS["t2"]]
    data = "\r\n".join(json.dumps(r) for r in records).encode() + b"\r\n\r\n"
    result = read(b"\xef\xbb\xbf" + data, name="preds.jsonl")
    assert result.ok, result.problems
    assert result.predictions["t1"].labels.tolist() == [1, 0, 1, 0, 1, 0]
    assert result.predictions["t2"].scores.tolist() == [1.0] * 4
    assert result.files[0]["format"] == "jsonl"
    # Recognised without the extension, from the first character.
    assert read(data, name="upload").ok


def test_broken_json_lines_and_wrong_keys():
    lines = [
        '{"task": "t1", "id": "t1-000", "label": 1}',
        '{"task": "t1", "id": "t1-001", "label": 1',  # 2: broken
        '["t1", "t1-002", 1]',  # 3: not an object
        '{"task": "t1", "id": "t1-003", "label": 1, "score": 0.2}',  # 4: other keys
        '{"task": "t1", "id": "t1-004", "label": 3}',  # 5: label
        '{"task": "t1", "id": "t1-005", "label": 1.0}',  # 6: label as a float
        '{"task": "t2", "id": 7, "label": 0}',  # 7: unknown id (a number)
    ]
    result = read("\n".join(lines).encode(), name="p.jsonl")
    assert result.problems[:6] == [
        # The object is cut short: the error is just past the line's last character.
        f"p.jsonl:2: line: not valid JSON (Expecting ',' delimiter at column {len(lines[1]) + 1})",
        'p.jsonl:3: line: not a JSON object like {"id": ..., "label": 1}',
        "p.jsonl:4: keys: keys id, label, score, task differ from the first record's id, "
        "label, task",
        "p.jsonl:5: label: 3 is not a label; use 0/1, true/false or yes/no",
        "p.jsonl:6: label: 1.0 is not a label; use 0/1, true/false or yes/no",
        "p.jsonl:7: id: 7 is not a test id of t2",
    ]
    assert result.counts["json"] == 2 and result.counts["header"] == 1


def test_json_lines_with_missing_keys():
    result = prediction_file_read(b'{"id": "a", "prediction": 1}\n', "p.jsonl", {"t1": ["a"]})
    assert result.problems == [
        "p.jsonl:1: keys: expected keys id, label[, score][, task], found id, prediction "
        "(no label; unknown key 'prediction')"
    ]


def test_json_lines_with_bad_bytes():
    data = b'{"id": "a", "label": 1}\n{"id": "b\xff", "label": 1}\n'
    result = prediction_file_read(data, "p.jsonl", {"t1": ["a", "b"]})
    assert result.problems[0] == "p.jsonl:2: line: not UTF-8; save the file as UTF-8"


def test_size_limit_is_checked_before_reading():
    class NoRead(io.RawIOBase):
        size = 2_000

        def read(self, *args):
            raise AssertionError("the file was read")

    result = prediction_file_read(NoRead(), "big.csv", IDS, max_bytes=1_000)
    assert result.problems == ["big.csv: file: 2,000 bytes is over the limit of 1,000 bytes"]
    assert result.counts == {"size": 1}


def test_size_limit_from_the_setting(settings):
    settings.EVALUATION_MAX_UPLOAD_BYTES = 10
    result = read(csv_bytes(*full_t1_lines(), *full_t2_lines()))
    assert result.counts == {"size": 1}
    settings.EVALUATION_MAX_UPLOAD_BYTES = 10_000
    assert read(csv_bytes(*full_t1_lines(), *full_t2_lines())).ok


def test_a_stream_of_unknown_size_is_cut_off_at_the_limit():
    class Stream:
        """Only read(): no size, not seekable."""

        def __init__(self, data):
            self._data = io.BytesIO(data)

        def read(self, size=-1):
            return self._data.read(size)

    lines = [f"t1,{item},1" for item in IDS["t1"]] * 50
    result = read(Stream(csv_bytes(*lines)), max_bytes=200)
    assert result.problems[-1] == "preds.csv: file: the file is over the limit of 200 bytes"
    assert result.counts["size"] == 1


def test_django_uploads_and_open_files_are_read_and_left_open(tmp_path):
    data = csv_bytes(*full_t1_lines(), *full_t2_lines())
    upload = SimpleUploadedFile("preds.csv", data, content_type="text/csv")
    assert read(upload).ok
    path = tmp_path / "preds.csv"
    path.write_bytes(data)
    with path.open("rb") as handle:
        assert read(handle).ok
        assert not handle.closed


def test_a_quoted_field_over_two_lines_keeps_the_line_numbers():
    data = csv_bytes('t1,"t1-000",1', 't1,"t1-\n001",1', "t1,t1-002,bad")
    result = read(data)
    assert result.problems[:2] == [
        "preds.csv:3: id: 't1-\\n001' is not a test id of t1",
        "preds.csv:5: label: 'bad' is not a label; use 0/1, true/false or yes/no",
    ]


def test_report_json_never_carries_predictions():
    result = read(csv_bytes(*full_t1_lines(), *full_t2_lines()))
    payload = json.loads(json.dumps(result.to_dict()))
    assert payload == {
        "ok": True,
        "problems": [],
        "counts": {},
        "missing": {},
        "files": [{"name": "preds.csv", "format": "csv", "rows": 10, "task": None}],
    }
