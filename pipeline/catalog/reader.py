"""Reader: catalogue files to numbered raw lines, streaming.

Plain and gzip files are told apart by their magic bytes, not their names. The reader
reports progress in bytes of the file as stored (compressed bytes for gzip), so a
progress bar reaches 100% exactly at the end of the file.
"""

import gzip
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

GZIP_MAGIC = b"\x1f\x8b"
META = "meta"
REVIEWS = "reviews"
KINDS = (META, REVIEWS)
# How many lines kind detection looks at before giving up on the records.
_DETECT_LINES = 50
_NAME_RE = re.compile(r"^(?P<meta>meta_)?(?P<category>.+?)\.jsonl?(\.gz)?$", re.IGNORECASE)


@dataclass(frozen=True)
class CatalogFile:
    """A file to import, with the name its messages use (the upload's name, not a temp path)."""

    path: Path
    display_name: str

    @classmethod
    def of(cls, path, display_name: str | None = None) -> "CatalogFile":
        path = Path(path)
        return cls(path=path, display_name=display_name or path.name)

    @property
    def size(self) -> int:
        return self.path.stat().st_size


class LineStream:
    """Iterates ``(line_number, raw_bytes)`` over a file and knows how far it has read."""

    def __init__(self, catalog_file: CatalogFile):
        self.file = catalog_file
        self._raw = None

    def __enter__(self) -> "LineStream":
        self._raw = open(self.file.path, "rb")  # noqa: SIM115 - closed in __exit__
        magic = self._raw.read(2)
        self._raw.seek(0)
        if magic == GZIP_MAGIC:
            self._text = gzip.GzipFile(fileobj=self._raw, mode="rb")
        else:
            self._text = io.BufferedReader(self._raw)
        return self

    def __exit__(self, *exc) -> None:
        self._text.close()
        self._raw.close()

    @property
    def bytes_read(self) -> int:
        return self._raw.tell()

    def __iter__(self) -> Iterator[tuple[int, bytes]]:
        yield from enumerate(self._text, start=1)


def category_from_file_name(name: str) -> str | None:
    """``meta_Home_and_Kitchen.jsonl.gz`` and ``Home_and_Kitchen.jsonl`` -> ``Home_and_Kitchen``."""
    match = _NAME_RE.match(Path(name).name)
    return match.group("category") if match else None


def kind_from_record(record: object) -> str | None:
    """Tell a metadata record from a review by the fields only one of them has."""
    if not isinstance(record, dict):
        return None
    if "user_id" in record or ("rating" in record and "text" in record):
        return REVIEWS
    if any(key in record for key in ("main_category", "features", "average_rating", "store")):
        return META
    return None


def kind_detect(catalog_file: CatalogFile) -> str | None:
    """The file's kind from its first readable records, else from its name, else None."""
    with LineStream(catalog_file) as stream:
        for number, line in stream:
            if number > _DETECT_LINES:
                break
            try:
                kind = kind_from_record(orjson.loads(line))
            except orjson.JSONDecodeError:
                continue
            if kind:
                return kind
    if catalog_file.display_name.lower().startswith("meta_"):
        return META
    return None
