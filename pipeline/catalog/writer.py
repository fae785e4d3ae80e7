"""Writer: validated rows to the database as bulk upserts.

A chunk's rows are matched on their natural key (``parent_asin``; for reviews
product+asin+user+timestamp). New keys are inserted, keys whose source hash changed are
updated, unchanged keys are not written at all, so a re-import changes nothing.

On PostgreSQL new rows are COPYed straight into their table and changed rows are merged
through a temporary table (the import benchmark needs the speed). Elsewhere (SQLite, the
embedded default) the ORM does the same in three queries a chunk.
"""

from dataclasses import dataclass, field

import orjson
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from pipeline.models import Category, Product, Review

from .parser import LineProblem, ProductRow, ReviewRow

_JSON_PRODUCT_FIELDS = (
    "features",
    "description",
    "categories",
    "details",
    "images",
    "videos",
    "bought_together",
)
_PLAIN_PRODUCT_FIELDS = (
    "main_category",
    "title",
    "store",
    "price",
    "price_text",
    "average_rating",
    "rating_number",
)
_REVIEW_FIELDS = (
    "rating",
    "title",
    "text",
    "helpful_vote",
    "verified_purchase",
    "images",
)


@dataclass
class WriteCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: "WriteCounts") -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged

    def as_dict(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ChunkResult:
    counts: WriteCounts = field(default_factory=WriteCounts)
    # Rows the writer refused (a review of a product that does not exist).
    problems: list[LineProblem] = field(default_factory=list)


def dedupe_later_wins(rows: list) -> tuple[list, int]:
    """Keep the last row per key: a later line with the same key replaces an earlier one,
    within a chunk as across chunks (where the upsert does it)."""
    by_key = {}
    for row in rows:
        by_key[row.key] = row
    return list(by_key.values()), len(rows) - len(by_key)


class CategoryCache:
    """Category names to ids, created on first sight."""

    def __init__(self):
        self._ids: dict[str, int] = {}

    def id_for(self, name: str) -> int:
        if name not in self._ids:
            category, _ = Category.objects.get_or_create(name=name[:120])
            self._ids[name] = category.pk
        return self._ids[name]


def product_ids_for(asins) -> dict[str, int]:
    return dict(Product.objects.filter(parent_asin__in=set(asins)).values_list("parent_asin", "id"))


def reviews_resolve(rows: list[ReviewRow], file: str) -> tuple[list[tuple[int, ReviewRow]], list]:
    """Attach product ids; a review of an unknown product is a problem of its line."""
    ids = product_ids_for(row.parent_asin for row in rows)
    resolved, problems = [], []
    for row in rows:
        product_id = ids.get(row.parent_asin)
        if product_id is None:
            problems.append(
                LineProblem(
                    file,
                    row.line,
                    "parent_asin",
                    f"no product {row.parent_asin} in the catalogue (import its metadata first)",
                )
            )
        else:
            resolved.append((product_id, row))
    return resolved, problems


class OrmWriter:
    """Portable writer (SQLite and any other backend)."""

    def __init__(self):
        self.categories = CategoryCache()

    def products_write(self, rows: list[ProductRow]) -> WriteCounts:
        counts = WriteCounts()
        existing = {
            p.parent_asin: p
            for p in Product.objects.filter(parent_asin__in=[r.parent_asin for r in rows])
        }
        to_create, to_update = [], []
        for row in rows:
            current = existing.get(row.parent_asin)
            values = self._product_values(row)
            if current is None:
                to_create.append(Product(parent_asin=row.parent_asin, **values))
            elif current.source_hash != row.source_hash:
                for name, value in values.items():
                    setattr(current, name, value)
                current.updated_at = timezone.now()
                to_update.append(current)
            else:
                counts.unchanged += 1
        Product.objects.bulk_create(to_create)
        if to_update:
            Product.objects.bulk_update(to_update, [*values.keys(), "updated_at"])
        counts.created, counts.updated = len(to_create), len(to_update)
        return counts

    def reviews_write(self, rows: list[ReviewRow], file: str) -> ChunkResult:
        result = ChunkResult()
        resolved, result.problems = reviews_resolve(rows, file)
        if not resolved:
            return result
        existing = {}
        for review in Review.objects.filter(
            product_id__in={pid for pid, _ in resolved},
            timestamp__in={row.timestamp for _, row in resolved},
        ):
            existing[(review.product_id, review.asin, review.user_id, review.timestamp)] = review
        to_create, to_update = [], []
        for product_id, row in resolved:
            current = existing.get((product_id, row.asin, row.user_id, row.timestamp))
            values = {name: getattr(row, name) for name in _REVIEW_FIELDS}
            values["source_hash"] = row.source_hash
            if current is None:
                to_create.append(
                    Review(
                        product_id=product_id,
                        asin=row.asin,
                        user_id=row.user_id,
                        timestamp=row.timestamp,
                        **values,
                    )
                )
            elif current.source_hash != row.source_hash:
                for name, value in values.items():
                    setattr(current, name, value)
                current.updated_at = timezone.now()
                to_update.append(current)
            else:
                result.counts.unchanged += 1
        Review.objects.bulk_create(to_create)
        if to_update:
            Review.objects.bulk_update(to_update, [*_REVIEW_FIELDS, "source_hash", "updated_at"])
        result.counts.created, result.counts.updated = len(to_create), len(to_update)
        return result

    def _product_values(self, row: ProductRow) -> dict:
        values = {name: getattr(row, name) for name in _PLAIN_PRODUCT_FIELDS + _JSON_PRODUCT_FIELDS}
        values["category_id"] = self.categories.id_for(row.category)
        values["source_hash"] = row.source_hash
        return values


class PostgresWriter:
    """Per chunk: look up the keys that exist; COPY new rows straight into the table; send
    changed rows through a temporary table and one UPDATE-ing upsert; skip unchanged rows.

    If a concurrent import inserts one of the "new" keys first, the direct COPY fails on the
    unique constraint and the chunk falls back to the upsert, inside a savepoint.
    """

    _PRODUCT_COLUMNS = (
        ("parent_asin", "text"),
        ("category_id", "bigint"),
        ("main_category", "text"),
        ("title", "text"),
        ("store", "text"),
        ("price", "numeric"),
        ("price_text", "text"),
        ("average_rating", "double precision"),
        ("rating_number", "integer"),
        ("features", "jsonb"),
        ("description", "jsonb"),
        ("categories", "jsonb"),
        ("details", "jsonb"),
        ("images", "jsonb"),
        ("videos", "jsonb"),
        ("bought_together", "jsonb"),
        ("source_hash", "text"),
    )
    _REVIEW_COLUMNS = (
        ("product_id", "bigint"),
        ("asin", "text"),
        ("user_id", "text"),
        ("rating", "double precision"),
        ("title", "text"),
        ("text", "text"),
        ("timestamp", "bigint"),
        ("helpful_vote", "integer"),
        ("verified_purchase", "boolean"),
        ("images", "jsonb"),
        ("source_hash", "text"),
    )

    def __init__(self):
        self.categories = CategoryCache()
        self._staging_ready: set[str] = set()

    def products_write(self, rows: list[ProductRow]) -> WriteCounts:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT parent_asin, source_hash FROM {Product._meta.db_table} "
                "WHERE parent_asin = ANY(%s)",
                [[row.parent_asin for row in rows]],
            )
            existing = dict(cursor.fetchall())
        records = []
        category_id = self.categories.id_for
        dumps = orjson.dumps
        # One list literal per row: this loop runs 200,000 times in the import benchmark.
        for row in rows:
            if existing.get(row.parent_asin) == row.source_hash:
                continue  # unchanged: nothing to send
            records.append(
                [
                    row.parent_asin,
                    category_id(row.category),
                    row.main_category,
                    row.title,
                    row.store,
                    row.price,
                    row.price_text,
                    row.average_rating,
                    row.rating_number,
                    dumps(row.features).decode(),
                    dumps(row.description).decode(),
                    dumps(row.categories).decode(),
                    dumps(row.details).decode(),
                    dumps(row.images).decode(),
                    dumps(row.videos).decode(),
                    _json_text(row.bought_together),
                    row.source_hash,
                ]
            )
        return self._write(
            table=Product._meta.db_table,
            staging="ecomscript_stage_product",
            columns=self._PRODUCT_COLUMNS,
            records=records,
            is_new=lambda record: record[0] not in existing,
            conflict="(parent_asin)",
            updates=[name for name, _ in self._PRODUCT_COLUMNS if name != "parent_asin"],
            total=len(rows),
        )

    def reviews_write(self, rows: list[ReviewRow], file: str) -> ChunkResult:
        result = ChunkResult()
        resolved, result.problems = reviews_resolve(rows, file)
        if not resolved:
            return result
        with connection.cursor() as cursor:
            cursor.execute(
                f'SELECT product_id, asin, user_id, "timestamp", source_hash '
                f"FROM {Review._meta.db_table} WHERE product_id = ANY(%s)",
                [sorted({product_id for product_id, _ in resolved})],
            )
            existing = {tuple(found[:4]): found[4] for found in cursor.fetchall()}
        records = []
        for product_id, row in resolved:
            key = (product_id, row.asin, row.user_id, row.timestamp)
            if existing.get(key) == row.source_hash:
                continue
            records.append(
                [
                    product_id,
                    row.asin,
                    row.user_id,
                    row.rating,
                    row.title,
                    row.text,
                    row.timestamp,
                    row.helpful_vote,
                    row.verified_purchase,
                    _json_text(row.images),
                    row.source_hash,
                ]
            )
        result.counts = self._write(
            table=Review._meta.db_table,
            staging="ecomscript_stage_review",
            columns=self._REVIEW_COLUMNS,
            records=records,
            is_new=lambda record: tuple(record[:2] + [record[2], record[6]]) not in existing,
            conflict="ON CONSTRAINT review_unique_source_key",
            updates=[
                "rating",
                "title",
                "text",
                "helpful_vote",
                "verified_purchase",
                "images",
                "source_hash",
            ],
            total=len(resolved),
        )
        return result

    def _write(self, *, table, staging, columns, records, is_new, conflict, updates, total):
        new = [record for record in records if is_new(record)]
        changed = [record for record in records if not is_new(record)]
        counts = WriteCounts(unchanged=total - len(records))
        if new:
            try:
                with transaction.atomic():
                    self._copy(table, columns, new, timestamps=True)
                counts.created += len(new)
            except IntegrityError:
                # Someone inserted one of these keys since we looked: merge them instead.
                merged = self._merge(table, staging, columns, new, conflict, updates)
                counts.add(merged)
                counts.unchanged += len(new) - merged.created - merged.updated
        if changed:
            merged = self._merge(table, staging, columns, changed, conflict, updates)
            counts.add(merged)
            counts.unchanged += len(changed) - merged.created - merged.updated
        return counts

    def _copy(self, table, columns, records, *, timestamps=False) -> None:
        names = [name for name, _ in columns]
        if timestamps:
            now = timezone.now()
            names += ["created_at", "updated_at"]
            records = (record + [now, now] for record in records)
        quoted = ", ".join(f'"{name}"' for name in names)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for record in records:
                    copy.write_row(record)

    def _merge(self, table, staging, columns, records, conflict, updates) -> WriteCounts:
        names = [name for name, _ in columns]
        quoted = ", ".join(f'"{name}"' for name in names)
        with connection.cursor() as cursor:
            if staging not in self._staging_ready:
                definition = ", ".join(f'"{name}" {kind}' for name, kind in columns)
                cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} ({definition})")
                self._staging_ready.add(staging)
            cursor.execute(f"TRUNCATE {staging}")
        self._copy(staging, columns, records)
        assignments = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in updates)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({quoted}, created_at, updated_at) "
                f"SELECT {quoted}, now(), now() FROM {staging} "
                f"ON CONFLICT {conflict} DO UPDATE SET {assignments}, updated_at = now() "
                f"WHERE {table}.source_hash IS DISTINCT FROM EXCLUDED.source_hash "
                f"RETURNING (xmax = 0)"
            )
            flags = [inserted for (inserted,) in cursor.fetchall()]
        created = sum(flags)
        return WriteCounts(created=created, updated=len(flags) - created)


def writer_for_connection():
    if connection.vendor == "postgresql":
        return PostgresWriter()
    return OrmWriter()


def _json_text(value) -> str | None:
    if value is None:
        return None
    return orjson.dumps(value).decode()
