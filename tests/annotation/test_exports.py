"""Release exports: every table round-trips in JSON Lines, CSV and Parquet; checksums match;
public test files hold no labels; the card's YAML and the Croissant file load; downloads
follow the roles; drafts cannot be exported; the command and the Celery job work."""

import csv
import hashlib
import json
import random
from pathlib import Path

import mlcroissant as mlc
import pyarrow.parquet as pq
import pytest
import yaml
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.errors import ApplicationError
from accounts.roles import ANNOTATOR, MODEL_AUTHOR
from annotation.curation import exports as exports_module
from annotation.curation.exports import (
    export_directory,
    release_export_create,
    release_export_run,
)
from annotation.curation.gold import adjudication_decide, adjudication_queue
from annotation.curation.releases import release_create, release_publish
from annotation.models import ReleaseExport, ReleaseItem
from annotation.services import campaign_create, item_assign, judgement_submit

pytestmark = pytest.mark.django_db

LABEL_COLUMNS = {"label", "votes", "positive_votes", "ds_posterior", "adjudicated", "test_part"}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def release(t1_items, curator, make_user):
    """A published release from a judged campaign: 3 votes per item with 10% noise, every
    flagged item adjudicated, so it has plain and adjudicated labels in train, dev and test."""
    people = [make_user(f"voter{n}", ANNOTATOR) for n in range(3)]
    campaign = campaign_create(
        user=curator, item_set=t1_items, name="T1 export", votes_per_item=3, guideline="Judge."
    )
    rng = random.Random(4)
    for annotator in people:
        while (held := item_assign(campaign, annotator)) is not None:
            truth = random.Random(held.item.item.uid).randint(0, 1)
            label = truth if rng.random() > 0.1 else 1 - truth
            judgement_submit(held.pk, annotator, label=label, seconds=4)
    for row in adjudication_queue(campaign):
        adjudication_decide(
            campaign_item=row.campaign_item, label=1, reason="checked", user=curator
        )
    made = release_create(
        user=curator,
        name="Export Bench",
        version="1.0.0",
        campaigns=[campaign],
        seed=3,
        sizes={"train": 0.6, "dev": 0.2, "test": 0.2},
    )
    return release_publish(made)


@pytest.fixture
def finished(release, curator):
    export = release_export_create(release, user=curator, include_test_labels=True)
    return release_export_run(export.pk)


def expected_rows(release, task, split):
    """The release's rows as the files should hold them, read straight from the table."""
    rows = []
    for item in ReleaseItem.objects.filter(release=release, task=task, split=split).order_by("uid"):
        row = {"id": item.uid, "task": item.task, "split": item.split, "category": item.category}
        for key, value in item.inputs.items():
            # An input named like a row column keeps its value under input_<name>.
            row[f"input_{key}" if key in row or key in LABEL_COLUMNS else key] = value
        row.update(
            label=item.label,
            votes=item.votes,
            positive_votes=item.positive_votes,
            ds_posterior=item.ds_posterior,
            adjudicated=item.adjudicated,
            test_part=item.test_part,
        )
        rows.append(row)
    return rows


def public_view(row, split):
    drop = LABEL_COLUMNS if split == "test" else {"test_part"}
    return {k: v for k, v in row.items() if k not in drop}


def read_jsonl(path):
    # Lines end at "\n" only (str.splitlines would also split at U+2028, valid inside JSON).
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") or not text
    return [json.loads(line) for line in text.split("\n")[:-1]]


def decode_nested(rows):
    """CSV and Parquet hold lists and objects as JSON strings."""
    for row in rows:
        for key, value in row.items():
            if isinstance(value, str) and value[:1] in "[{":
                row[key] = json.loads(value)
    return rows


def read_csv(path, reference):
    """CSV cells are text: turn each back into the type the reference row has."""
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row, ref in zip(rows, reference, strict=False):
        for key, text in row.items():
            want = ref.get(key)
            if isinstance(want, bool):
                row[key] = {"true": True, "false": False}[text]
            elif isinstance(want, int):
                row[key] = int(text)
            elif isinstance(want, float):
                row[key] = float(text)
            elif want is None and text == "":
                row[key] = None
    return decode_nested(rows)


def test_every_table_round_trips_in_all_three_formats(release, finished):
    assert finished.status == ReleaseExport.Status.FINISHED and finished.failure == ""
    assert finished.rows_done == finished.rows_total == release.items.count()
    folder = export_directory(finished)
    tables = set(release.items.values_list("task", "split").distinct().order_by())
    assert {("t1", s) for s in ("train", "dev", "test")} <= tables
    for task, split in tables:
        rows = expected_rows(release, task, split)
        want = [public_view(r, split) for r in rows]
        assert read_jsonl(folder / task / f"{split}.jsonl") == want
        assert decode_nested(pq.read_table(folder / task / f"{split}.parquet").to_pylist()) == want
        assert read_csv(folder / task / f"{split}.csv", want) == want
        # Every item is there once, and the test inputs cover both parts of the test split.
        if split == "test":
            assert {r["test_part"] for r in rows} == {"public", "private"}


def test_public_test_files_hold_no_labels_and_private_files_hold_them(release, finished):
    folder = export_directory(finished)
    columns = {
        "jsonl": set().union(*(r.keys() for r in read_jsonl(folder / "t1/test.jsonl"))),
        "parquet": set(pq.read_schema(folder / "t1/test.parquet").names),
        "csv": set(
            (folder / "t1/test.csv").read_text().splitlines()[0].replace('"', "").split(",")
        ),
    }
    for fmt, names in columns.items():
        assert not names & LABEL_COLUMNS, fmt
        assert {"id", "objective", "steps"} <= names, fmt
    labels = pq.read_table(folder / "private/t1/test_labels.parquet").to_pylist()
    truth = {
        i.uid: (i.test_part, i.label, i.votes, i.positive_votes)
        for i in release.items.filter(split="test")
    }
    assert {
        r["id"]: (r["test_part"], r["label"], r["votes"], r["positive_votes"]) for r in labels
    } == truth
    assert read_jsonl(folder / "private/t1/test_labels.jsonl") == labels


def test_checksums_match_the_files_and_the_public_list_names_no_private_file(finished):
    folder = export_directory(finished)
    names = [f["name"] for f in finished.files]
    assert len(names) == len(set(names))
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk == set(names)
    for entry in finished.files:
        data = (folder / entry["name"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(data).hexdigest(), entry["name"]
        assert entry["bytes"] == len(data)
        assert entry["public"] == (not entry["name"].startswith("private/"))
    for sums, base in (
        (folder / "SHA256SUMS", folder),
        (folder / "private/SHA256SUMS", folder / "private"),
    ):
        listed = {}
        for line in sums.read_text().splitlines():
            digest, name = line.split("  ", 1)
            listed[name] = digest
            assert hashlib.sha256((base / name).read_bytes()).hexdigest() == digest
        assert listed
    public_sums = (folder / "SHA256SUMS").read_text()
    assert "test_labels" not in public_sums and "private" not in public_sums


def test_dataset_card_header_is_yaml_in_the_hub_layout(release, finished):
    folder = export_directory(finished)
    text = (folder / "README.md").read_text()
    assert text.startswith("---\n")
    header = yaml.safe_load(text.split("---\n")[1])
    assert header["license"] == "cc-by-4.0"
    assert header["pretty_name"] == "Export Bench 1.0.0"
    assert header["task_categories"] == ["text-classification"]
    assert header["size_categories"] == ["n<1K"]
    (config,) = header["configs"]
    assert config["config_name"] == "t1"
    splits = {f["split"]: f["path"] for f in config["data_files"]}
    assert set(splits) == set(release.items.values_list("split", flat=True))
    assert all((folder / p).is_file() for p in splits.values())
    body = text.split("---\n", 2)[2]
    train = release.items.filter(split="train")
    positive = sum(train.values_list("label", flat=True))
    assert f"| t1 | train | {train.count():,} | {positive:,} |" in body
    assert "| t1 | test |" in body and "hidden" in body
    assert "Fleiss' kappa" in body and "T1 export" in body
    assert "3 votes per item" in body


def test_croissant_metadata_loads_and_reads_records(release, finished, monkeypatch, tmp_path):
    folder = export_directory(finished)
    monkeypatch.chdir(tmp_path)  # content URLs resolve against the file, not the cwd
    dataset = mlc.Dataset(jsonld=str(folder / "croissant.json"))
    set_ids = {rs.uuid for rs in dataset.metadata.record_sets}
    assert {"t1_train", "t1_test"} <= set_ids
    records = list(dataset.records("t1_train"))
    ids = [r["t1_train/id"].decode() for r in records]
    assert ids == list(
        release.items.filter(split="train").order_by("uid").values_list("uid", flat=True)
    )
    assert [r["t1_train/label"] for r in records] == list(
        release.items.filter(split="train").order_by("uid").values_list("label", flat=True)
    )
    test_fields = {
        f.name for rs in dataset.metadata.record_sets if rs.uuid == "t1_test" for f in rs.fields
    }
    assert not test_fields & LABEL_COLUMNS
    named = json.dumps(json.loads((folder / "croissant.json").read_text()))
    assert "private" not in named and "test_labels" not in named


def test_block_size_changes_nothing_in_the_files_but_the_row_groups(release, curator, finished):
    """Rows are rendered in blocks (one Parquet row group each); tiny blocks give the same
    bytes in CSV and JSON Lines and the same Parquet table."""
    small = release_copy(release, "Small blocks", block_rows=2)
    export = release_export_create(small, user=curator, include_test_labels=True)
    export = release_export_run(export.pk)
    a, b = export_directory(finished), export_directory(export)
    for name in ("t1/train.jsonl", "t1/train.csv", "t1/test.jsonl", "private/t1/test_labels.csv"):
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert pq.ParquetFile(b / "t1/train.parquet").metadata.num_row_groups > 1
    assert pq.ParquetFile(a / "t1/train.parquet").metadata.num_row_groups == 1
    assert pq.read_table(a / "t1/train.parquet").equals(pq.read_table(b / "t1/train.parquet"))


def test_progress_rises_table_by_table_to_every_row(release, curator):
    seen = []
    export = release_export_create(release, user=curator)
    release_export_run(export.pk, on_progress=lambda p: seen.append((p.rows_done, p.table)))
    tables = {f"{t}/{s}" for t, s in release.items.values_list("task", "split").distinct()}
    assert {table for _done, table in seen} == tables and len(seen) == len(tables)
    done = [d for d, _table in seen]
    assert done == sorted(done) and done[-1] == release.items.count()


def test_a_release_without_its_export_text_is_refused_with_a_reason(release, curator):
    """A release whose stored text does not hold all its rows (it can only come from outside
    the application) fails with the counts, and no file is offered."""
    from annotation.models import Release

    broken = Release.objects.create(name="No text", version="1.0.0", sizes=release.sizes)
    items = [ReleaseItem(**item_fields(item), release=broken) for item in release.items.all()]
    ReleaseItem.objects.bulk_create(items)  # the items alone, not their export text
    Release.objects.filter(pk=broken.pk).update(
        status="published", published_at=release.published_at
    )
    export = release_export_create(broken, user=curator)
    with pytest.raises(ApplicationError, match=f"holds 0 rows, the release {len(items)}"):
        release_export_run(export.pk)
    export.refresh_from_db()
    assert export.status == "failed" and "holds 0 rows" in export.failure and not export.files


def test_a_draft_release_cannot_be_exported(t1_items, curator, client, release):
    from annotation.models import Release

    draft = Release.objects.create(name="Draft", version="0.1.0")
    with pytest.raises(ApplicationError, match="published"):
        release_export_create(draft, user=curator)
    client.force_login(curator)
    answer = client.post(reverse("annotation-api:export-create", kwargs={"pk": draft.pk}))
    assert answer.status_code == 400 and "published" in answer.json()["detail"]
    page = client.post(reverse("annotation:export-new", kwargs={"pk": draft.pk}), follow=True)
    assert "only a published release can be exported" in page.content.decode()
    assert not ReleaseExport.objects.filter(release=draft).exists()


def test_starting_from_the_api_runs_the_celery_job_after_commit(
    release, curator, client, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("annotation-api:export-create", kwargs={"pk": release.pk}),
            {"include_test_labels": False},
            content_type="application/json",
        )
    assert answer.status_code == 201 and answer.json()["status"] == "queued"
    export = ReleaseExport.objects.get(pk=answer.json()["id"])
    assert export.status == "finished" and export.rows_done == release.items.count()
    progress = client.get(reverse("annotation-api:export-detail", kwargs={"pk": export.pk}))
    assert progress.json()["percent"] == 100
    assert not any(f["name"].startswith("private/") for f in export.files)
    page = client.get(reverse("annotation:export-detail", kwargs={"pk": export.pk}))
    assert "t1/train.parquet" in page.content.decode()


def test_a_failed_export_keeps_its_failure(release, curator, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(exports_module, "dataset_card", broken)
    export = release_export_create(release, user=curator)
    with pytest.raises(OSError):
        release_export_run(export.pk)
    export.refresh_from_db()
    assert export.status == "failed" and "disk full" in export.failure
    assert export.files == []
    # A failed export is not run again by a redelivered task.
    assert release_export_run(export.pk).status == "failed"


def test_model_authors_get_public_files_only_and_annotators_nothing(
    finished, make_user, client, curator
):
    author = make_user("author", MODEL_AUTHOR)
    annotator = make_user("someone", ANNOTATOR)
    folder = export_directory(finished)

    def file_url(name, api=True):
        prefix = "annotation-api" if api else "annotation"
        return reverse(f"{prefix}:export-file", kwargs={"pk": finished.pk, "name": name})

    client.force_login(author)
    listing = client.get(
        reverse("annotation-api:release-exports", kwargs={"pk": finished.release_id})
    ).json()
    (shown,) = listing
    names = {f["name"] for f in shown["files"]}
    assert "t1/test.parquet" in names and "README.md" in names
    assert not any(n.startswith("private/") for n in names)
    for name in ("private/t1/test_labels.csv", "private/SHA256SUMS", "../README.md", "nope.csv"):
        assert client.get(file_url(name)).status_code == 404, name
        assert client.get(file_url(name, api=False)).status_code == 404, name
    download = client.get(file_url("t1/test.csv"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == (folder / "t1/test.csv").read_bytes()
    assert "attachment" in download["Content-Disposition"]
    page = client.get(reverse("annotation:release-exports", kwargs={"pk": finished.release_id}))
    assert "t1/train.jsonl" in page.content.decode()
    assert "test_labels" not in page.content.decode()

    client.force_login(annotator)
    assert client.get(file_url("t1/train.csv")).status_code == 403
    assert client.get(file_url("t1/train.csv", api=False)).status_code == 403

    client.force_login(curator)
    private = client.get(file_url("private/t1/test_labels.csv"))
    assert private.status_code == 200


def test_model_authors_do_not_see_unfinished_exports(release, curator, make_user, client):
    author = make_user("author", MODEL_AUTHOR)
    queued = release_export_create(release, user=curator)
    client.force_login(author)
    detail = reverse("annotation-api:export-detail", kwargs={"pk": queued.pk})
    assert client.get(detail).status_code == 404
    listing = reverse("annotation-api:release-exports", kwargs={"pk": release.pk})
    assert client.get(listing).json() == []
    client.force_login(curator)
    assert client.get(detail).json()["status"] == "queued"


def test_the_command_exports_into_a_folder(release, tmp_path, capsys):
    out = tmp_path / "out"
    call_command("export_release", str(release.pk), "--output", str(out), "--no-progress")
    export = ReleaseExport.objects.get(release=release)
    assert export.status == "finished" and Path(export.directory) == out.resolve()
    assert (out / "t1/train.parquet").is_file() and (out / "SHA256SUMS").is_file()
    assert not (out / "private").exists()
    assert "Export" in capsys.readouterr().out
    call_command("export_release", str(release.pk), "--with-test-labels", "--no-progress")
    labelled = ReleaseExport.objects.filter(release=release).latest("pk")
    assert (export_directory(labelled) / "private/t1/test_labels.jsonl").is_file()
    with pytest.raises(CommandError, match="no such release"):
        call_command("export_release", "999999", "--no-progress")


def test_the_command_refuses_a_draft(t1_items):
    from annotation.models import Release

    draft = Release.objects.create(name="Draft", version="0.1.0")
    with pytest.raises(CommandError, match="published"):
        call_command("export_release", str(draft.pk), "--no-progress")


TRICKY = [
    'Say "hi"',
    "back\\slash \\n not a newline",
    "two\nlines\r\nand\ttab",
    "unicode é ß 中文 😀 \u2028 \u200b",
    "control \x01 \x1f \x7f",
    "",
    ',comma,"quoted",',
]


def csv_cells(path):
    def cell(text):
        try:
            return float(text)
        except ValueError:
            return text

    with open(path, newline="", encoding="utf-8") as handle:
        return [[cell(text) for text in row] for row in csv.reader(handle)]


def item_fields(item) -> dict:
    """A release item's stored values but its id and release, for a copy in another release."""
    return {
        f.attname: getattr(item, f.attname)
        for f in ReleaseItem._meta.concrete_fields
        if f.attname not in ("id", "release_id")
    }


def release_copy(release, name, *, block_rows=None, inputs_of=None, **overrides):
    """A published copy of ``release`` stored as release_create stores one (its export text
    rendered in blocks of ``block_rows``); ``inputs_of(n, item)`` and ``overrides(n, item)``
    (field: function) change the copied rows."""
    from django.utils import timezone

    from annotation.curation.releases import release_items_store
    from annotation.models import Release

    copy = Release.objects.create(name=name, version="1.0.0", sizes=release.sizes)
    items = []
    for n, item in enumerate(release.items.order_by("uid")):
        fields = item_fields(item)
        if inputs_of:
            fields["inputs"] = inputs_of(n, item)
        for key, value_of in overrides.items():
            fields[key] = value_of(n, item)
        items.append(ReleaseItem(release=copy, **fields))
    release_items_store(copy, items, block_rows=block_rows)
    Release.objects.filter(pk=copy.pk).update(status="published", published_at=timezone.now())
    copy.refresh_from_db()
    return copy


def tricky_inputs(n, item):
    text = TRICKY[n % len(TRICKY)]
    inputs = {
        "objective": text,
        "category": TRICKY[(n + 1) % len(TRICKY)],
        "steps": [{"order": 1, "text": text}, {"order": 2, "text": "plain", "x": None}],
        "product": {"title": text, "price": 9.5, "tags": ["a", text]},
        "count": n,
        "weight": [1.0, 0.1, 2.5e-7, 3][n % 4],  # an int among floats: a float column
        "fresh": n % 2 == 0,
        "mixed": [1, "one", None, [1]][n % 4],  # values of several types: JSON text
    }
    if n % 5 == 3:
        del inputs["objective"]  # a missing key: NULL in every format
    if n == len(TRICKY) + 2:
        inputs["rare"] = "only here"  # one row of the release has this key
    return inputs


def tricky_release(release):
    """A published copy of the fixture's release with awkward inputs: quotes, backslashes,
    newlines, control characters, emoji, empty strings, missing keys, nested lists and
    objects, numbers and booleans, a key only one row has, a key of mixed types, NULL and
    whole-number posteriors; blocks of 3 rows."""
    return release_copy(
        release,
        "Tricky",
        block_rows=3,
        inputs_of=tricky_inputs,
        uid=lambda n, item: f"x{n:03d}-{TRICKY[n % len(TRICKY)][:3]}",
        ds_posterior=lambda n, item: [None, 1.0, 0.0, 0.123456789, item.ds_posterior][n % 5],
        category=lambda n, item: TRICKY[n % len(TRICKY)] or "none",
    )


def test_awkward_inputs_round_trip_in_every_format(release, curator):
    """JSON Lines records (types included), CSV cells and Parquet values all give back the
    release's inputs: strings that need quoting or escaping, nested lists and objects (as
    compact JSON with sorted keys in CSV and Parquet), missing keys as NULL, a key only one
    row has, an int among floats as a float, a mixed-type key as JSON text."""
    tricky = tricky_release(release)
    export = release_export_create(tricky, user=curator, include_test_labels=True)
    export = release_export_run(export.pk)
    assert export.status == "finished", export.failure
    folder = export_directory(export)
    for split in ("train", "dev", "test"):
        records = read_jsonl(folder / f"t1/{split}.jsonl")
        want = {i.uid: i for i in tricky.items.filter(task="t1", split=split).order_by("uid")}
        assert [r["id"] for r in records] == list(want)
        assert records and all(list(r) == list(records[0]) for r in records), split
        table = pq.read_table(folder / f"t1/{split}.parquet").to_pylist()
        with open(folder / f"t1/{split}.csv", newline="", encoding="utf-8") as handle:
            cells = list(csv.DictReader(handle))
        assert len(table) == len(cells) == len(records)
        for record, row, cell in zip(records, table, cells, strict=True):
            item = want[record["id"]]
            inputs = item.inputs
            assert record["objective"] == row["objective"] == inputs.get("objective")
            assert cell["objective"] == (inputs.get("objective") or "")
            assert record["input_category"] == row["input_category"] == inputs["category"]
            assert record["category"] == row["category"] == cell["category"] == item.category
            for key in ("steps", "product"):
                assert record[key] == json.loads(row[key]) == json.loads(cell[key]) == inputs[key]
                assert (
                    row[key]
                    == cell[key]
                    == json.dumps(
                        inputs[key], sort_keys=True, separators=(",", ":"), ensure_ascii=False
                    )
                )
            assert record["rare"] == row["rare"] == inputs.get("rare")
            assert record["count"] == row["count"] == int(cell["count"]) == inputs["count"]
            assert type(record["weight"]) is float and record["weight"] == inputs["weight"]
            assert row["weight"] == float(cell["weight"]) == inputs["weight"]
            assert type(record["fresh"]) is bool and record["fresh"] == row["fresh"]
            assert cell["fresh"] == ("true" if inputs["fresh"] else "false")
            mixed = inputs["mixed"]
            assert record["mixed"] == mixed
            assert row["mixed"] == (None if mixed is None else json.dumps(mixed))
            assert cell["mixed"] == ("" if mixed is None else json.dumps(mixed))
            if split != "test":
                assert record["ds_posterior"] == row["ds_posterior"] == item.ds_posterior
                assert cell["ds_posterior"] == (
                    "" if item.ds_posterior is None else repr(item.ds_posterior)
                )
    rows = [r for s in ("train", "dev", "test") for r in read_jsonl(folder / f"t1/{s}.jsonl")]
    assert sum(1 for r in rows if r["rare"]) == 1
    assert any(r["objective"] is None for r in rows)
    schema = pq.read_schema(folder / "t1/train.parquet")
    assert str(schema.field("steps").type) == "string"
    assert str(schema.field("count").type) == "int64"
    assert str(schema.field("weight").type) == "double"
    assert str(schema.field("mixed").type) == "string"
    labels = read_jsonl(folder / "private/t1/test_labels.jsonl")
    truth = {i.uid: i.ds_posterior for i in tricky.items.filter(task="t1", split="test")}
    assert {r["id"]: r["ds_posterior"] for r in labels} == truth


def test_rendering_and_writing_the_files_do_not_import_pandas(tmp_path):
    """Rendering a block (its Arrow rows come from its CSV text) and writing the three files
    convert no Python object to Arrow: one such conversion makes pyarrow import pandas, 40
    MB of memory. Checked in a fresh interpreter, with quoted newlines, NULLs, empty strings,
    floats, booleans and nested inputs; the Parquet file holds one row group per block."""
    import subprocess
    import sys

    script = f"""
import sys
from pathlib import Path
from types import SimpleNamespace
import pyarrow.parquet as pq
from annotation.curation.export_files import TableFiles, Writers
from annotation.curation.rendering import TableText, input_columns
def row(uid, inputs, posterior):
    return SimpleNamespace(uid=uid, category="c", inputs=inputs, test_part="", label=1,
                           votes=5, positive_votes=4, ds_posterior=posterior, adjudicated=True)
rows = [row("a", {{"objective": 'say "hi"', "score": 1.0, "ok": True}}, 0.5),
        row("b", {{"objective": None, "score": 0.5, "steps": [{{"b": 1, "a": "x"}}]}}, None),
        row("c", {{"objective": "two\\nlines", "ok": False}}, 1.0),
        row("d", {{"objective": "", "score": 2.5e-07}}, 0.25)]
text = TableText("t1", "train", input_columns(r.inputs for r in rows))
writers = Writers(4)
files = TableFiles(Path({str(tmp_path)!r}) / "table", text.schema, {{"steps"}}, text.header,
                   writers)
for start in (0, 2):
    block = text.block(rows[start:start + 2])
    files.write(block.csv, block.jsonl, block.arrow, block.rows)
files.close()
writers.drain()
writers.shutdown()
assert "pandas" not in sys.modules, "pandas was imported"
print(pq.ParquetFile(files.paths["parquet"]).metadata.num_row_groups)
print(pq.read_table(files.paths["parquet"], columns=["id", "objective", "score", "ok", "steps",
      "ds_posterior"]).to_pylist())
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 0, done.stderr
    groups, rows = done.stdout.splitlines()
    assert groups == "2"
    assert rows == repr(
        [
            {"id": "a", "objective": 'say "hi"', "score": 1.0, "ok": True, "steps": None,
             "ds_posterior": 0.5},
            {"id": "b", "objective": None, "score": 0.5, "ok": None,
             "steps": '[{"a":"x","b":1}]', "ds_posterior": None},
            {"id": "c", "objective": "two\nlines", "score": None, "ok": False, "steps": None,
             "ds_posterior": 1.0},
            {"id": "d", "objective": "", "score": 2.5e-07, "ok": None, "steps": None,
             "ds_posterior": 0.25},
        ]
    )  # fmt: skip
