"""Downloads built on the fly: a release's test inputs and a leaderboard, as CSV or JSON
(Lines). Formatting only; what goes in comes from evaluation.selectors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse

from annotation.models import Release
from evaluation.selectors import TASKS, TEST_INPUT_FIELDS, release_test_inputs

FORMATS = ("csv", "jsonl")
_CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}


def _slug(release: Release) -> str:
    return f"{release.name}-{release.version}".replace(" ", "_").replace("/", "_")


def _csv_lines(rows: Iterable[list]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def inputs_download_lines(release: Release, fmt: str) -> Iterator[str]:
    """Lines of the test-inputs file. CSV: id,task,category,inputs (the frozen inputs as a
    JSON object); JSON Lines: one {"id", "task", "category", "inputs"} object per line."""
    if fmt == "csv":
        yield from _csv_lines(_csv_rows(release))
    else:
        for row in release_test_inputs(release):
            yield json.dumps(row, ensure_ascii=False) + "\n"


def _csv_rows(release: Release) -> Iterator[list]:
    yield list(TEST_INPUT_FIELDS)
    for row in release_test_inputs(release):
        yield [
            row["id"],
            row["task"],
            row["category"],
            json.dumps(row["inputs"], ensure_ascii=False),
        ]


def inputs_download_response(release: Release, fmt: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        inputs_download_lines(release, fmt), content_type=_CONTENT_TYPES[fmt]
    )
    response["Content-Disposition"] = f'attachment; filename="{_slug(release)}-test-inputs.{fmt}"'
    return response


LEADERBOARD_COLUMNS = (
    ["band", "model", "organisation", "parameters", "open_weights", "setting", "badges"]
    + [f"{task}_{what}" for task in TASKS for what in ("accuracy", "ci_low", "ci_high", "n")]
    + ["mean_accuracy", "release_version", "scorer_version", "paper_url", "code_url"]
)


def _leaderboard_csv_rows(rows: list[dict]) -> Iterator[list]:
    yield LEADERBOARD_COLUMNS
    for row in rows:
        model = row["model"]
        cells = [
            row["band"] if row["band"] is not None else "",
            model["name"],
            model["organisation"],
            model["parameters"] if model["parameters"] is not None else "",
            "yes" if model["open_weights"] else "no",
            model["setting"],
            " ".join(row["badges"]),
        ]
        for task in TASKS:
            score = row["tasks"].get(task)
            cells += (
                ["", "", "", ""]
                if score is None
                else [score["accuracy"], score["ci_low"], score["ci_high"], score["n"]]
            )
        cells += [
            row["mean_accuracy"] if row["mean_accuracy"] is not None else "",
            row["release_version"],
            row["scorer_version"],
            model["paper_url"],
            model["code_url"],
        ]
        yield cells


def leaderboard_response(release: Release, body: dict, fmt: str) -> HttpResponse:
    """``body``: {"release": ..., "part": ..., "rows": leaderboard_table(...), "reference": ...}."""
    name = f"{_slug(release)}-leaderboard-{body['part']}"
    if fmt == "csv":
        response = HttpResponse(
            "".join(_csv_lines(_leaderboard_csv_rows(body["rows"]))),
            content_type=_CONTENT_TYPES["csv"],
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response
