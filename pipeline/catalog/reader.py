"""Reader: catalogue files to numbered raw lines, streaming.

Plain and gzip files are told apart by their magic bytes, not their names. The reader
reports progress in bytes of the file as stored (compressed bytes for gzip), so a
progress bar reaches 100% exactly at the end of the file.
"""

import re
import zlib
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
    """Iterates ``(line_number, raw_bytes)`` over a file and knows how far it has read.

    Lines come without their newline. The file is read in large blocks split with
    ``bytes.split``, not line by line: per line that is a slice instead of a read call.
    When a truncated or corrupt gzip stream raises, every complete line before the block
    that failed has been handed out already."""

    BLOCK_SIZE = 1 << 20

    def __init__(self, catalog_file: CatalogFile):
        self.file = catalog_file
        self._raw = None

    def __enter__(self) -> "LineStream":
        self._raw = open(self.file.path, "rb")  # noqa: SIM115 - closed in __exit__
        magic = self._raw.read(2)
        self._raw.seek(0)
        if magic == GZIP_MAGIC:
            self._read = _GzipBlocks(self._raw).read
        else:
            self._read = self._raw.read
        return self

    def __exit__(self, *exc) -> None:
        self._raw.close()

    @property
    def bytes_read(self) -> int:
        return self._raw.tell()

    def __iter__(self) -> Iterator[tuple[int, bytes]]:
        read, size = self._read, self.BLOCK_SIZE
        number = 0
        rest = b""
        while block := read(size):
            lines = block.split(b"\n")
            if rest:
                lines[0] = rest + lines[0]
            rest = lines.pop()  # the unfinished last line, completed by the next block
            for line in lines:
                number += 1
                yield number, line
        if rest:
            yield number + 1, rest


class _GzipBlocks:
    """The decompressed content of a gzip file in blocks of at most ``size`` bytes.

    zlib itself reads the gzip header and checks each member's CRC and length (wbits 31);
    members follow one another as in ``gzip`` (zero padding between them is skipped).
    ``gzip.GzipFile`` does the same a 8 kB piece of input at a time, with a Python call
    and a copy per piece; here a piece is 256 kB."""

    INPUT_SIZE = 1 << 18

    def __init__(self, raw):
        self._raw = raw
        self._inflate = None  # None between members
        self._input = b""  # compressed bytes read and not yet inflated

    def read(self, size: int) -> bytes:
        while True:
            if not self._input:
                self._input = self._raw.read(self.INPUT_SIZE)
                if not self._input:
                    return self._end(size)
            if self._inflate is None:
                self._input = self._input.lstrip(b"\0")
                if not self._input:
                    continue
                self._inflate = zlib.decompressobj(wbits=31)
            out = self._inflate.decompress(self._input, size)
            if self._inflate.eof:
                self._input = self._inflate.unused_data
                self._inflate = None
            else:
                self._input = self._inflate.unconsumed_tail
            if out:
                return out

    def _end(self, size: int) -> bytes:
        if self._inflate is None:
            return b""  # the last member was complete
        # All input consumed: what zlib still holds, else the stream was cut short.
        out = self._inflate.decompress(b"", size)
        if self._inflate.eof:
            self._inflate = None
        elif not out:
            raise EOFError("Compressed file ended before the end-of-stream marker was reached")
        return out


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
