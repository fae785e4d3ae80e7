"""Parser: one raw line to one validated row, or a LineProblem naming file, line and field.

The rules follow the Amazon Reviews 2023 layout (SPEC.md section 4). Real files are messy:
nulls and empty lists are normal and accepted; wrong types and absurd values are not.

Each record goes through a fast path first: plain type and range checks that accept the
common, clean record and build its row. Anything the fast path does not accept outright
goes through the checked path (``_product_parse_checked``, ``_review_parse_checked``), which
states the rules field by field and names the first problem; it alone decides what is an
error and what its message is, so the fast path can only ever be stricter, never laxer.
The tests check that both paths agree on every record they see.

Rows are named tuples of plain values with the JSON columns already serialised: a row holds
no lists or dicts, so the cyclic garbage collector has nothing to walk in a chunk of
thousands of rows (it cost a fifth of the import's time). A JSON column is carried as
PostgreSQL's binary jsonb value, a version byte then the JSON text (``jsonb_column``), which
the PostgreSQL writer's binary COPY sends untouched; ``json_value`` reads it back for the
ORM writer.
"""

import hashlib
import re
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import orjson

MAX_ASIN_LENGTH = 32
MAX_USER_ID_LENGTH = 64
MAX_PRICE = Decimal("1000000")  # no listing in the source data costs a million
MAX_RATING_NUMBER = 100_000_000
MAX_HELPFUL_VOTE = 10_000_000
# Amazon reviews start in the 1990s; a timestamp before 1995 or in the future is absurd.
MIN_TIMESTAMP_MS = 788_918_400_000  # 1995-01-01
_PRICE_NUMBER_RE = re.compile(r"\d[\d,]*(?:\.\d+)?")
_CENT = Decimal("0.01")
# PostgreSQL's binary jsonb format: this version byte, then the JSON text.
JSONB_VERSION = b"\x01"
_EMPTY_LIST = JSONB_VERSION + b"[]"
_EMPTY_OBJECT = JSONB_VERSION + b"{}"
_dumps = orjson.dumps


@dataclass(frozen=True)
class LineProblem(Exception):
    file: str
    line: int
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.problem}"


class ProductRow(NamedTuple):
    """A validated product. The first 16 fields are in the PostgreSQL writer's COPY order;
    the JSON columns (features .. bought_together) are ``jsonb_column`` values."""

    parent_asin: str
    main_category: str
    title: str
    store: str
    price: Decimal | None
    price_text: str
    average_rating: float | None
    rating_number: int | None
    features: bytes
    description: bytes
    categories: bytes
    details: bytes
    images: bytes
    videos: bytes
    bought_together: bytes | None
    source_hash: str
    category: str
    line: int

    @property
    def key(self) -> str:
        return self.parent_asin


class ReviewRow(NamedTuple):
    """A validated review; fields 1..10 are in the PostgreSQL writer's COPY order (after the
    product id) and ``images`` is a ``jsonb_column`` value."""

    parent_asin: str
    asin: str
    user_id: str
    rating: float
    title: str
    text: str
    timestamp: int
    helpful_vote: int
    verified_purchase: bool
    images: bytes
    source_hash: str
    line: int

    @property
    def key(self) -> tuple:
        return (self.parent_asin, self.asin, self.user_id, self.timestamp)


def record_load(raw: bytes, file: str, line: int) -> dict | None:
    """Decode one line; None for a blank line (skipped silently, as JSON Lines allows)."""
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        if not raw.strip():
            return None
        raise LineProblem(file, line, "(line)", f"not valid JSON ({error})") from None
    if type(record) is not dict:
        raise LineProblem(file, line, "(line)", f"expected a JSON object, got {_type_name(record)}")
    return record


# --- the fast path -------------------------------------------------------------------------


def product_parse(
    record: dict, *, file: str, line: int, category: str | None, raw: bytes = b""
) -> ProductRow:
    get = record.get
    parent_asin = get("parent_asin")
    title = get("title")
    main_category = get("main_category")
    store = get("store")
    rating = get("average_rating")
    rating_number = get("rating_number")
    details = get("details")
    images = get("images")
    videos = get("videos")
    if (
        type(parent_asin) is str
        and type(title) is str
        and (main_category is None or type(main_category) is str)
        and (store is None or type(store) is str)
        and (
            rating is None or ((type(rating) is float or type(rating) is int) and 0 <= rating <= 5)
        )
        and (
            rating_number is None
            or (type(rating_number) is int and 0 <= rating_number <= MAX_RATING_NUMBER)
        )
        and (details is None or type(details) is dict)
        and (images is None or type(images) is list)
        and (videos is None or type(videos) is list)
    ):
        parent_asin = parent_asin.strip()
        title = title.strip()
        features = _string_list_json(get("features"))
        description = _string_list_json(get("description"))
        categories = _string_list_json(get("categories"))
        price = _price_fast(get("price"))
        if (
            parent_asin
            and len(parent_asin) <= MAX_ASIN_LENGTH
            and title
            and features is not None
            and description is not None
            and categories is not None
            and price is not None
        ):
            main_category = main_category.strip() if main_category else ""
            row_category = category or main_category or "Uncategorized"
            bought_together = get("bought_together")
            return ProductRow(
                parent_asin,
                main_category[:200],
                title,
                store.strip()[:300] if store else "",
                price[0],
                price[1],
                None if rating is None else float(rating),
                rating_number,
                features,
                description,
                categories,
                JSONB_VERSION + _dumps(details) if details else _EMPTY_OBJECT,
                JSONB_VERSION + _dumps(images) if images else _EMPTY_LIST,
                JSONB_VERSION + _dumps(videos) if videos else _EMPTY_LIST,
                None if bought_together is None else JSONB_VERSION + _dumps(bought_together),
                _hash(raw or _dumps(record, option=orjson.OPT_SORT_KEYS), row_category),
                row_category,
                line,
            )
    return _product_parse_checked(record, file=file, line=line, category=category, raw=raw)


def review_parse(record: dict, *, file: str, line: int, raw: bytes = b"") -> ReviewRow:
    get = record.get
    parent_asin = get("parent_asin")
    asin = get("asin")
    user_id = get("user_id")
    rating = get("rating")
    timestamp = get("timestamp")
    title = get("title")
    text = get("text")
    helpful_vote = get("helpful_vote")
    verified = get("verified_purchase")
    images = get("images")
    if (
        type(parent_asin) is str
        and (asin is None or type(asin) is str)
        and type(user_id) is str
        and (type(rating) is float or type(rating) is int)
        and 1 <= rating <= 5
        and type(timestamp) is int
        and MIN_TIMESTAMP_MS <= timestamp <= _now_ms()
        and (title is None or type(title) is str)
        and (text is None or type(text) is str)
        and (
            helpful_vote is None
            or (type(helpful_vote) is int and 0 <= helpful_vote <= MAX_HELPFUL_VOTE)
        )
        and (verified is None or type(verified) is bool)
        and (images is None or type(images) is list)
    ):
        parent_asin = parent_asin.strip()
        asin = (asin.strip() if asin else "") or parent_asin
        user_id = user_id.strip()
        if (
            parent_asin
            and len(parent_asin) <= MAX_ASIN_LENGTH
            and len(asin) <= MAX_ASIN_LENGTH
            and user_id
            and len(user_id) <= MAX_USER_ID_LENGTH
        ):
            return ReviewRow(
                parent_asin,
                asin,
                user_id,
                float(rating),
                title.strip() if title else "",
                text.strip() if text else "",
                timestamp,
                helpful_vote or 0,
                bool(verified),
                JSONB_VERSION + _dumps(images) if images else _EMPTY_LIST,
                _hash(raw or _dumps(record, option=orjson.OPT_SORT_KEYS), ""),
                line,
            )
    return _review_parse_checked(record, file=file, line=line, raw=raw)


def _string_list_json(value) -> bytes | None:
    """A list of strings, stripped and without empty ones, as a ``jsonb_column``; None when
    the checked path has to look at it (not a list, or an item that is not a string)."""
    if value is None:
        return _EMPTY_LIST
    if type(value) is not list:
        return None
    try:
        cleaned = [item.strip() for item in value]  # only str has .strip among JSON values
    except AttributeError:
        return None
    if "" in cleaned:
        cleaned = [item for item in cleaned if item]
    return JSONB_VERSION + _dumps(cleaned) if cleaned else _EMPTY_LIST


def _price_fast(value) -> tuple[Decimal | None, str] | None:
    """(price, text), or None when the checked path has to decide."""
    if value is None:
        return None, ""
    try:
        return _price_value(value)
    except _Invalid:
        return None


# --- the checked path: the rules, field by field -------------------------------------------


class _Invalid(Exception):
    """A value breaks a rule; the message says how (the caller names the field)."""


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

    def price(self) -> tuple[Decimal | None, str]:
        try:
            return _price_value(self.record.get("price"))
        except _Invalid as invalid:
            raise self.fail("price", str(invalid)) from None


def _product_parse_checked(
    record: dict, *, file: str, line: int, category: str | None, raw: bytes = b""
) -> ProductRow:
    fields = _Fields(record, file, line)
    parent_asin = fields.required_str("parent_asin", MAX_ASIN_LENGTH)
    title = fields.required_str("title")
    main_category = fields.optional_str("main_category")
    price, price_text = fields.price()
    store = fields.optional_str("store")
    average_rating = fields.optional_number("average_rating", 0, 5)
    rating_number = fields.optional_int("rating_number", 0, MAX_RATING_NUMBER)
    features = fields.string_list("features")
    description = fields.string_list("description")
    categories = fields.string_list("categories")
    details = fields.optional_object("details")
    images = fields.any_list("images")
    videos = fields.any_list("videos")
    bought_together = record.get("bought_together")
    row_category = category or main_category or "Uncategorized"
    return ProductRow(
        parent_asin=parent_asin,
        main_category=main_category[:200],
        title=title,
        store=store[:300],
        price=price,
        price_text=price_text,
        average_rating=average_rating,
        rating_number=rating_number,
        features=jsonb_column(features),
        description=jsonb_column(description),
        categories=jsonb_column(categories),
        details=jsonb_column(details),
        images=jsonb_column(images),
        videos=jsonb_column(videos),
        bought_together=None if bought_together is None else jsonb_column(bought_together),
        source_hash=_hash(raw or _dumps(record, option=orjson.OPT_SORT_KEYS), row_category),
        category=row_category,
        line=line,
    )


def _review_parse_checked(record: dict, *, file: str, line: int, raw: bytes = b"") -> ReviewRow:
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
    if timestamp < MIN_TIMESTAMP_MS:
        hint = " (seconds? expected milliseconds)" if timestamp > 788_918_400 else ""
        raise fields.fail("timestamp", f"{timestamp} is before 1995{hint}")
    if timestamp > _now_ms():
        raise fields.fail("timestamp", f"{timestamp} is in the future")
    verified = record.get("verified_purchase")
    if verified is not None and not isinstance(verified, bool):
        raise fields.fail("verified_purchase", f"expected true/false, got {_type_name(verified)}")
    return ReviewRow(
        parent_asin=parent_asin,
        asin=asin,
        user_id=fields.required_str("user_id", MAX_USER_ID_LENGTH),
        rating=rating,
        title=fields.optional_str("title"),
        text=fields.optional_str("text"),
        timestamp=timestamp,
        helpful_vote=fields.optional_int("helpful_vote", 0, MAX_HELPFUL_VOTE, default=0),
        verified_purchase=bool(verified),
        images=jsonb_column(fields.any_list("images")),
        source_hash=_hash(raw or _dumps(record, option=orjson.OPT_SORT_KEYS), ""),
        line=line,
    )


def _price_value(value) -> tuple[Decimal | None, str]:
    """Numbers are prices; strings keep their text and yield the first number in them
    ("$12.99" -> 12.99, "12.99 - 15.99" -> 12.99, "None" -> null)."""
    if value is None:
        return None, ""
    if isinstance(value, bool):
        raise _Invalid("expected a number, a string or null, got a boolean")
    if isinstance(value, int | float):
        price, text = Decimal(str(value)), ""
    elif isinstance(value, str):
        text = value.strip()[:100]
        match = _PRICE_NUMBER_RE.search(text)
        if not match:
            return None, text
        price = Decimal(match.group().replace(",", ""))
    else:
        raise _Invalid(f"expected a number, a string or null, got {_type_name(value)}")
    try:
        price = price.quantize(_CENT)
    except InvalidOperation:
        raise _Invalid(f"{value!r} is not a price") from None
    if price < 0 or price > MAX_PRICE:
        raise _Invalid(f"{value} is outside 0..{MAX_PRICE}")
    return price, text


def _now_ms() -> int:
    """Now plus a day, in milliseconds: the latest timestamp a review can have."""
    return int(time.time() * 1000) + 86_400_000


def jsonb_column(value) -> bytes:
    """A JSON column's value in a row: PostgreSQL's binary jsonb (version byte, JSON text)."""
    return JSONB_VERSION + _dumps(value)


def json_value(column: bytes | None):
    """A ``jsonb_column`` value back as Python data."""
    return None if column is None else orjson.loads(column[len(JSONB_VERSION) :])


def _hash(body: bytes, salt: str) -> str:
    """Hash of the source line as written: an unchanged line is recognised without
    re-serialising it (a line rewritten with other key order counts as changed, once).
    Fed in two parts rather than concatenated: the same digest, without copying the line."""
    digest = hashlib.blake2b(body.strip(), digest_size=16)
    digest.update(b"\0" + salt.encode())
    return digest.hexdigest()


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
