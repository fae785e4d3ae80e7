"""The files of one table of an export, written from the blocks rendered when the release
was built (rendering.py): the CSV and JSON Lines text as stored, and the Parquet file from the
blocks' Arrow form, one row group per block. Python only moves big buffers around, never a
row.

Three writer threads, one per format, take the writes in order (writing, hashing and Parquet
encoding release the GIL), while the calling thread reads the next blocks from the database.
A bound on the writes waiting keeps memory flat: a few blocks, whatever the release's size.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter, deque
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as pa_ipc
import pyarrow.parquet as pq

FORMATS = ("jsonl", "csv", "parquet")
# With Arrow's jemalloc pool (the settings choose it), freed memory goes back to the system
# after this many milliseconds instead of jemalloc's default of a second (each Parquet row
# group frees a few MB; a second's worth of it held back raises the peak RSS).
JEMALLOC_DECAY_MS = 200
if pa.default_memory_pool().backend_name == "jemalloc":
    pa.jemalloc_set_decay_ms(JEMALLOC_DECAY_MS)


class HashedFile:
    """A file opened for writing that keeps the SHA-256 and size of what went into it
    (hashlib releases the GIL for large buffers, so hashing overlaps the other threads)."""

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


def parquet_writer(path: Path, schema: pa.Schema, embedded: set) -> pq.ParquetWriter:
    """Dictionary encoding for the columns where values repeat, not for ``id`` and the list
    and object inputs (``embedded``: JSON text, nearly all distinct), where it only costs
    time before Parquet falls back to plain encoding. No min/max statistics for the embedded
    columns: no reader filters on JSON text, and they were half of each file's footer."""
    plain = {"id", *embedded}
    dictionary = [f.name for f in schema if f.name not in plain]
    statistics = [f.name for f in schema if f.name not in embedded]
    return pq.ParquetWriter(
        str(path), schema, use_dictionary=dictionary, write_statistics=statistics
    )


class Writers:
    """One writer thread per format, each taking its writes in order. At most ``pending``
    writes wait at a time: the caller then waits for the oldest (which re-raises a failed
    write), so memory holds a few blocks."""

    def __init__(self, pending: int):
        self.pools = {
            fmt: ThreadPoolExecutor(1, thread_name_prefix=f"export-{fmt}") for fmt in FORMATS
        }
        self.limit = pending
        self.pending: deque[Future] = deque()

    def submit(self, fmt: str, fn, *args) -> None:
        self.pending.append(self.pools[fmt].submit(fn, *args))
        while len(self.pending) > self.limit:
            self.pending.popleft().result()

    def drain(self) -> None:
        while self.pending:
            self.pending.popleft().result()

    def shutdown(self, *, cancel: bool = False) -> None:
        for pool in self.pools.values():
            pool.shutdown(wait=True, cancel_futures=cancel)


class TableFiles:
    """The three files of one table: ``write`` queues a block's CSV and JSON Lines text and
    its Arrow rows on the writer threads; ``close`` queues the end of the three files.
    Once the writers are drained, ``sums`` holds (sha256, bytes) per format and ``clock``
    the seconds each writer spent on this table."""

    def __init__(self, stem: Path, schema: pa.Schema, embedded: set, header: bytes, writers):
        self.schema, self.writers = schema, writers
        self.clock: Counter = Counter()
        stem.parent.mkdir(parents=True, exist_ok=True)
        self.paths = {fmt: stem.with_name(f"{stem.name}.{fmt}") for fmt in FORMATS}
        self.csv = HashedFile(self.paths["csv"])
        self.jsonl = HashedFile(self.paths["jsonl"])
        self.parquet = parquet_writer(self.paths["parquet"], schema, embedded)
        self.csv.write(header)
        self.rows = 0
        self.sums: dict[str, tuple[str, int]] = {}

    def write(self, csv: bytes, jsonl: bytes, arrow: bytes, rows: int) -> None:
        self.writers.submit("csv", self._text, "csv", self.csv, csv)
        self.writers.submit("jsonl", self._text, "jsonl", self.jsonl, jsonl)
        self.writers.submit("parquet", self._row_group, arrow, rows)
        self.rows += rows

    def _text(self, fmt: str, out: HashedFile, data: bytes) -> None:
        started = time.perf_counter()
        out.write(data)
        self.clock[fmt] += time.perf_counter() - started

    def _row_group(self, arrow: bytes, rows: int) -> None:
        started = time.perf_counter()
        table = pa_ipc.open_stream(pa.py_buffer(arrow)).read_all()
        if table.num_rows != rows or not table.schema.equals(self.schema):
            raise ValueError(
                f"{self.paths['parquet']}: a block of {table.num_rows} rows of "
                f"{table.schema.names}, expected {rows} of {self.schema.names}"
            )
        self.parquet.write_table(table, row_group_size=max(rows, 1))
        self.clock["parquet"] += time.perf_counter() - started

    def close(self) -> None:
        self.writers.submit("csv", self._close_text, "csv", self.csv)
        self.writers.submit("jsonl", self._close_text, "jsonl", self.jsonl)
        self.writers.submit("parquet", self._close_parquet)

    def _close_text(self, fmt: str, out: HashedFile) -> None:
        self.sums[fmt] = out.close()

    def _close_parquet(self) -> None:
        started = time.perf_counter()
        self.parquet.close()
        with open(self.paths["parquet"], "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        self.sums["parquet"] = (digest, self.paths["parquet"].stat().st_size)
        self.clock["parquet"] += time.perf_counter() - started

    def abandon(self) -> None:
        """Close the files after a failure, once the writers have stopped (the files will
        not be kept)."""
        for out in (self.csv, self.jsonl):
            out.file.close()
        self.parquet.close()
