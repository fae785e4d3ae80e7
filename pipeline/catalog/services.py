"""Catalogue import: the chain reader -> parser -> writer, and the web job around it.

``catalog_import`` streams each file chunk by chunk; memory depends on the chunk size,
never on the file size. Without ``strict`` each chunk commits on its own and bad lines are
reported and skipped. With ``strict`` the whole import is one transaction and the first
bad line rolls everything back, so the database is exactly as it was.
"""

import logging
import queue
import threading
import uuid
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.errors import ApplicationError
from pipeline.models import CatalogImport

from .parser import LineProblem, product_parse, record_load, review_parse
from .reader import META, REVIEWS, CatalogFile, LineStream, category_from_file_name, kind_detect
from .writer import WriteCounts, dedupe_later_wins, writer_for_connection

logger = logging.getLogger(__name__)


class CatalogImportAborted(ApplicationError):
    """A strict import met a bad line; nothing was written."""

    def __init__(self, problem: LineProblem):
        super().__init__(f"import aborted, nothing was written: {problem}")
        self.problem = problem


@dataclass
class ImportProgress:
    bytes_total: int
    bytes_done: int = 0
    lines: int = 0
    current_file: str = ""


@dataclass
class ImportSummary:
    products: WriteCounts = field(default_factory=WriteCounts)
    reviews: WriteCounts = field(default_factory=WriteCounts)
    # Bad lines skipped (each reported as a problem).
    skipped: int = 0
    # Lines replaced by a later line with the same key in the same chunk.
    duplicates: int = 0
    lines: int = 0
    problems: list[LineProblem] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "products": self.products.as_dict(),
            "reviews": self.reviews.as_dict(),
            "skipped": self.skipped,
            "duplicates": self.duplicates,
            "lines": self.lines,
            "files": self.files,
        }

    def describe(self) -> str:
        p, r = self.products, self.reviews
        return (
            f"products: {p.created} created, {p.updated} updated, {p.unchanged} unchanged; "
            f"reviews: {r.created} created, {r.updated} updated, {r.unchanged} unchanged; "
            f"{self.skipped} bad lines skipped, {self.duplicates} duplicate lines replaced"
        )


ProgressCallback = Callable[[ImportProgress], None]


def catalog_files_plan(
    files: Iterable[CatalogFile], kind: str | None = None
) -> list[tuple[CatalogFile, str]]:
    """Each file with its kind, metadata first so that reviews find their products."""
    planned = []
    for catalog_file in files:
        if not catalog_file.path.is_file():
            raise ApplicationError(f"{catalog_file.display_name}: no such file")
        file_kind = kind or kind_detect(catalog_file)
        if file_kind not in (META, REVIEWS):
            raise ApplicationError(
                f"{catalog_file.display_name}:1: (file): cannot tell whether this holds item "
                "metadata or reviews; pass the kind explicitly (--kind meta|reviews)"
            )
        planned.append((catalog_file, file_kind))
    return sorted(planned, key=lambda pair: pair[1] != META)


def catalog_import(
    files: Iterable[CatalogFile],
    *,
    strict: bool = False,
    kind: str | None = None,
    category: str | None = None,
    on_progress: ProgressCallback | None = None,
    on_problem: Callable[[LineProblem], None] | None = None,
    chunk_size: int | None = None,
    max_problems: int | None = None,
) -> ImportSummary:
    plan = catalog_files_plan(files, kind)
    chunk_size = chunk_size or settings.CATALOG_IMPORT_CHUNK_SIZE
    max_problems = (
        max_problems if max_problems is not None else (settings.CATALOG_IMPORT_MAX_STORED_ERRORS)
    )
    progress = ImportProgress(bytes_total=sum(f.size for f, _ in plan))
    summary = ImportSummary()
    run = _ImportRun(summary, progress, strict, chunk_size, max_problems, on_progress, on_problem)
    if strict:
        with transaction.atomic():
            run.files_import(plan, category)
    else:
        run.files_import(plan, category)
    return summary


class _ImportRun:
    def __init__(
        self, summary, progress, strict, chunk_size, max_problems, on_progress, on_problem
    ):
        self.summary = summary
        self.progress = progress
        self.strict = strict
        self.chunk_size = chunk_size
        self.max_problems = max_problems
        self.on_progress = on_progress
        self.on_problem = on_problem
        self.writer = writer_for_connection()
        self._bytes_before_file = 0
        self._file_start = (0, 0)  # summary lines and skipped when the current file began

    def files_import(self, plan: list[tuple[CatalogFile, str]], category: str | None) -> None:
        """Read and parse in a producer thread while this thread writes the previous chunk:
        parsing is pure Python and writing mostly waits on the database, so the two overlap.
        The producer goes through all the files, so the overlap does not stop at the end of
        each file. Only this thread touches the database."""
        chunks: queue.Queue = queue.Queue(maxsize=1)  # one chunk parsed ahead: memory stays flat
        stop = threading.Event()
        producer = threading.Thread(
            target=self._produce,
            args=(plan, category, chunks, stop),
            name="catalog-import-reader",
            daemon=True,
        )
        producer.start()
        try:
            while True:
                chunk = chunks.get()
                if isinstance(chunk, BaseException):
                    raise chunk
                if chunk is None:
                    break
                if chunk.first:
                    self._file_begin(chunk)
                self._consume(chunk, chunk.kind, chunk.file.display_name)
                if chunk.last:
                    self._file_end(chunk)
        finally:
            stop.set()
            while producer.is_alive():  # let a producer blocked on a full queue finish
                try:
                    chunks.get_nowait()
                except queue.Empty:
                    producer.join(timeout=0.05)

    def _file_begin(self, chunk: "_Chunk") -> None:
        self.progress.current_file = chunk.file.display_name
        self._file_start = (self.summary.lines, self.summary.skipped)

    def _file_end(self, chunk: "_Chunk") -> None:
        self._bytes_before_file += chunk.file.size
        self.progress.bytes_done = self._bytes_before_file
        self._report_progress()
        self.summary.files.append(
            {
                "name": chunk.file.display_name,
                "kind": chunk.kind,
                "category": chunk.category or "",
                "lines": self.summary.lines - self._file_start[0],
                "skipped": self.summary.skipped - self._file_start[1],
            }
        )

    def _produce(self, plan, category, chunks: queue.Queue, stop) -> None:
        try:
            for catalog_file, kind in plan:
                file_category = category or category_from_file_name(catalog_file.display_name)
                if not self._file_produce(catalog_file, kind, file_category, chunks, stop):
                    return
            _put(chunks, None, stop)
        except BaseException as error:  # handed to the writing thread, which raises it
            _put(chunks, error, stop)

    def _file_produce(self, catalog_file, kind, category, chunks: queue.Queue, stop) -> bool:
        """Put the file's chunks, the last one marked; False when the writer stopped."""
        name = catalog_file.display_name
        with LineStream(catalog_file) as stream:
            chunk = _Chunk(catalog_file, kind, category, first=True)
            line = 0
            try:
                for line, raw in stream:
                    chunk.lines += 1
                    try:
                        row = _parse(raw, name, line, kind, category)
                    except LineProblem as problem:
                        chunk.problems.append(problem)
                    else:
                        if row is not None:
                            chunk.rows.append(row)
                    if len(chunk.rows) >= self.chunk_size:
                        chunk.bytes_read = stream.bytes_read
                        if not _put(chunks, chunk, stop):
                            return False
                        chunk = _Chunk(catalog_file, kind, category)
            except (EOFError, zlib.error, OSError) as error:
                # A truncated or corrupt gzip stream: what was read stays, the rest is
                # reported.
                chunk.problems.append(LineProblem(name, line + 1, "(file)", f"unreadable: {error}"))
            chunk.bytes_read = stream.bytes_read
            chunk.last = True
            return _put(chunks, chunk, stop)

    def _consume(self, chunk: "_Chunk", kind: str, name: str) -> None:
        self.summary.lines += chunk.lines
        rows = chunk.rows
        if chunk.problems and self.strict:
            # Write what came before the first bad line, so a review of an unknown product
            # earlier in the chunk is the one reported; then abort.
            first = min(chunk.problems, key=lambda p: p.line)
            self._write([r for r in rows if r.line < first.line], kind, name, [])
            raise CatalogImportAborted(first)
        self._write(rows, kind, name, chunk.problems)
        self.progress.bytes_done = self._bytes_before_file + chunk.bytes_read
        self.progress.lines = self.summary.lines
        self._report_progress()

    def _write(self, rows: list, kind: str, name: str, problems: list[LineProblem]) -> None:
        problems = list(problems)
        if rows:
            rows, replaced = dedupe_later_wins(rows)
            self.summary.duplicates += replaced
            with transaction.atomic():
                if kind == META:
                    self.summary.products.add(self.writer.products_write(rows))
                else:
                    result = self.writer.reviews_write(rows, name)
                    problems += result.problems
                    self.summary.reviews.add(result.counts)
        # Report in line order, so --strict names the first bad line.
        for problem in sorted(problems, key=lambda p: p.line):
            self._problem(problem)

    def _problem(self, problem: LineProblem) -> None:
        if self.strict:
            raise CatalogImportAborted(problem)
        self.summary.skipped += 1
        if len(self.summary.problems) < self.max_problems:
            self.summary.problems.append(problem)
        if self.on_problem:
            self.on_problem(problem)

    def _report_progress(self) -> None:
        if self.on_progress:
            self.on_progress(self.progress)


@dataclass
class _Chunk:
    file: CatalogFile
    kind: str
    category: str | None
    first: bool = False  # the file's first chunk
    last: bool = False  # the file's last chunk
    rows: list = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    lines: int = 0
    bytes_read: int = 0


def _parse(raw: bytes, name: str, line: int, kind: str, category: str | None):
    record = record_load(raw, name, line)
    if record is None:
        return None
    if kind == META:
        return product_parse(record, file=name, line=line, category=category, raw=raw)
    return review_parse(record, file=name, line=line, raw=raw)


def _put(chunks: queue.Queue, item, stop: threading.Event) -> bool:
    """Hand an item to the writer; False when the writer has stopped listening."""
    while not stop.is_set():
        try:
            chunks.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


# --- the web job -------------------------------------------------------------------------


def catalog_import_job_create(*, user, uploads, strict: bool = False) -> CatalogImport:
    """Store uploaded files and queue their import; the task starts after the commit."""
    uploads = list(uploads)
    if not uploads:
        raise ApplicationError("Choose at least one catalogue file (.jsonl or .jsonl.gz).")
    folder = Path(settings.MEDIA_ROOT) / "catalog_uploads" / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    stored = []
    for upload in uploads:
        safe_name = Path(upload.name).name or "upload.jsonl"
        target = folder / safe_name
        with open(target, "wb") as out:
            for piece in upload.chunks():
                out.write(piece)
        stored.append({"name": safe_name, "path": str(target)})
    job = CatalogImport.objects.create(
        created_by=user,
        strict=strict,
        files=stored,
        bytes_total=sum(Path(f["path"]).stat().st_size for f in stored),
    )
    from pipeline.tasks import catalog_import_job_task

    transaction.on_commit(lambda: catalog_import_job_task.delay(job.pk))
    return job


def catalog_import_job_run(job_id: int) -> None:
    """Run a queued import. A redelivered task re-runs the import, which is idempotent;
    a finished or failed job is left alone."""
    updated = CatalogImport.objects.filter(
        pk=job_id, status__in=[CatalogImport.Status.PENDING, CatalogImport.Status.RUNNING]
    ).update(status=CatalogImport.Status.RUNNING, started_at=timezone.now())
    if not updated:
        return
    job = CatalogImport.objects.get(pk=job_id)
    files = [CatalogFile.of(f["path"], f["name"]) for f in job.files]

    def progress_save(progress: ImportProgress) -> None:
        CatalogImport.objects.filter(pk=job_id).update(
            bytes_done=min(progress.bytes_done, job.bytes_total), lines_done=progress.lines
        )

    try:
        summary = catalog_import(files, strict=job.strict, on_progress=progress_save)
    except ApplicationError as error:
        CatalogImport.objects.filter(pk=job_id).update(
            status=CatalogImport.Status.FAILED,
            failure=error.message,
            errors=[str(error.problem)] if isinstance(error, CatalogImportAborted) else [],
            error_count=1,
            finished_at=timezone.now(),
        )
        return
    except Exception as error:
        logger.exception("catalogue import %s failed", job_id)
        CatalogImport.objects.filter(pk=job_id).update(
            status=CatalogImport.Status.FAILED,
            failure=f"internal error: {error.__class__.__name__}: {error}",
            finished_at=timezone.now(),
        )
        raise
    CatalogImport.objects.filter(pk=job_id).update(
        status=CatalogImport.Status.FINISHED,
        summary=summary.as_dict(),
        errors=[str(p) for p in summary.problems],
        error_count=summary.skipped,
        bytes_done=job.bytes_total,
        lines_done=summary.lines,
        finished_at=timezone.now(),
    )
