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

Rows stream, so memory depends on the chunk size, not on the release's size. On PostgreSQL
one ``COPY (SELECT ... ORDER BY uid) TO STDOUT`` per table has the server write the CSV text,
which Arrow turns into Parquet and JSON Lines with no Python per row (export_copy.py). On
other databases (SQLite) one ordered ``.iterator()`` pass per task and split feeds all formats
at once, a chunk at a time (Parquet row group, CSV batch, JSON lines). Both give the same
content (tests/annotation/test_exports.py compares them). Counts for the card come from one
GROUP BY; the input columns from a sample of rows, with one check over all rows that no row
has a key outside it (a task where one does gets every row's keys listed).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.csv as pa_csv
from django.conf import settings
from django.db import DatabaseError, DataError, connection, transaction
from django.db.models import BigIntegerField, BooleanField, Count, FloatField, Q
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone

from accounts.errors import ApplicationError, NotFoundError
from accounts.roles import CURATOR, user_has_role
from annotation.curation import export_copy
from annotation.curation.card import croissant_metadata, croissant_process_start, dataset_card
from annotation.curation.export_copy import FORMATS
from annotation.models import Release, ReleaseExport, ReleaseItem
from pipeline.models import Task

SPLITS = ("train", "dev", "test")
HEAD_COLUMNS = ("id", "task", "split", "category")
# The label and everything derived from it: never in a public test file.
LABEL_COLUMNS = ("label", "votes", "positive_votes", "ds_posterior", "adjudicated")
PRIVATE_COLUMNS = ("id", "task", "test_part", *LABEL_COLUMNS)
LABEL_TYPES = {
    "label": pa.int8(),
    "votes": pa.int16(),
    "positive_votes": pa.int16(),
    "ds_posterior": pa.float64(),
    "adjudicated": pa.bool_(),
}
# Rows per read, per Parquet row group and per write: about 2-3 MB of rows in memory.
DEFAULT_CHUNK_SIZE = 2_000
# Connections copying tables at once on PostgreSQL: the server renders the CSV text, the
# costliest part, on as many cores (RELEASE_EXPORT_COPY_CONNECTIONS).
COPY_CONNECTIONS = 2
# Threads turning CSV files into Parquet and JSON Lines. Two: since the server reads each
# table from its index (no sort), the COPYs end well before the conversions, which a single
# thread left to finish alone (on 1M items: 16 s against 25 s, for about 10 MB of RSS with
# Arrow's jemalloc pool; see ARROW_DEFAULT_MEMORY_POOL in the settings).
CONVERT_THREADS = 2
# Input columns in reading order (jsonb keeps keys sorted by length, which reads oddly).
INPUT_ORDER = ("objective", "category", "steps", "step_order", "step", "product")


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
    chunk_size: int | None = None,
    timings: dict | None = None,
) -> ReleaseExport:
    """Write a queued export's files. A redelivered task (status running: the worker died)
    writes everything again from the start into the same folder; a finished or failed export
    is left alone. A failure is kept in ``failure`` and re-raised. ``timings`` (bench/export.py)
    receives the seconds spent reading rows, building them, writing each format, hashing,
    and writing the card and the Croissant file."""
    claimed = ReleaseExport.objects.filter(
        pk=export_id, status__in=[ReleaseExport.Status.QUEUED, ReleaseExport.Status.RUNNING]
    ).update(status=ReleaseExport.Status.RUNNING, started_at=timezone.now(), rows_done=0)
    export = ReleaseExport.objects.select_related("release").get(pk=export_id)
    if not claimed:
        return export
    release = export.release
    chunk_size = chunk_size or int(
        getattr(settings, "RELEASE_EXPORT_CHUNK_SIZE", DEFAULT_CHUNK_SIZE)
    )
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
        files = _release_write(export, release, folder, chunk_size, on_progress, clock)
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


@dataclass
class TableSummary:
    task: str
    split: str
    rows: int = 0
    positive: int = 0
    test_parts: dict = field(default_factory=dict)


def _release_write(export, release, folder, chunk_size, on_progress, clock) -> list[dict]:
    croissant_process = croissant_process_start()
    try:
        return _release_files_write(
            export, release, folder, chunk_size, on_progress, clock, croissant_process
        )
    finally:
        if croissant_process.poll() is None:  # the export failed before it was used
            croissant_process.kill()
            croissant_process.communicate()


def _release_files_write(
    export, release, folder, chunk_size, on_progress, clock, croissant_process
) -> list[dict]:
    started = time.perf_counter()
    samples = _input_samples(release)
    tables, other_keys = _release_scan(release, samples)
    columns = {
        task: _input_columns(release, task, samples[task], other_keys.get(task, set()))
        for task in dict.fromkeys(t.task for t in tables)
    }
    clock["columns"] += time.perf_counter() - started
    write = _tables_write_copy if _copy_path() else _tables_write_orm
    entries = write(export, release, folder, tables, columns, chunk_size, on_progress, clock)

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


def _copy_path() -> bool:
    """PostgreSQL renders the files' text itself (annotation/curation/export_copy.py); other
    databases (SQLite, the embedded default) go through the ORM, a chunk of rows at a time.
    ``RELEASE_EXPORT_COPY = False`` forces the general path (the tests compare the two)."""
    return connection.vendor == "postgresql" and getattr(settings, "RELEASE_EXPORT_COPY", True)


def _progress(export, done, table, on_progress) -> None:
    ReleaseExport.objects.filter(pk=export.pk).update(rows_done=done)
    if on_progress:
        on_progress(ExportProgress(done, export.rows_total, table))


# --- the general path: the ORM, a chunk of rows at a time --------------------------------------


def _tables_write_orm(export, release, folder, tables, columns, chunk_size, on_progress, clock):
    entries: list[dict] = []
    done = 0
    for summary in tables:
        task, split = summary.task, summary.split
        schema = _schema(columns[task], labelled=split != "test")
        embedded = {c.name for c in columns[task] if c.kind == "json"}
        public = _TableFiles(folder, f"{task}/{split}", schema, embedded, task, split, clock)
        private = None
        if split == "test" and export.include_test_labels:
            stem = f"private/{task}/test_labels"
            private = _TableFiles(folder, stem, _private_schema(), set(), task, split, clock)
        started = time.perf_counter()
        for chunk in _chunks(release, task, split, columns[task], chunk_size):
            now = time.perf_counter()
            clock["read"] += now - started
            writing = sum(clock[f] for f in FORMATS)
            _chunk_write(chunk, columns[task], task, split, public, private)
            started = time.perf_counter()
            clock["build"] += started - now - (sum(clock[f] for f in FORMATS) - writing)
            done += len(chunk)
            _progress(export, done, f"{task}/{split}", on_progress)
            started = time.perf_counter()
        entries += public.close(public=True)
        if private:
            entries += private.close(public=False)
    return entries


def _chunks(release, task, split, columns, chunk_size):
    """Lists of row tuples in uid order: uid, category, one value per input column, test_part,
    then the label columns. The database takes each input out of the JSON (a list or object
    as its JSON text), so Python never parses the inputs: JSON Lines embeds that text as it
    is (orjson.Fragment), CSV and Parquet store it as a string."""
    extracted = {}
    for n, column in enumerate(columns):
        text = KT(f"inputs__{column.key}")
        cast = {"int": BigIntegerField, "float": FloatField, "bool": BooleanField}.get(column.kind)
        extracted[f"in_{n}"] = Cast(text, output_field=cast()) if cast else text
    rows = (
        ReleaseItem.objects.filter(release=release, task=task, split=split)
        .order_by("uid")
        .annotate(**extracted)
        .values_list("uid", "category", *extracted, "test_part", *LABEL_COLUMNS)
        .iterator(chunk_size=chunk_size)
    )
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- the PostgreSQL path: COPY, Arrow, no Python per row ---------------------------------------


def _tables_write_copy(export, release, folder, tables, columns, chunk_size, on_progress, clock):
    """One ``COPY ... TO STDOUT`` per table (and one per private test-label table) writes its
    CSV file, on COPY_CONNECTIONS connections at once (the server's rendering is the costliest
    part); a worker thread turns each CSV file into Parquet and JSON Lines while the next
    tables are copied (annotation/curation/export_copy.py). The largest tables go first, so
    that little conversion is left once the last COPY is done. Progress: per table."""
    import psycopg

    db_table = ReleaseItem._meta.db_table
    heads = [export_copy.column_sql("string", column=name) for name in ("uid", "task", "split")]
    heads.append(export_copy.column_sql("string", column="category"))
    labels = [
        export_copy.column_sql("bool" if name == "adjudicated" else "number", column=name)
        for name in LABEL_COLUMNS
    ]
    private_columns = [export_copy.column_sql("string", column=n) for n in ("uid", "task")]
    private_columns += [export_copy.column_sql("string", column="test_part"), *labels]
    jobs = []  # (summary, stem, files, query, public), in the files' order
    for summary in tables:
        task, split = summary.task, summary.split
        inputs = [export_copy.column_sql(c.kind, key=c.key) for c in columns[task]]
        embedded = {c.name for c in columns[task] if c.kind == "json"}
        schema = _schema(columns[task], labelled=split != "test")
        expressions = heads + inputs + (labels if split != "test" else [])
        table_jobs = [(f"{task}/{split}", schema, expressions, embedded, {"split": split}, True)]
        if split == "test" and export.include_test_labels:
            stem = f"private/{task}/test_labels"
            table_jobs.append((stem, _private_schema(), private_columns, set(), {}, False))
        for stem, schema, expressions, embedded, constants, public in table_jobs:
            strings = [n for n, f in enumerate(schema) if pa.types.is_string(f.type)]
            query = export_copy.table_query(db_table, expressions, strings)
            files = export_copy.TableCopy(
                folder / stem, schema, embedded, {"task": task, **constants}
            )
            jobs.append((summary, stem, files, query, public))

    queue = sorted(jobs, key=lambda j: -j[0].rows)  # the largest first, taken by the copiers
    lock, stop = threading.Lock(), threading.Event()
    done, conversions = [0], []

    def copier() -> None:
        """Copy tables off the queue on this thread's connection until it is empty."""
        with connection.cursor() as cursor:
            previous = export_copy.session_settings(cursor, export_copy.SESSION_SETTINGS)
            try:
                while not stop.is_set():
                    with lock:
                        if not queue:
                            break
                        summary, stem, files, query, public = queue.pop(0)
                    params = (release.pk, summary.task, summary.split)
                    try:
                        rows = files.copy(cursor, query, params, chunk_size)
                    except (psycopg.DataError, DataError) as error:  # an input's cast failed
                        raise ApplicationError(
                            f"{summary.task}/{summary.split}: an input of another type than "
                            f"its column ({error})"
                        ) from error
                    if rows != summary.rows:
                        raise ApplicationError(f"{stem}: {rows} rows, {summary.rows} expected")
                    with lock:
                        conversions.append(worker.submit(files.convert))
                        done[0] += rows if public else 0
                        rows_done = done[0]
                    if public:
                        _progress(export, rows_done, f"{summary.task}/{summary.split}", on_progress)
            except BaseException:
                stop.set()
                # In a transaction that failed, the settings go back with its rollback.
                with contextlib.suppress(DatabaseError):
                    export_copy.session_settings(cursor, previous)
                raise
            export_copy.session_settings(cursor, previous)

    def copier_own_connection() -> None:
        try:
            copier()
        finally:
            connection.close()  # this thread's connection (Django's are per thread)

    # More connections copy other tables at the same time (the server renders on more cores),
    # unless this runs in a transaction: no other connection would see its rows.
    copiers = int(getattr(settings, "RELEASE_EXPORT_COPY_CONNECTIONS", COPY_CONNECTIONS))
    copiers = 1 if connection.in_atomic_block else max(copiers, 1)
    with ThreadPoolExecutor(CONVERT_THREADS, thread_name_prefix="export-arrow") as worker:
        with ThreadPoolExecutor(max(copiers - 1, 1), thread_name_prefix="export-copy") as more:
            others = [more.submit(copier_own_connection) for _ in range(copiers - 1)]
            try:
                copier()
            except BaseException:
                for conversion in conversions:
                    conversion.cancel()  # the files will not be kept anyway
                raise
            finally:
                wait(others)
            for other in others:
                other.result()
        started = time.perf_counter()
        for conversion in conversions:
            conversion.result()
        clock["convert_wait"] += time.perf_counter() - started
    for _summary, _stem, files, _query, _public in jobs:
        clock.update(files.clock)
    return [
        _file_entry(
            folder,
            files.paths[fmt],
            fmt,
            summary.task,
            summary.split,
            files.rows,
            public=public,
            checksum=files.sums[fmt],
        )
        for summary, _stem, files, _query, public in jobs
        for fmt in FORMATS
    ]


# --- tables, counts and input columns ----------------------------------------------------------

# Rows whose inputs decide each column's type (the first ones in split and uid order).
INPUT_SAMPLE = 200


def _input_samples(release) -> dict[str, list[dict]]:
    return {
        task: list(
            release.items.filter(task=task)
            .order_by("split", "uid")
            .values_list("inputs", flat=True)[:INPUT_SAMPLE]
        )
        for task in Task.values
    }


def _release_scan(release, samples) -> tuple[list[TableSummary], dict[str, set]]:
    """The tables with rows (a dev share of 0 gives no dev files) and their counts for the
    card, from one GROUP BY; and, per task, the input keys that are not in its sample.
    PostgreSQL answers both in one pass over the rows, without listing every row's keys: it
    only tells whether a row has a key outside the sample's (``inputs - keys <> '{}'``), and
    only such a task gets its keys listed, so a key is never lost for being rare."""
    table = ReleaseItem._meta.db_table
    keys = {task: sorted(_sample_keys(rows)) for task, rows in samples.items()}
    if connection.vendor == "postgresql":
        cases = " ".join("WHEN %s THEN %s::text[]" for _ in keys)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT task, split, count(*), count(*) FILTER (WHERE label = 1), "
                "count(*) FILTER (WHERE test_part = 'public'), "
                "count(*) FILTER (WHERE test_part = 'private'), "
                f"bool_or(inputs - (CASE task {cases} END) <> '{{}}'::jsonb) "
                f"FROM {table} WHERE release_id = %s GROUP BY task, split",
                [v for task, names in keys.items() for v in (task, names)] + [release.pk],
            )
            found = cursor.fetchall()
        counts = {(t, s): (n, pos, pub, pri) for t, s, n, pos, pub, pri, _ in found}
        flagged = {t for t, _s, *_, other in found if other}
        other_keys = {task: _input_keys(release, task) - set(keys[task]) for task in flagged}
    else:
        found = (
            release.items.order_by()
            .values("task", "split")
            .annotate(
                rows=Count("pk"),
                positive=Count("pk", filter=Q(label=1)),
                public=Count("pk", filter=Q(test_part="public")),
                private=Count("pk", filter=Q(test_part="private")),
            )
            .values_list("task", "split", "rows", "positive", "public", "private")
        )
        counts = {(t, s): rest for t, s, *rest in found}
        other_keys = {
            task: _input_keys(release, task) - set(keys[task]) for task in {t for t, _s in counts}
        }
    tables = []
    for task in Task.values:
        for split in SPLITS:
            if (task, split) not in counts:
                continue
            rows, positive, public, private = counts[task, split]
            parts = {"public": public, "private": private} if split == "test" else {}
            tables.append(TableSummary(task, split, rows, positive, parts))
    return tables, other_keys


def _sample_keys(rows) -> set:
    return {key for inputs in rows if isinstance(inputs, dict) for key in inputs}


def _input_keys(release, task) -> set:
    """Every key of every row's inputs (a full pass: only when the sample is not enough)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT jsonb_object_keys(inputs) FROM {ReleaseItem._meta.db_table} "
                "WHERE release_id = %s AND task = %s",
                [release.pk, task],
            )
            return {key for (key,) in cursor.fetchall()}
    rows = release.items.filter(task=task).values_list("inputs", flat=True)
    return _sample_keys(rows.iterator())


@dataclass
class InputColumn:
    key: str  # the key in ReleaseItem.inputs
    name: str  # the column name in the files
    kind: str  # "string", "int", "float", "bool" or "json" (lists, objects)

    @property
    def arrow_type(self):
        return {
            "string": pa.string(),
            "int": pa.int64(),
            "float": pa.float64(),
            "bool": pa.bool_(),
            "json": pa.string(),
        }[self.kind]


def _input_columns(release, task, sample, other_keys) -> list[InputColumn]:
    """The columns of a task's inputs: every key found in its rows (the known ones in
    INPUT_ORDER, then any other alphabetically), typed from the sample (a key missing from it:
    from rows that have it). A key that is also a row column (``category``: the input holds
    the category's display label) is written as ``input_<key>``."""
    found = _sample_keys(sample) | set(other_keys)
    keys = [k for k in INPUT_ORDER if k in found] + sorted(found - set(INPUT_ORDER))
    reserved = set(HEAD_COLUMNS) | set(PRIVATE_COLUMNS)
    columns = []
    for key in keys:
        values = [inputs.get(key) for inputs in sample]
        if key in other_keys:
            having = release.items.filter(task=task, inputs__has_key=key).order_by("split", "uid")
            values = [i.get(key) for i in having.values_list("inputs", flat=True)[:INPUT_SAMPLE]]
        first = next((v for v in values if v is not None), None)
        if isinstance(first, bool):
            kind = "bool"
        elif isinstance(first, int) and all(isinstance(v, int | None) for v in values):
            kind = "int"
        elif isinstance(first, int | float):
            kind = "float"
        elif isinstance(first, list | dict):
            kind = "json"
        else:
            kind = "string"
        columns.append(InputColumn(key, f"input_{key}" if key in reserved else key, kind))
    return columns


def _schema(columns: list[InputColumn], *, labelled: bool) -> pa.Schema:
    fields = [pa.field(name, pa.string()) for name in HEAD_COLUMNS]
    fields += [pa.field(c.name, c.arrow_type) for c in columns]
    if labelled:
        fields += [pa.field(name, LABEL_TYPES[name]) for name in LABEL_COLUMNS]
    return pa.schema(fields)


def _private_schema() -> pa.Schema:
    return pa.schema(
        [pa.field(name, LABEL_TYPES.get(name, pa.string())) for name in PRIVATE_COLUMNS]
    )


def _chunk_write(chunk, columns, task, split, public, private) -> None:
    n_inputs = len(columns)
    label_at = 3 + n_inputs  # uid, category, inputs..., test_part, label, votes, ...
    names = [c.name for c in columns]
    embedded = [c.kind == "json" for c in columns]
    labelled = split != "test"
    dumps, fragment = orjson.dumps, orjson.Fragment
    lines = []
    for row in chunk:
        record = {"id": row[0], "task": task, "split": split, "category": row[1]}
        for i in range(n_inputs):
            value = row[2 + i]
            record[names[i]] = fragment(value) if embedded[i] and value is not None else value
        if labelled:
            for offset, name in enumerate(LABEL_COLUMNS):
                record[name] = row[label_at + offset]
        lines.append(dumps(record))
    by_column = list(zip(*chunk, strict=True))  # column-wise, in C: no per-row Python
    n = len(chunk)
    ids = pa.array(by_column[0], pa.string())
    task_array = pa.array([task] * n, pa.string())
    arrays = [ids, task_array, pa.array([split] * n, pa.string())]
    arrays.append(pa.array(by_column[1], pa.string()))
    for i, column in enumerate(columns):
        try:
            arrays.append(pa.array(by_column[2 + i], column.arrow_type))
        except (pa.ArrowException, TypeError, ValueError) as error:
            raise ApplicationError(
                f"{task}/{split}: input {column.key!r} ({column.kind} from the first rows): "
                f"a value of another type ({error})"
            ) from error
    labels = _label_arrays(by_column, label_at)
    public.write(lines, arrays + labels if labelled else arrays)
    if private is not None:
        parts = by_column[label_at - 1]
        private_lines = []
        for row in chunk:
            record = {"id": row[0], "task": task, "test_part": row[label_at - 1]}
            for offset, name in enumerate(LABEL_COLUMNS):
                record[name] = row[label_at + offset]
            private_lines.append(dumps(record))
        private.write(private_lines, [ids, task_array, pa.array(parts, pa.string()), *labels])


def _label_arrays(by_column, label_at) -> list[pa.Array]:
    return [
        pa.array(by_column[label_at + offset], LABEL_TYPES[name])
        for offset, name in enumerate(LABEL_COLUMNS)
    ]


class _TableFiles:
    """One table (``t1/train``) in the three formats, written a chunk at a time."""

    def __init__(self, folder: Path, stem: str, schema, embedded: set, task, split, clock: Counter):
        self.folder, self.stem, self.schema = folder, stem, schema
        self.task, self.split, self.clock = task, split, clock
        self.paths = {fmt: folder / f"{stem}.{fmt}" for fmt in FORMATS}
        self.paths["jsonl"].parent.mkdir(parents=True, exist_ok=True)
        self.jsonl = open(self.paths["jsonl"], "wb")  # noqa: SIM115 (closed in close())
        self.csv = pa_csv.CSVWriter(str(self.paths["csv"]), schema)
        self.parquet = export_copy.parquet_writer(self.paths["parquet"], schema, embedded)
        self.rows = 0

    def write(self, lines: list[bytes], arrays: list[pa.Array]) -> None:
        clock, tick = self.clock, time.perf_counter
        started = tick()
        if lines:
            self.jsonl.write(b"\n".join(lines) + b"\n")
        batch = pa.RecordBatch.from_arrays(arrays, schema=self.schema)
        now = tick()
        clock["jsonl"] += now - started
        self.csv.write_batch(batch)
        started = tick()
        clock["csv"] += started - now
        # One row group per chunk: readers can stream the file back the same way.
        self.parquet.write_batch(batch)
        clock["parquet"] += tick() - started
        self.rows += len(lines)

    def close(self, *, public: bool) -> list[dict]:
        for fmt, writer in (("jsonl", self.jsonl), ("csv", self.csv), ("parquet", self.parquet)):
            started = time.perf_counter()
            writer.close()
            self.clock[fmt] += time.perf_counter() - started
        started = time.perf_counter()
        entries = [
            _file_entry(
                self.folder, self.paths[fmt], fmt, self.task, self.split, self.rows, public=public
            )
            for fmt in FORMATS
        ]
        self.clock["sha256"] += time.perf_counter() - started
        return entries


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
