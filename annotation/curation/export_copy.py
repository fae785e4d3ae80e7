"""The PostgreSQL path of release exports: the server renders each table once, as CSV, and
C++ (pyarrow) turns that text into the Parquet and JSON Lines files; Python only moves big
buffers around, never a row.

Per table (task and split, and the private test labels), one
``COPY (SELECT ... ORDER BY uid) TO STDOUT (FORMAT csv)`` streams the rows as the CSV file
holds them (the columns, order, quoting, ``true``/``false`` and empty NULLs of pyarrow's CSV
writer, which the general path uses): they are written to the ``.csv`` file as they come,
hashed on the way, and cut into blocks of whole rows (libpq hands COPY data over a row at a
time). A worker thread then reads the file back (from the page cache) a block at a time,
through pyarrow's CSV reader with the table's schema as the column types:

- each block's batch is written as Parquet row groups,
- and becomes JSON Lines through Arrow string kernels: every line is a join of the JSON text
  of each column (strings quoted and, where needed, escaped by orjson; lists and objects
  embedded as the JSON text PostgreSQL wrote; numbers and booleans as JSON literals).

So the server renders the next table while the worker converts the last one, every file is
hashed as it is written (the Parquet file, small, is read back once), and memory holds a
block or two whatever the size of the release. (pyarrow's streaming ``open_csv`` is not used:
with ``newlines_in_values``, which free text needs, it kept the whole file in memory.)
"""

from __future__ import annotations

import array
import hashlib
import itertools
import time
from collections import Counter
from pathlib import Path

import orjson
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq
from psycopg import sql

FORMATS = ("jsonl", "csv", "parquet")
# COPY rows are gathered into writes of about this size (hashlib releases the GIL on them).
WRITE_BYTES = 256 * 2**10
# The CSV file is read back in blocks of whole rows of about this size (or the chunk size in
# rows), each one Parquet row group: one block of text and its batch in memory at a time.
BLOCK_BYTES = 2**20
# With Arrow's jemalloc pool (the settings choose it), freed memory goes back to the system
# after this many milliseconds instead of jemalloc's default of a second: the two conversion
# threads free about 10 MB a block, and a second's worth of it held back made the peak RSS
# of the 1M-item export grow with its length (0 ms: 15 MB less again, but 30% slower).
JEMALLOC_DECAY_MS = 200
if pa.default_memory_pool().backend_name == "jemalloc":
    pa.jemalloc_set_decay_ms(JEMALLOC_DECAY_MS)
# Session settings for the COPYs: shortest exact float text (the PostgreSQL 12+ default,
# pinned in case a server sets fewer digits); the rows in uid order from the index
# releaseitem_export_order, never a sort (the planner, not knowing that releases are written
# in that order, would rather read the whole table and sort the wide rows: on 1M items twice
# the server's time); no parallel workers (the copying connections already keep the cores
# busy); no JIT (the rows' cost is in jsonb and text functions, which JIT does not compile,
# and compiling each large query costs a noticeable fraction of a second).
SESSION_SETTINGS = {
    "extra_float_digits": "1",
    "enable_sort": "off",
    "max_parallel_workers_per_gather": "0",
    "jit": "off",
}


class HashedFile:
    """A file opened for writing that keeps the SHA-256 and size of what went into it
    (hashlib releases the GIL for large buffers, so hashing overlaps the other thread)."""

    def __init__(self, path: Path):
        self.path = path
        self.file = open(path, "wb")  # noqa: SIM115 (closed in close())
        self.hash = hashlib.sha256()
        self.bytes = 0

    def write(self, data) -> None:
        self.file.write(data)
        self.hash.update(data)
        self.bytes += len(data)

    def close(self) -> tuple[str, int]:
        self.file.close()
        return self.hash.hexdigest(), self.bytes


def column_sql(kind: str, key: str | None = None, column: str | None = None) -> sql.Composable:
    """The SELECT expression of one CSV column: a table column, or one key of ``inputs``
    taken out as the general path takes it (text for strings, the JSON text for lists and
    objects, a cast for numbers and booleans)."""
    if column is not None:
        value = sql.Identifier(column)
        if kind == "bool":
            return sql.SQL("CASE WHEN {} THEN 'true' ELSE 'false' END").format(value)
        return value
    key_literal = sql.Literal(key)
    if kind == "json":
        # ``->`` and its JSON text: always valid JSON, so JSON Lines embeds it as it is.
        return sql.SQL("(inputs -> {})::text").format(key_literal)
    text = sql.SQL("(inputs ->> {})").format(key_literal)
    if kind == "int":
        return sql.SQL("{}::bigint").format(text)
    if kind == "float":
        return sql.SQL("{}::float8").format(text)
    if kind == "bool":
        return sql.SQL("CASE {}::boolean WHEN true THEN 'true' WHEN false THEN 'false' END").format(
            text
        )
    return text


def table_query(table: str, expressions: list[sql.Composable], string_columns: list[int]):
    """``COPY (SELECT ... WHERE release, task, split ORDER BY uid) TO STDOUT`` in pyarrow's CSV
    dialect: every non-NULL string quoted (so an empty string stays distinguishable from a
    NULL, which is an empty unquoted field), nothing else quoted, no header (written by the
    caller with pyarrow's quoting). Parameters: release id, task, split."""
    options = sql.SQL("FORMAT csv")
    if string_columns:
        quoted = sql.SQL(", ").join(_alias(n) for n in string_columns)
        options = sql.SQL("FORMAT csv, FORCE_QUOTE ({})").format(quoted)
    select = select_query(table, expressions)
    return sql.SQL("COPY ({}) TO STDOUT WITH ({})").format(select, options)


def _alias(n: int) -> sql.Identifier:
    """The name of the n-th column of ``select_query`` (FORCE_QUOTE names the columns)."""
    return sql.Identifier(f"c{n}")


def select_query(table: str, expressions: list[sql.Composable]):
    """The rows of one table in the files' order. Parameters: release id, task, split."""
    select = sql.SQL(", ").join(
        sql.SQL("{} AS {}").format(e, _alias(n)) for n, e in enumerate(expressions)
    )
    return sql.SQL(
        "SELECT {} FROM {} WHERE release_id = %s AND task = %s AND split = %s ORDER BY uid"
    ).format(select, sql.Identifier(table))


def parquet_writer(path: Path, schema: pa.Schema, embedded: set) -> pq.ParquetWriter:
    """Both paths write Parquet alike: dictionary encoding for the columns where values
    repeat, not for ``id`` and the list and object inputs (``embedded``: JSON text, nearly
    all distinct), where it only costs time before Parquet falls back to plain encoding.
    No min/max statistics for the embedded columns: no reader filters on JSON text, and they
    were half of each file's footer (0.75 MB of 1.5 MB for 466 row groups of a T2 table).
    They are not what makes an export's peak memory grow with its rows (measured: the
    writer's memory grows alike with or without them; see bench/README.md)."""
    plain = {"id", *embedded}
    dictionary = [f.name for f in schema if f.name not in plain]
    statistics = [f.name for f in schema if f.name not in embedded]
    return pq.ParquetWriter(
        str(path), schema, use_dictionary=dictionary, write_statistics=statistics
    )


def csv_header(names: list[str]) -> bytes:
    """The header line as pyarrow's CSV writer writes it: every name quoted."""
    return (",".join('"' + n.replace('"', '""') + '"' for n in names) + "\n").encode()


# --- CSV text to Arrow, Arrow to JSON Lines ----------------------------------------------------
# No Python object is converted to Arrow here (``pa.scalar``, ``pa.array`` of a list, a str
# given to a compute function): the first such conversion makes pyarrow import pandas, 40 MB
# of RSS that an export never uses. Literals are string scalars built from their bytes.


def _text_array(values: list[str]) -> pa.Array:
    """A string array built from the strings' UTF-8 bytes and offsets."""
    encoded = [value.encode() for value in values]
    offsets = array.array("i", [0])
    offsets.extend(itertools.accumulate(map(len, encoded)))
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
    return pa.Array.from_buffers(pa.string(), len(encoded), buffers)


def _text(value: str) -> pa.StringScalar:
    return _text_array([value])[0]


_QUOTE, _NULL, _EMPTY, _POINT_ZERO = (_text(t) for t in ('"', "null", "", ".0"))
_NO_TEXT = pa.nulls(1, pa.string())[0]
_FALSE = pa.Array.from_buffers(pa.bool_(), 1, [None, pa.py_buffer(b"\x00")])[0]


def csv_options(schema: pa.Schema):
    # One thread: the other core renders the next rows in PostgreSQL. No UTF-8 check: the
    # server sends valid UTF-8 (Django connects with client_encoding UTF8).
    read = pa_csv.ReadOptions(
        column_names=schema.names, block_size=2 * BLOCK_BYTES, use_threads=False
    )
    # Quoted values may hold newlines (free text); quotes are doubled, as PostgreSQL writes.
    parse = pa_csv.ParseOptions(newlines_in_values=True)
    convert = pa_csv.ConvertOptions(
        column_types={f.name: f.type for f in schema},
        null_values=[""],
        true_values=["true"],
        false_values=["false"],
        strings_can_be_null=True,
        quoted_strings_can_be_null=False,  # '""' is an empty string, an empty field NULL
        check_utf8=False,
    )
    return read, parse, convert


def _json_strings(values: pa.Array) -> pa.Array:
    """Each string as a JSON string literal, NULL as ``null``. Strings that need no escaping
    (nearly all) are only quoted, by an Arrow kernel; the others go through orjson: those
    with a quote, a backslash or a character that is not printable (control characters, and
    to be safe a few harmless ones such as U+200B, which orjson then leaves as they are).
    No regular expressions: RE2 compiles one per call and keeps megabytes of state."""
    quoted = pc.binary_join_element_wise(_QUOTE, values, _QUOTE, _EMPTY)
    needs = pc.or_(
        pc.invert(pc.utf8_is_printable(values)),
        pc.or_(pc.match_substring(values, '"'), pc.match_substring(values, "\\")),
    )
    needs = pc.fill_null(needs, _FALSE)
    if pc.any(needs).as_py():
        chosen = pc.filter(values, needs).to_pylist()
        escaped = _text_array([orjson.dumps(v).decode() for v in chosen])
        quoted = pc.replace_with_mask(quoted, needs, escaped)
    return pc.fill_null(quoted, _NULL) if quoted.null_count else quoted


def _json_numbers(values: pa.Array) -> pa.Array:
    text = pc.cast(values, pa.string())
    if pa.types.is_floating(values.type):
        # Arrow writes 1.0 as "1": keep it a float in JSON ("1.0", as orjson writes it);
        # NaN and infinities are not JSON: null, as orjson writes them.
        plain = pc.invert(pc.or_(pc.match_substring(text, "."), pc.match_substring(text, "e")))
        finite = pc.fill_null(pc.is_finite(values), _FALSE)
        whole = pc.and_(pc.fill_null(plain, _FALSE), finite)
        text = pc.if_else(whole, pc.binary_join_element_wise(text, _POINT_ZERO, _EMPTY), text)
        text = pc.if_else(finite, text, _NO_TEXT)
    return pc.fill_null(text, _NULL) if text.null_count else text


def jsonl_batch(batch: pa.RecordBatch, embedded: set[str], constants: dict) -> pa.Array:
    """One JSON object per row and a newline, as one string array. ``embedded`` columns hold
    JSON text (lists, objects) that goes in as it is; ``constants`` columns hold one value in
    the whole table (task, split), written as literal text."""
    pieces: list = []
    for n, field in enumerate(batch.schema):
        pieces.append(("{" if n == 0 else ",") + orjson.dumps(field.name).decode() + ":")
        if field.name in constants:
            pieces.append(orjson.dumps(constants[field.name]).decode())
            continue
        values = batch.column(n)
        if field.name in embedded:
            pieces.append(pc.fill_null(values, _NULL) if values.null_count else values)
        elif pa.types.is_string(field.type):
            pieces.append(_json_strings(values))
        elif pa.types.is_boolean(field.type):
            pieces.append(pc.fill_null(pc.cast(values, pa.string()), _NULL))
        else:
            pieces.append(_json_numbers(values))
    pieces.append("}\n")
    merged: list = []  # neighbouring literal pieces as one: fewer pieces per row to join
    for piece in pieces:
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] += piece
        else:
            merged.append(piece)
    return pc.binary_join_element_wise(
        *(_text(p) if isinstance(p, str) else p for p in merged), _EMPTY
    )


def _string_data(array: pa.Array) -> memoryview:
    """The bytes of all the values of a string array, back to back (its data buffer)."""
    offsets = memoryview(array.buffers()[1]).cast("i")  # int32, one more than the values
    start, end = offsets[array.offset], offsets[array.offset + len(array)]
    return memoryview(array.buffers()[2])[start:end]


# --- one table ---------------------------------------------------------------------------------


class TableCopy:
    """The three files of one table: ``copy`` writes the CSV from the server's COPY (the
    calling thread, on the Django connection); ``convert`` then streams that file through
    pyarrow's CSV reader into Parquet and JSON Lines (a worker thread, while the next table is
    being copied)."""

    def __init__(self, stem: Path, schema, embedded: set, constants: dict):
        self.schema, self.embedded, self.constants = schema, embedded, constants
        self.clock: Counter = Counter()  # seconds per phase, this table's alone (one thread each)
        stem.parent.mkdir(parents=True, exist_ok=True)
        self.paths = {fmt: stem.with_name(f"{stem.name}.{fmt}") for fmt in FORMATS}
        self.rows = 0
        self.sums: dict[str, tuple[str, int]] = {}

    def copy(self, cursor, query, params, chunk_rows: int) -> int:
        """The rows of ``query`` into the CSV file, hashed as written; returns the row count.
        libpq returns COPY data a row at a time, so every write ends at the end of a row:
        the file is cut there into blocks of whole rows (at most ``chunk_rows`` rows, about
        BLOCK_BYTES), which ``convert`` reads back one at a time."""
        clock, tick = self.clock, time.perf_counter
        started, cpu = tick(), time.thread_time()
        out = HashedFile(self.paths["csv"])
        try:
            out.write(csv_header(self.schema.names))
            self.cuts = [out.bytes]
            rows = block_rows = 0
            with cursor.copy(query, params) as copy:
                parts, size = [], 0
                for row in copy:
                    parts.append(row)
                    size += len(row)
                    if size >= WRITE_BYTES or block_rows + len(parts) >= chunk_rows:
                        out.write(b"".join(parts))
                        block_rows += len(parts)
                        if out.bytes - self.cuts[-1] >= BLOCK_BYTES or block_rows >= chunk_rows:
                            self.cuts.append(out.bytes)
                            rows += block_rows
                            block_rows = 0
                        parts, size = [], 0
                out.write(b"".join(parts))
                rows += block_rows + len(parts)
                if out.bytes > self.cuts[-1]:
                    self.cuts.append(out.bytes)
        finally:
            self.sums["csv"] = out.close()
        self.rows = rows
        clock["copy"] += tick() - started
        clock["copy_thread_cpu"] += time.thread_time() - cpu
        return rows

    def convert(self) -> None:
        """Parquet (a row group per block) and JSON Lines from the CSV file, read back a block
        of whole rows at a time: memory holds one block, whatever the table's size."""
        clock, tick = self.clock, time.perf_counter
        started, cpu = tick(), time.thread_time()
        read, parse, convert = csv_options(self.schema)
        jsonl = HashedFile(self.paths["jsonl"])
        parquet = parquet_writer(self.paths["parquet"], self.schema, self.embedded)
        rows = 0
        try:
            with open(self.paths["csv"], "rb") as source:
                for start, end in itertools.pairwise(self.cuts):
                    now = tick()
                    source.seek(start)
                    block = source.read(end - start)
                    # One chunk per block, however long a row: no row straddles two chunks.
                    read.block_size = max(read.block_size, len(block) + 1)
                    table = pa_csv.read_csv(
                        pa.py_buffer(block),
                        read_options=read,
                        parse_options=parse,
                        convert_options=convert,
                    ).cast(self.schema)
                    del block
                    then = tick()
                    clock["parse"] += then - now
                    parquet.write_table(table, row_group_size=table.num_rows)
                    now = tick()
                    clock["parquet"] += now - then
                    for batch in table.to_batches():
                        lines = jsonl_batch(batch, self.embedded, self.constants)
                        jsonl.write(_string_data(lines))
                    clock["jsonl"] += tick() - now
                    rows += table.num_rows
        finally:
            parquet.close()
            self.sums["jsonl"] = jsonl.close()
        if rows != self.rows:
            raise ValueError(f"{self.paths['csv']}: {rows} rows read back, {self.rows} written")
        now = tick()
        with open(self.paths["parquet"], "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        self.sums["parquet"] = (digest, self.paths["parquet"].stat().st_size)
        clock["sha256"] += tick() - now
        clock["convert"] += tick() - started
        clock["convert_thread_cpu"] += time.thread_time() - cpu


def session_settings(cursor, settings: dict) -> dict:
    """Apply ``settings`` to the session; returns the previous values."""
    previous = {}
    for name, value in settings.items():
        cursor.execute(sql.SQL("SELECT current_setting({})").format(sql.Literal(name)))
        previous[name] = cursor.fetchone()[0]
        cursor.execute(
            sql.SQL("SELECT set_config({}, {}, false)").format(
                sql.Literal(name), sql.Literal(value)
            )
        )
    return previous
