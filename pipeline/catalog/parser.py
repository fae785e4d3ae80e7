"""Parser: one raw line to one validated row, or a LineProblem naming file, line and field.

The rules follow the Amazon Reviews 2023 layout (SPEC.md section 4). Real files are messy:
nulls and empty lists are normal and accepted; wrong types and absurd values are not.
"""

import hashlib
import re
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import orjson

MAX_ASIN_LENGTH = 32
MAX_PRICE = Decimal("1000000")  # no listing in the source data costs a million
MAX_RATING_NUMBER = 100_000_000
# Amazon reviews start in the 1990s; a timestamp before 1995 or in the future is absurd.
MIN_TIMESTAMP_MS = 788_918_400_000  # 1995-01-01
_PRICE_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class LineProblem(Exception):
    file: str
    line: int
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.problem}"


@dataclass
class ProductRow:
    line: int
    parent_asin: str
    category: str
    main_category: str
    title: str
    store: str
    price: Decimal | None
    price_text: str
    average_rating: float | None
    rating_number: int | None
    features: list
    description: list
    categories: list
    details: dict
    images: list
    videos: list
    bought_together: object
    source_hash: str

    @property
    def key(self) -> str:
        return self.parent_asin


@dataclass
class ReviewRow:
    line: int
    parent_asin: str
    asin: str
    user_id: str
    rating: float
    title: str
    text: str
    timestamp: int
    helpful_vote: int
    verified_purchase: bool
    images: list
    source_hash: str

    @property
    def key(self) -> tuple:
        return (self.parent_asin, self.asin, self.user_id, self.timestamp)


class _Fields:
    """Typed accessors over one record; every failure names the field."""

    def __init__(self, record: dict, file: str, line: int):
        self.record = record
        self.file = file
        self.line = line

    def fail(self, field: str, problem: str) -> LineProblem:
        return LineProblem(self.file, self.line, field, problem)

    def required_str(self, field: str, max_length: int | None = None) -> str:
        value = self.record.get(field)
        if value is None:
            raise self.fail(field, "missing")
        if not isinstance(value, str):
            raise self.fail(field, f"expected a string, got {_type_name(value)}")
        value = value.strip()
        if not value:
            raise self.fail(field, "empty")
        if max_length and len(value) > max_length:
            raise self.fail(field, f"longer than {max_length} characters")
        return value

    def optional_str(self, field: str) -> str:
        value = self.record.get(field)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(field, f"expected a string or null, got {_type_name(value)}")
        return value.strip()

    def optional_number(self, field: str, low: float, high: float) -> float | None:
        value = self.record.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(field, f"expected a number or null, got {_type_name(value)}")
        if not low <= value <= high:
            raise self.fail(field, f"{value} is outside {low:g}..{high:g}")
        return float(value)

    def optional_int(self, field: str, low: int, high: int, default: int | None = None):
        value = self.record.get(field)
        if value is None:
            return default
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(field, f"expected a whole number, got {_type_name(value)}")
        if not low <= value <= high:
            raise self.fail(field, f"{value} is outside {low}..{high}")
        return value

    def string_list(self, field: str) -> list:
        value = self.record.get(field)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list of strings, got {_type_name(value)}")
        cleaned = []
        for index, item in enumerate(value):
            if not isinstance(item, str):
                raise self.fail(f"{field}[{index}]", f"expected a string, got {_type_name(item)}")
            item = item.strip()
            if item:
                cleaned.append(item)
        return cleaned

    def any_list(self, field: str) -> list:
        value = self.record.get(field)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(field, f"expected a list, got {_type_name(value)}")
        return value

    def optional_object(self, field: str) -> dict:
        value = self.record.get(field)
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(field, f"expected an object, got {_type_name(value)}")
        return value


def record_load(raw: bytes, file: str, line: int) -> dict | None:
    """Decode one line; None for a blank line (skipped silently, as JSON Lines allows)."""
    if not raw.strip():
        return None
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise LineProblem(file, line, "(line)", f"not valid JSON ({error})") from None
    if not isinstance(record, dict):
        raise LineProblem(file, line, "(line)", f"expected a JSON object, got {_type_name(record)}")
    return record


def product_parse(
    record: dict, *, file: str, line: int, category: str | None, raw: bytes = b""
) -> ProductRow:
    fields = _Fields(record, file, line)
    parent_asin = fields.required_str("parent_asin", MAX_ASIN_LENGTH)
    title = fields.required_str("title")
    main_category = fields.optional_str("main_category")
    price, price_text = _price_parse(fields)
    row_category = category or main_category or "Uncategorized"
    return ProductRow(
        line=line,
        parent_asin=parent_asin,
        category=row_category,
        main_category=main_category[:200],
        title=title,
        store=fields.optional_str("store")[:300],
        price=price,
        price_text=price_text,
        average_rating=fields.optional_number("average_rating", 0, 5),
        rating_number=fields.optional_int("rating_number", 0, MAX_RATING_NUMBER),
        features=fields.string_list("features"),
        description=fields.string_list("description"),
        categories=fields.string_list("categories"),
        details=fields.optional_object("details"),
        images=fields.any_list("images"),
        videos=fields.any_list("videos"),
        bought_together=record.get("bought_together"),
        source_hash=_hash(raw or orjson.dumps(record, option=orjson.OPT_SORT_KEYS), row_category),
    )


def review_parse(record: dict, *, file: str, line: int, raw: bytes = b"") -> ReviewRow:
    fields = _Fields(record, file, line)
    parent_asin = fields.required_str("parent_asin", MAX_ASIN_LENGTH)
    asin = fields.optional_str("asin") or parent_asin
    if len(asin) > MAX_ASIN_LENGTH:
        raise fields.fail("asin", f"longer than {MAX_ASIN_LENGTH} characters")
    rating = fields.optional_number("rating", 1, 5)
    if rating is None:
        raise fields.fail("rating", "missing")
    timestamp = fields.optional_int("timestamp", 0, 2**62)
    if timestamp is None:
        raise fields.fail("timestamp", "missing")
    now_ms = int(time.time() * 1000) + 86_400_000
    if timestamp < MIN_TIMESTAMP_MS:
        hint = " (seconds? expected milliseconds)" if timestamp > 788_918_400 else ""
        raise fields.fail("timestamp", f"{timestamp} is before 1995{hint}")
    if timestamp > now_ms:
        raise fields.fail("timestamp", f"{timestamp} is in the future")
    verified = record.get("verified_purchase")
    if verified is not None and not isinstance(verified, bool):
        raise fields.fail("verified_purchase", f"expected true/false, got {_type_name(verified)}")
    return ReviewRow(
        line=line,
        parent_asin=parent_asin,
        asin=asin,
        user_id=fields.required_str("user_id", 64),
        rating=rating,
        title=fields.optional_str("title"),
        text=fields.optional_str("text"),
        timestamp=timestamp,
        helpful_vote=fields.optional_int("helpful_vote", 0, 10_000_000, default=0),
        verified_purchase=bool(verified),
        images=fields.any_list("images"),
        source_hash=_hash(raw or orjson.dumps(record, option=orjson.OPT_SORT_KEYS), ""),
    )


def _price_parse(fields: _Fields) -> tuple[Decimal | None, str]:
    """Numbers are prices; strings keep their text and yield the first number in them
    ("$12.99" -> 12.99, "12.99 - 15.99" -> 12.99, "None" -> null)."""
    value = fields.record.get("price")
    if value is None:
        return None, ""
    if isinstance(value, bool):
        raise fields.fail("price", "expected a number, a string or null, got a boolean")
    if isinstance(value, int | float):
        price, text = Decimal(str(value)), ""
    elif isinstance(value, str):
        text = value.strip()[:100]
        match = _PRICE_NUMBER_RE.search(text)
        if not match:
            return None, text
        price = Decimal(match.group().replace(",", ""))
    else:
        raise fields.fail("price", f"expected a number, a string or null, got {_type_name(value)}")
    try:
        price = price.quantize(Decimal("0.01"))
    except InvalidOperation:
        raise fields.fail("price", f"{value!r} is not a price") from None
    if price < 0 or price > MAX_PRICE:
        raise fields.fail("price", f"{value} is outside 0..{MAX_PRICE}")
    return price, text


def _hash(body: bytes, salt: str) -> str:
    """Hash of the source line as written: an unchanged line is recognised without
    re-serialising it (a line rewritten with other key order counts as changed, once)."""
    return hashlib.blake2b(body.strip() + b"\0" + salt.encode(), digest_size=16).hexdigest()


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)
