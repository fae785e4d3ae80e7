"""Exports of a published release: JSON Lines, CSV and Parquet per task and split, a dataset
card (README.md, Hugging Face datasets style), Croissant metadata and SHA-256 checksums.

Layout of one export (MEDIA_ROOT/exports/<release name>-<version>/<export id>/):

    t1/train.jsonl  t1/train.csv  t1/train.parquet      (and dev; per task t1..t3)
    t1/test.jsonl   t1/test.csv   t1/test.parquet       test INPUTS: no label, nothing derived
    README.md  croissant.json  SHA256SUMS                   from it, no public/private part
    private/t1/test_labels.{jsonl,csv,parquet}           only with include_test_labels
    private/SHA256SUMS

Everything outside private/ is public (``files[i]["public"]``); the public SHA256SUMS, card
and Croissant file never name a private file, so nothing offered to model authors says
anything about the test labels.

The rows were rendered once, when the release was built (rendering.py: a ReleaseTable per
task and split with its input columns and counts, its rows in ReleaseBlocks of CSV and JSON
Lines text and Arrow rows). An export writes each table's blocks, in order, into its three
files, one writer thread per format (export_files.py), hashing them as written: no row is
rendered or parsed at export time, and memory holds a few blocks whatever the release's size.
Both databases give the same bytes: only the way the blocks are fetched differs.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import orjson
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from accounts.errors import ApplicationError, NotFoundError
from accounts.roles import CURATOR, user_has_role
from annotation.curation.card import croissant_metadata, croissant_process_start, dataset_card
from annotation.curation.export_files import FORMATS, TableFiles, Writers
from annotation.curation.rendering import InputColumn, TableText
from annotation.models import Release, ReleaseBlock, ReleaseExport, ReleaseTable
from pipeline.models import Task

SPLITS = ("train", "dev", "test")
# Writes (a block in one format) waiting for the writer threads at most: a few blocks of
# 1-2 MB in memory.
PENDING_WRITES = 6


# --- starting an export ------------------------------------------------------------------------


def release_export_create(
    release: Release, *, user, include_test_labels: bool = False, enqueue: bool = True
) -> ReleaseExport:
    """Queue an export of a published release; the Celery job starts after the commit
    (``enqueue=False``: the caller runs it, as ``manage.py export_release`` does)."""
    release = Release.objects.get(pk=release.pk)  # the caller's copy may predate publishing
    if not release.is_published:
        raise ApplicationError(
            f"{release} is a draft: only a published release can be exported "
            "(a draft may still change)."
        )
    export = ReleaseExport.objects.create(
        release=release,
        include_test_labels=include_test_labels,
        created_by=user,
        rows_total=release.items.count(),
    )
    if enqueue:
        from annotation.tasks import release_export_task

        transaction.on_commit(lambda: release_export_task.delay(export.pk))
    return export


def export_directory(export: ReleaseExport) -> Path:
    """Where the export's files are: ``directory`` is relative to MEDIA_ROOT (or absolute when
    the command was given --output)."""
    return Path(settings.MEDIA_ROOT) / export.directory


# --- who may see what -------------------------------------------------------------------------


def release_exports_visible(release: Release, user):
    """A release's exports as ``user`` may see them: curators every export; model authors only
    finished exports of published releases (a draft is not even shown to exist)."""
    exports = release.exports.select_related("created_by")
    if user_has_role(user, CURATOR):
        return exports
    if not release.is_published:
        raise NotFoundError("No such release.")
    return exports.filter(status=ReleaseExport.Status.FINISHED)


def release_export_visible(export_id: int, user) -> ReleaseExport:
    export = ReleaseExport.objects.select_related("release", "created_by").filter(pk=export_id)
    export = export.first()
    if export is None or not (
        user_has_role(user, CURATOR)
        or (export.release.is_published and export.status == ReleaseExport.Status.FINISHED)
    ):
        raise NotFoundError("No such export.")
    return export


def export_files_visible(export: ReleaseExport, user) -> list[dict]:
    """Curators: every file. Everyone else: public files only, never one under private/ (the
    test labels); the two checks guard each other against a mislabelled entry."""
    if user_has_role(user, CURATOR):
        return list(export.files)
    return [f for f in export.files if f.get("public") and not f["name"].startswith("private/")]


def export_file_path(export: ReleaseExport, name: str, user) -> Path:
    """The path of one file the user may download; names come from the export's own list,
    so no request can reach any other path."""
    entry = next((f for f in export_files_visible(export, user) if f["name"] == name), None)
    path = export_directory(export) / name if entry else None
    if path is None or not path.is_file():
        raise NotFoundError(f"No file {name!r} in export {export.pk}.")
    return path


def export_file_download_name(export: ReleaseExport, name: str) -> str:
    """``Bench-1.0.0-t1-train.csv``: saved files of several tasks and releases don't clash."""
    release = export.release
    return f"{_slug(release.name)}-{_slug(release.version)}-{name.replace('/', '-')}"


# --- running it --------------------------------------------------------------------------------


@dataclass
class ExportProgress:
    rows_done: int
    rows_total: int
    table: str  # "t1/train"


def release_export_run(
    export_id: int,
    *,
    output: Path | None = None,
    on_progress: Callable[[ExportProgress], None] | None = None,
    timings: dict | None = None,
) -> ReleaseExport:
    """Write a queued export's files. A redelivered task (status running: the worker died)
    writes everything again from the start into the same folder; a finished or failed export
    is left alone. A failure is kept in ``failure`` and re-raised. ``timings`` (bench/export.py)
    receives the seconds spent waiting for blocks, each format's writer thread's busy time,
    and the seconds writing the card and the Croissant file."""
    claimed = ReleaseExport.objects.filter(
        pk=export_id, status__in=[ReleaseExport.Status.QUEUED, ReleaseExport.Status.RUNNING]
    ).update(status=ReleaseExport.Status.RUNNING, started_at=timezone.now(), rows_done=0)
    export = ReleaseExport.objects.select_related("release").get(pk=export_id)
    if not claimed:
        return export
    release = export.release
    if output is not None:
        folder = Path(output).resolve()
        directory = str(folder)
    else:
        directory = f"exports/{_slug(release.name)}-{_slug(release.version)}/{export.pk}"
        folder = Path(settings.MEDIA_ROOT) / directory
    ReleaseExport.objects.filter(pk=export_id).update(directory=directory)
    try:
        if not release.is_published:
            raise ApplicationError(f"{release} is not published; it cannot be exported.")
        if folder.exists():
            shutil.rmtree(folder)  # a re-run after a crash starts clean
        folder.mkdir(parents=True)
        clock: Counter = Counter()
        files = _release_write(export, release, folder, on_progress, clock)
        if timings is not None:
            timings.update(clock)
    except Exception as error:
        ReleaseExport.objects.filter(pk=export_id).update(
            status=ReleaseExport.Status.FAILED,
            failure=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
    ReleaseExport.objects.filter(pk=export_id).update(
        status=ReleaseExport.Status.FINISHED,
        files=files,
        rows_done=export.rows_total,
        finished_at=timezone.now(),
    )
    export.refresh_from_db()
    return export


def _release_write(export, release, folder, on_progress, clock) -> list[dict]:
    croissant_process = croissant_process_start()
    try:
        return _release_files_write(export, release, folder, on_progress, clock, croissant_process)
    finally:
        if croissant_process.poll() is None:  # the export failed before it was used
            croissant_process.kill()
            croissant_process.communicate()


def _release_files_write(export, release, folder, on_progress, clock, croissant_process):
    tables = _release_tables(release)
    entries = _tables_write(export, folder, tables, on_progress, clock)
    started = time.perf_counter()
    card = folder / "README.md"
    card.write_text(dataset_card(release, tables, entries), encoding="utf-8")
    entries.append(_file_entry(folder, card, "md", None, None, None, public=True))
    clock["card"] += time.perf_counter() - started
    started = time.perf_counter()
    croissant = folder / "croissant.json"
    document = croissant_metadata(release, entries, folder, process=croissant_process)
    croissant.write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2))
    entries.append(_file_entry(folder, croissant, "croissant", None, None, None, public=True))
    clock["croissant"] += time.perf_counter() - started
    for public in (True, False):
        chosen = [e for e in entries if e["public"] == public]
        if not chosen:
            continue
        sums = folder / ("SHA256SUMS" if public else "private/SHA256SUMS")
        base = folder if public else folder / "private"
        # sha256sum format: "<hex>  <path>", paths relative to the file's own folder, so that
        # `sha256sum -c SHA256SUMS` works from there.
        sums.write_text(
            "".join(
                f"{e['sha256']}  {(folder / e['name']).relative_to(base).as_posix()}\n"
                for e in chosen
            )
        )
        entries.append(_file_entry(folder, sums, "sha256sums", None, None, None, public=public))
    return entries


def _release_tables(release) -> list[ReleaseTable]:
    """The release's tables in the files' order (task, then train, dev, test)."""
    tables = list(release.tables.all())
    rows, items = sum(t.rows for t in tables), release.items.count()
    if rows != items:
        raise ApplicationError(f"{release}: its export text holds {rows} rows, the release {items}")
    order = {split: n for n, split in enumerate(SPLITS)}
    return sorted(tables, key=lambda t: (Task.values.index(t.task), order[t.split]))


def _progress(export, done, table, on_progress) -> None:
    ReleaseExport.objects.filter(pk=export.pk).update(rows_done=done)
    if on_progress:
        on_progress(ExportProgress(done, export.rows_total, table))


def _tables_write(export, folder, tables, on_progress, clock) -> list[dict]:
    """Each table's blocks, read in order on this thread (its connection sees the release,
    even inside a transaction), written by one thread per format while the next blocks are
    read: the CSV and JSON Lines text as stored, the Arrow rows as Parquet row groups, and
    for a test split the private test labels alike (export_files.py). Progress: at the end
    of each table."""
    writers = Writers(PENDING_WRITES)
    jobs = []  # (table, files, public), in the files' order
    exported = 0  # rows of the tables done
    try:
        for table in tables:
            columns = [InputColumn(**c) for c in table.columns]
            text = TableText(table.task, table.split, columns)
            embedded = {c.name for c in columns if c.kind == "json"}
            public = TableFiles(
                folder / table.task / table.split, text.schema, embedded, text.header, writers
            )
            jobs.append((table, public, True))
            private = None
            if table.split == "test" and export.include_test_labels:
                stem = folder / "private" / table.task / "test_labels"
                private = TableFiles(stem, text.labels_schema, set(), text.labels_header, writers)
                jobs.append((table, private, False))
            label = f"{table.task}/{table.split}"
            started = time.perf_counter()
            done = 0
            for rows, csv, jsonl, arrow, *labels in _blocks(table, labels=private is not None):
                clock["read"] += time.perf_counter() - started
                public.write(csv, jsonl, arrow, rows)
                if private is not None:
                    private.write(*labels, rows)
                done += rows
                started = time.perf_counter()
            clock["read"] += time.perf_counter() - started
            if done != table.rows:
                raise ApplicationError(f"{label}: {done} rows, {table.rows} expected")
            public.close()
            if private is not None:
                private.close()
            exported += done
            _progress(export, exported, label, on_progress)
        started = time.perf_counter()
        writers.drain()
        clock["write_wait"] += time.perf_counter() - started
    except BaseException:
        writers.shutdown(cancel=True)
        for _table, files, _public in jobs:
            files.abandon()
        raise
    finally:
        writers.shutdown()
    for _table, files, _public in jobs:
        clock.update(files.clock)
    return [
        _file_entry(
            folder,
            files.paths[fmt],
            fmt,
            table.task,
            table.split,
            files.rows,
            public=public,
            checksum=files.sums[fmt],
        )
        for table, files, public in jobs
        for fmt in FORMATS
    ]


def _blocks(table: ReleaseTable, *, labels: bool):
    """(rows, csv, jsonl, arrow[, labels_csv, labels_jsonl, labels_arrow]) of each of the
    table's blocks, in order, as bytes, one block in memory at a time. On PostgreSQL one
    query streamed a row (a block) at a time in binary format (the bytes as stored, no hex
    text in between), on a driver cursor of its own: the connection runs nothing else until
    the table is read."""
    fields = ["rows", "csv", "jsonl", "arrow"]
    fields += ["labels_csv", "labels_jsonl", "labels_arrow"] if labels else []
    if connection.vendor == "postgresql":
        import psycopg

        connection.ensure_connection()
        # Django's cursors bind on the client, which gives no binary results.
        with psycopg.Cursor(connection.connection) as cursor:
            query = (
                f"SELECT {', '.join(fields)} FROM {ReleaseBlock._meta.db_table} "
                "WHERE table_id = %s ORDER BY number"
            )
            yield from cursor.stream(query, [table.pk], binary=True)
        return
    found = ReleaseBlock.objects.filter(table=table).order_by("number").values_list(*fields)
    for row in found.iterator(chunk_size=1):
        yield (row[0], *(bytes(value) for value in row[1:]))


def _file_entry(folder, path: Path, fmt, task, split, rows, *, public, checksum=None) -> dict:
    """``checksum``: (sha256, bytes) when the writer hashed the file as it wrote it."""
    if checksum is None:
        with open(path, "rb") as handle:
            checksum = (hashlib.file_digest(handle, "sha256").hexdigest(), path.stat().st_size)
    digest, size = checksum
    return {
        "name": path.relative_to(folder).as_posix(),
        "format": fmt,
        "task": task,
        "split": split,
        "rows": rows,
        "bytes": size,
        "sha256": digest,
        "public": public,
    }


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.") or "release"
