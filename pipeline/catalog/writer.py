"""Writer: validated rows to the database as bulk upserts.

A chunk's rows are matched on their natural key (``parent_asin``; for reviews
product+asin+user+timestamp). New keys are inserted, keys whose source hash changed are
updated, unchanged keys are not written at all, so a re-import changes nothing.

On PostgreSQL new rows are COPYed (binary) straight into their table and changed rows are
merged through a temporary table (the import benchmark needs the speed). Elsewhere (SQLite,
the embedded default) the ORM does the same in three queries a chunk. Both give the same
rows (tests/pipeline/test_catalog_import.py compares them column by column).
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from pipeline.models import Category, Product, Review

from .parser import LineProblem, ProductRow, ReviewRow, json_value

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
            values["images"] = json_value(row.images)
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
        values = {name: getattr(row, name) for name in _PLAIN_PRODUCT_FIELDS}
        for name in _JSON_PRODUCT_FIELDS:
            values[name] = json_value(getattr(row, name))
        values["category_id"] = self.categories.id_for(row.category)
        values["source_hash"] = row.source_hash
        return values


class PostgresWriter:
    """Per chunk: look up the keys that exist; COPY new rows straight into the table; send
    changed rows through a temporary table and one UPDATE-ing upsert; skip unchanged rows.

    While chunks hold only new keys (a first import), the look-up is skipped: the chunk is
    COPYed as new, and if one of its keys exists after all the COPY fails on the unique
    constraint, inside a savepoint, and the chunk goes through the upsert instead, which
    gives the same rows and counts. A chunk that met existing keys makes the next one look
    up first again (a re-import pays one failed COPY per file, not one per chunk). The same
    fallback covers a concurrent import inserting one of the keys first.

    A COPY record is a slice of the parser's row (whose fields come in COPY order) plus the
    ids and timestamps the writer knows: one tuple per row, no conversion.
    """

    _PRODUCT_COLUMNS = (
        ("parent_asin", "text"),
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
        ("category_id", "bigint"),
    )
    # ProductRow's fields up to source_hash are the columns above, in this order.
    _PRODUCT_ROW_FIELDS = 16
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
    # ReviewRow's fields asin .. source_hash follow product_id above, in this order.
    _REVIEW_ROW_FIELDS = slice(1, 11)
    _TIMESTAMP_COLUMNS = (("created_at", "timestamptz"), ("updated_at", "timestamptz"))

    def __init__(self):
        self.categories = CategoryCache()
        self._staging_ready: set[str] = set()
        # Per table: whether the next chunk looks up its keys before writing.
        self._look_up_first: dict[str, bool] = {}

    def products_write(self, rows: list[ProductRow]) -> WriteCounts:
        existing = {}
        if self._look_up_first.get(Product._meta.db_table):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT parent_asin, source_hash FROM {Product._meta.db_table} "
                    "WHERE parent_asin = ANY(%s)",
                    [[row.parent_asin for row in rows]],
                )
                existing = dict(cursor.fetchall())
        now = timezone.now()
        # Per category: what follows the row's fields in a new record and in a changed one.
        tails: dict[str, tuple] = {}
        new, changed = [], []
        width = self._PRODUCT_ROW_FIELDS
        # This loop runs 200,000 times in the import benchmark: one tuple per row.
        for row in rows:
            known = existing.get(row.parent_asin)
            if known == row.source_hash:
                continue  # unchanged: nothing to send
            tail = tails.get(row.category)
            if tail is None:
                category_id = self.categories.id_for(row.category)
                tail = tails[row.category] = ((category_id, now, now), (category_id,))
            if known is None:
                new.append(row[:width] + tail[0])
            else:
                changed.append(row[:width] + tail[1])
        return self._write(
            table=Product._meta.db_table,
            staging="ecomscript_stage_product",
            columns=self._PRODUCT_COLUMNS,
            new=new,
            changed=changed,
            conflict="(parent_asin)",
            updates=[name for name, _ in self._PRODUCT_COLUMNS if name != "parent_asin"],
            total=len(rows),
        )

    def reviews_write(self, rows: list[ReviewRow], file: str) -> ChunkResult:
        result = ChunkResult()
        resolved, result.problems = reviews_resolve(rows, file)
        if not resolved:
            return result
        existing = {}
        if self._look_up_first.get(Review._meta.db_table):
            with connection.cursor() as cursor:
                cursor.execute(
                    f'SELECT product_id, asin, user_id, "timestamp", source_hash '
                    f"FROM {Review._meta.db_table} WHERE product_id = ANY(%s)",
                    [sorted({product_id for product_id, _ in resolved})],
                )
                existing = {tuple(found[:4]): found[4] for found in cursor.fetchall()}
        now = timezone.now()
        fields = self._REVIEW_ROW_FIELDS
        new, changed = [], []
        for product_id, row in resolved:
            known = existing.get((product_id, row.asin, row.user_id, row.timestamp))
            if known == row.source_hash:
                continue
            if known is None:
                new.append((product_id, *row[fields], now, now))
            else:
                changed.append((product_id, *row[fields]))
        result.counts = self._write(
            table=Review._meta.db_table,
            staging="ecomscript_stage_review",
            columns=self._REVIEW_COLUMNS,
            new=new,
            changed=changed,
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

    def _write(self, *, table, staging, columns, new, changed, conflict, updates, total):
        """``new`` records end with the two timestamps, ``changed`` ones do not."""
        counts = WriteCounts(unchanged=total - len(new) - len(changed))
        self._look_up_first[table] = len(new) < total
        if new:
            try:
                with transaction.atomic():
                    self._copy(table, columns + self._TIMESTAMP_COLUMNS, new)
                counts.created += len(new)
            except IntegrityError:
                # Some of these keys exist (we did not look, or someone inserted them since
                # we looked): merge the chunk instead.
                self._look_up_first[table] = True
                width = len(columns)
                merged = self._merge(
                    table, staging, columns, [r[:width] for r in new], conflict, updates
                )
                counts.add(merged)
                counts.unchanged += len(new) - merged.created - merged.updated
        if changed:
            merged = self._merge(table, staging, columns, changed, conflict, updates)
            counts.add(merged)
            counts.unchanged += len(changed) - merged.created - merged.updated
        return counts

    def _copy(self, table, columns, records) -> None:
        """Binary COPY: numbers and timestamps go as they are, text needs no escaping, and
        a JSON column's value is already binary jsonb (see parser.jsonb_column), sent as
        bytes. The server still parses every JSON text into jsonb."""
        from psycopg.types.string import BytesBinaryDumper  # PostgreSQL only

        quoted = ", ".join(f'"{name}"' for name, _ in columns)
        # wrap_database_errors: psycopg's errors as Django's (IntegrityError for a key that
        # exists), as Django's own cursor would raise them.
        with connection.cursor() as cursor, connection.wrap_database_errors:
            raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
            # Plain bytes as they are, by psycopg's C dumper (this cursor only).
            raw.adapters.register_dumper(bytes, BytesBinaryDumper)
            with raw.copy(f"COPY {table} ({quoted}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(["bytea" if kind == "jsonb" else kind for _, kind in columns])
                write_row = copy.write_row
                for record in records:
                    write_row(record)

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
