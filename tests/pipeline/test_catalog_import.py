"""The catalogue importer: counts, idempotency, formats, and every kind of bad line."""

import gzip
import shutil

import orjson
import pytest
from django.core.management import CommandError, call_command

from pipeline.catalog import parser
from pipeline.catalog import writer as writer_module
from pipeline.catalog.parser import LineProblem
from pipeline.catalog.reader import CatalogFile, LineStream
from pipeline.catalog.services import CatalogImportAborted, catalog_import
from pipeline.models import Category, Product, Review
from tests.helpers import meta_record, review_record, write_lines

pytestmark = pytest.mark.django_db

# The shipped sample (sample_data/README.md states these counts).
SAMPLE_PRODUCTS = 360
SAMPLE_CATEGORIES = 6


def run(*paths, **options):
    return catalog_import([CatalogFile.of(p) for p in paths], **options)


def db_snapshot():
    return (
        sorted(Product.objects.values_list("parent_asin", "source_hash", "title")),
        sorted(Review.objects.values_list("product__parent_asin", "user_id", "timestamp", "text")),
        sorted(Category.objects.values_list("name", flat=True)),
    )


def sample_review_count(sample_files):
    total = 0
    for path in sample_files:
        if not path.name.startswith("meta_"):
            with gzip.open(path, "rb") as lines:
                total += sum(1 for line in lines if line.strip())
    return total


def test_sample_catalogue_imports_with_exact_counts(sample_files):
    summary = run(*sample_files)
    reviews = sample_review_count(sample_files)
    assert summary.products.created == SAMPLE_PRODUCTS
    assert summary.reviews.created == reviews
    assert summary.skipped == 0 and summary.problems == []
    assert Product.objects.count() == SAMPLE_PRODUCTS
    assert Review.objects.count() == reviews >= 900
    assert Category.objects.count() == SAMPLE_CATEGORIES
    kitchen = Category.objects.get(name="Home_and_Kitchen")
    assert kitchen.products.count() == 60


def test_reimport_changes_nothing_and_duplicates_nothing(sample_files):
    run(*sample_files)
    before = db_snapshot()
    summary = run(*sample_files)
    assert summary.products.created == summary.products.updated == 0
    assert summary.reviews.created == summary.reviews.updated == 0
    assert summary.products.unchanged == SAMPLE_PRODUCTS
    assert db_snapshot() == before


def test_plain_and_gzip_files_give_the_same_rows(sample_files, tmp_path):
    gz_meta = next(p for p in sample_files if p.name.startswith("meta_"))
    plain = tmp_path / gz_meta.name.removesuffix(".gz")
    with gzip.open(gz_meta, "rb") as src, open(plain, "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert run(plain).products.created == 60
    plain_rows = db_snapshot()
    Product.objects.all().delete()
    assert run(gz_meta).products.created == 60
    assert db_snapshot() == plain_rows


def test_reviews_listed_before_metadata_still_find_their_products(tmp_path):
    reviews = write_lines(tmp_path / "Toys.jsonl", [review_record("B0AAAAAAA1")])
    meta = write_lines(tmp_path / "meta_Toys.jsonl", [meta_record("B0AAAAAAA1")])
    summary = run(reviews, meta)
    assert summary.reviews.created == 1 and summary.skipped == 0
    assert Product.objects.get().category.name == "Toys"


def test_changed_record_is_updated_not_duplicated(tmp_path):
    path = tmp_path / "meta_Toys.jsonl"
    write_lines(path, [meta_record("B0AAAAAAA1"), meta_record("B0AAAAAAA2")])
    run(path)
    write_lines(path, [meta_record("B0AAAAAAA1", title="New title"), meta_record("B0AAAAAAA2")])
    summary = run(path)
    assert (summary.products.created, summary.products.updated) == (0, 1)
    assert summary.products.unchanged == 1
    assert Product.objects.get(parent_asin="B0AAAAAAA1").title == "New title"
    assert Product.objects.count() == 2


def test_a_later_line_with_the_same_key_wins(tmp_path):
    path = write_lines(
        tmp_path / "meta_Toys.jsonl",
        [meta_record("B0AAAAAAA1", title="first"), meta_record("B0AAAAAAA1", title="second")],
    )
    summary = run(path)
    assert summary.duplicates == 1
    assert list(Product.objects.values_list("title", flat=True)) == ["second"]


def test_string_prices_are_read_and_kept(tmp_path):
    path = write_lines(
        tmp_path / "meta_Toys.jsonl",
        [
            meta_record("B0AAAAAAA1", price="$1,212.50"),
            meta_record("B0AAAAAAA2", price="12.99 - 15.99"),
            meta_record("B0AAAAAAA3", price="None"),
            meta_record("B0AAAAAAA4", price=None),
        ],
    )
    run(path)
    prices = dict(Product.objects.values_list("parent_asin", "price"))
    texts = dict(Product.objects.values_list("parent_asin", "price_text"))
    assert str(prices["B0AAAAAAA1"]) == "1212.50" and texts["B0AAAAAAA1"] == "$1,212.50"
    assert str(prices["B0AAAAAAA2"]) == "12.99"
    assert prices["B0AAAAAAA3"] is None and texts["B0AAAAAAA3"] == "None"
    assert prices["B0AAAAAAA4"] is None and texts["B0AAAAAAA4"] == ""


BAD_META_LINES = [
    ('{"parent_asin": "B0X", "title": ', "(line): not valid JSON"),
    ("[1, 2, 3]", "(line): expected a JSON object, got a list"),
    (meta_record(None), "parent_asin: missing"),
    (meta_record(12345), "parent_asin: expected a string, got a number"),
    (meta_record("B0" + "X" * 40), "parent_asin: longer than 32 characters"),
    (meta_record("B0BAD00001", title=None), "title: missing"),
    (meta_record("B0BAD00001", title="   "), "title: empty"),
    (
        meta_record("B0BAD00001", features="sturdy"),
        "features: expected a list of strings, got a string",
    ),
    (meta_record("B0BAD00001", features=["ok", 3]), "features[1]: expected a string, got a number"),
    (meta_record("B0BAD00001", details=["a"]), "details: expected an object, got a list"),
    (meta_record("B0BAD00001", average_rating=7.5), "average_rating: 7.5 is outside 0..5"),
    (meta_record("B0BAD00001", average_rating="4.5"), "average_rating: expected a number or null"),
    (meta_record("B0BAD00001", rating_number=-2), "rating_number: -2 is outside"),
    (meta_record("B0BAD00001", price=-5), "price: -5 is outside 0..1000000"),
    (meta_record("B0BAD00001", price=99_999_999), "price: 99999999 is outside"),
    (meta_record("B0BAD00001", price=True), "price: expected a number, a string or null"),
    (meta_record("B0BAD00001", store=["x"]), "store: expected a string or null, got a list"),
]


@pytest.mark.parametrize(("line", "message"), BAD_META_LINES)
def test_bad_metadata_line_is_reported_with_file_line_field_and_skipped(tmp_path, line, message):
    path = write_lines(
        tmp_path / "meta_Toys.jsonl", [meta_record("B0GOOD0001"), line, meta_record("B0GOOD0002")]
    )
    summary = run(path)
    assert len(summary.problems) == 1
    assert str(summary.problems[0]).startswith(f"meta_Toys.jsonl:2: {message}")
    assert summary.skipped == 1
    assert sorted(Product.objects.values_list("parent_asin", flat=True)) == [
        "B0GOOD0001",
        "B0GOOD0002",
    ]


BAD_REVIEW_LINES = [
    ("not json at all", "(line): not valid JSON"),
    (review_record("B0GOOD0001", rating=None), "rating: missing"),
    (review_record("B0GOOD0001", rating=9), "rating: 9 is outside 1..5"),
    (review_record("B0GOOD0001", rating="five"), "rating: expected a number or null"),
    (review_record("B0GOOD0001", user_id=None), "user_id: missing"),
    (review_record("B0GOOD0001", timestamp=None), "timestamp: missing"),
    (
        review_record("B0GOOD0001", timestamp=1_650_000_000),
        "timestamp: 1650000000 is before 1995 (seconds?",
    ),
    (
        review_record("B0GOOD0001", timestamp=4_102_444_800_000),
        "timestamp: 4102444800000 is in the future",
    ),
    (review_record("B0GOOD0001", timestamp="yesterday"), "timestamp: expected a whole number"),
    (review_record("B0GOOD0001", helpful_vote=-1), "helpful_vote: -1 is outside"),
    (
        review_record("B0GOOD0001", verified_purchase="yes"),
        "verified_purchase: expected true/false",
    ),
    (review_record("B0GOOD0001", text=42), "text: expected a string or null, got a number"),
    (review_record("B0UNKNOWN1"), "parent_asin: no product B0UNKNOWN1 in the catalogue"),
]


@pytest.mark.parametrize(("line", "message"), BAD_REVIEW_LINES)
def test_bad_review_line_is_reported_with_file_line_field_and_skipped(tmp_path, line, message):
    run(write_lines(tmp_path / "meta_Toys.jsonl", [meta_record("B0GOOD0001")]))
    path = write_lines(
        tmp_path / "Toys.jsonl",
        [
            review_record("B0GOOD0001", user_id="U1"),
            line,
            review_record("B0GOOD0001", user_id="U2"),
        ],
    )
    summary = run(path)
    assert len(summary.problems) == 1
    assert str(summary.problems[0]).startswith(f"Toys.jsonl:2: {message}")
    assert sorted(Review.objects.values_list("user_id", flat=True)) == ["U1", "U2"]


def test_blank_lines_are_not_errors(tmp_path):
    path = write_lines(tmp_path / "meta_Toys.jsonl", [meta_record("B0GOOD0001"), "", "   "])
    summary = run(path)
    assert summary.problems == [] and summary.products.created == 1


def test_truncated_gzip_keeps_what_was_read_and_reports_the_rest(tmp_path):
    full = write_lines(
        tmp_path / "full.jsonl.gz", [meta_record(f"B0GOOD{n:04d}") for n in range(200)], gz=True
    )
    cut = tmp_path / "meta_Toys.jsonl.gz"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    summary = run(cut)
    assert len(summary.problems) == 1
    problem = summary.problems[0]
    assert problem.file == "meta_Toys.jsonl.gz" and problem.field == "(file)"
    assert "unreadable" in problem.problem
    assert 0 < Product.objects.count() < 200


def test_strict_import_aborts_on_first_bad_line_and_changes_nothing(sample_files, tmp_path):
    run(*sample_files)
    before = db_snapshot()
    some_asin = before[0][0][0]
    path = write_lines(
        tmp_path / "meta_Toys.jsonl",
        [
            meta_record("B0NEW00001"),
            meta_record(some_asin, title="An update that must not land"),
            meta_record("B0NEW00002", price=-1),
            meta_record("B0NEW00003", title=None),
        ],
    )
    with pytest.raises(CatalogImportAborted) as raised:
        run(path, strict=True)
    assert str(raised.value.problem) == "meta_Toys.jsonl:3: price: -1 is outside 0..1000000"
    assert db_snapshot() == before


def test_strict_import_of_good_files_imports_everything(sample_files):
    summary = run(*sample_files, strict=True)
    assert summary.products.created == SAMPLE_PRODUCTS


def test_strict_aborts_on_review_of_unknown_product_after_metadata(tmp_path):
    meta = write_lines(tmp_path / "meta_Toys.jsonl", [meta_record("B0GOOD0001")])
    reviews = write_lines(tmp_path / "Toys.jsonl", [review_record("B0NOPE0001")])
    with pytest.raises(CatalogImportAborted, match=r"Toys.jsonl:1: parent_asin: no product"):
        run(meta, reviews, strict=True)
    assert Product.objects.count() == 0


def test_kind_is_detected_from_records_whatever_the_name(tmp_path):
    meta = write_lines(tmp_path / "products.jsonl", [meta_record("B0GOOD0001")])
    reviews = write_lines(tmp_path / "opinions.jsonl", [review_record("B0GOOD0001")])
    summary = run(reviews, meta, category="Toys")
    assert (summary.products.created, summary.reviews.created) == (1, 1)


def test_undetectable_kind_is_an_error_naming_the_file(tmp_path):
    path = write_lines(tmp_path / "mystery.jsonl", [{"foo": 1}])
    with pytest.raises(Exception, match=r"mystery.jsonl:1: \(file\): cannot tell"):
        run(path)
    assert run(path, kind="meta").problems[0].field == "parent_asin"


def test_command_prints_problems_and_summary(tmp_path, capsys):
    path = write_lines(tmp_path / "meta_Toys.jsonl", [meta_record("B0GOOD0001"), "{oops"])
    call_command("import_catalog", str(path), "--no-progress")
    out, err = capsys.readouterr()
    assert "meta_Toys.jsonl:2: (line): not valid JSON" in err
    assert "products: 1 created, 0 updated, 0 unchanged" in out
    assert "1 bad lines skipped" in out


def test_command_strict_fails_with_the_line(tmp_path):
    path = write_lines(tmp_path / "meta_Toys.jsonl", [meta_record("B0GOOD0001"), "{oops"])
    with pytest.raises(CommandError, match=r"meta_Toys.jsonl:2: \(line\)"):
        call_command("import_catalog", str(path), "--no-progress", "--strict")
    assert Product.objects.count() == 0


def test_command_reports_missing_file(tmp_path):
    with pytest.raises(CommandError, match="nope.jsonl: no such file"):
        call_command("import_catalog", str(tmp_path / "nope.jsonl"), "--no-progress")


# --- the fast paths agree with the checked ones ---------------------------------------------


def _sample_records(sample_files, meta: bool):
    for path in sample_files:
        if path.name.startswith("meta_") == meta:
            with gzip.open(path, "rb") as lines:
                for number, raw in enumerate(lines, start=1):
                    if raw.strip():
                        yield number, raw.rstrip(b"\n"), orjson.loads(raw)


EDGE_META_RECORDS = [
    meta_record(
        "  B0EDGE0001 ",
        title="  padded title ",
        main_category=None,
        store="  Shop ",
        features=["  spaced ", "", "   ", "kept"],
        description=None,
        categories=[],
        details=None,
        images=None,
        videos=None,
        bought_together=["B0OTHER001"],
        average_rating=4,
        rating_number=12.0,
        price="$1,212.50",
    ),
    meta_record("B0EDGE0002", price=0, rating_number=0, average_rating=0.0),
    meta_record("B0EDGE0003", price=12, main_category="", store=""),
    meta_record("B0EDGE0004", price="call for price", details={"a": {"b": [1, 2.5, None]}}),
    meta_record("B0EDGE0005", price=1_000_000, title="ünïcødé ☃ \t tab", features=["é"]),
    {"parent_asin": "B0EDGE0006", "title": "only the required fields"},
]
EDGE_REVIEW_RECORDS = [
    review_record(
        " B0GOOD0001 ",
        user_id="  U1 ",
        asin=None,
        rating=4,
        timestamp=1.65e12,
        helpful_vote=3.0,
        verified_purchase=None,
        title=None,
        text="  trimmed  ",
        images=None,
    ),
    review_record("B0GOOD0001", asin="", helpful_vote=None, images=[{"url": "x"}]),
    {"parent_asin": "B0GOOD0001", "user_id": "U2", "rating": 1, "timestamp": 1_650_000_000_001},
]


def _outcome(parse, record, **kwargs):
    try:
        return parse(record, file="f.jsonl", line=7, **kwargs)
    except LineProblem as problem:
        return problem


@pytest.mark.parametrize("category", [None, "Toys"])
def test_product_fast_path_agrees_with_the_checked_path(sample_files, category):
    """The fast path may only hand over to the checked path, never decide differently."""
    cases = [(0, b"", record) for record in EDGE_META_RECORDS]
    cases += [(0, b"", record) for record, _ in BAD_META_LINES if isinstance(record, dict)]
    cases += list(_sample_records(sample_files, meta=True))
    for _, raw, record in cases:
        fast = _outcome(parser.product_parse, record, category=category, raw=raw)
        checked = _outcome(parser._product_parse_checked, record, category=category, raw=raw)
        assert fast == checked, record
    bad = [_outcome(parser.product_parse, r, category=None) for r, _ in BAD_META_LINES[2:]]
    assert all(isinstance(outcome, LineProblem) for outcome in bad)


def test_review_fast_path_agrees_with_the_checked_path(sample_files):
    cases = [(0, b"", record) for record in EDGE_REVIEW_RECORDS]
    cases += [(0, b"", record) for record, _ in BAD_REVIEW_LINES if isinstance(record, dict)]
    cases += list(_sample_records(sample_files, meta=False))
    for _, raw, record in cases:
        fast = _outcome(parser.review_parse, record, raw=raw)
        assert fast == _outcome(parser._review_parse_checked, record, raw=raw), record
    edge = parser.review_parse(EDGE_REVIEW_RECORDS[0], file="f", line=1)
    assert (edge.parent_asin, edge.asin, edge.user_id) == ("B0GOOD0001", "B0GOOD0001", "U1")
    assert (edge.timestamp, edge.helpful_vote, edge.text) == (1_650_000_000_000, 3, "trimmed")


def test_edge_values_are_stored_as_the_rules_say(tmp_path):
    run(write_lines(tmp_path / "meta_Toys.jsonl", EDGE_META_RECORDS))
    edge = Product.objects.get(parent_asin="B0EDGE0001")
    assert (edge.title, edge.store, edge.main_category) == ("padded title", "Shop", "")
    assert edge.features == ["spaced", "kept"] and edge.description == []
    assert edge.details == {} and edge.images == [] and edge.bought_together == ["B0OTHER001"]
    assert (edge.average_rating, edge.rating_number, str(edge.price)) == (4.0, 12, "1212.50")
    assert Product.objects.get(parent_asin="B0EDGE0004").details == {"a": {"b": [1, 2.5, None]}}
    unicode = Product.objects.get(parent_asin="B0EDGE0005")
    assert unicode.title == "ünïcødé ☃ \t tab" and unicode.features == ["é"]
    bare = Product.objects.get(parent_asin="B0EDGE0006")
    assert bare.bought_together is None and bare.price is None and bare.videos == []


# --- the writers ----------------------------------------------------------------------------


def full_snapshot():
    """Every stored column but ids and timestamps."""
    products = Product.objects.values_list(
        "parent_asin",
        "category__name",
        "main_category",
        "title",
        "store",
        "price",
        "price_text",
        "average_rating",
        "rating_number",
        "features",
        "description",
        "categories",
        "details",
        "images",
        "videos",
        "bought_together",
        "source_hash",
    )
    reviews = Review.objects.values_list(
        "product__parent_asin",
        "asin",
        "user_id",
        "rating",
        "title",
        "text",
        "timestamp",
        "helpful_vote",
        "verified_purchase",
        "images",
        "source_hash",
    )
    as_text = orjson.dumps  # lists and dicts are not sortable; their JSON is
    return (
        sorted(as_text([*row[:5], str(row[5]), *row[6:]]) for row in products),
        sorted(as_text(row) for row in reviews),
    )


def _changed_copies(sample_files, tmp_path):
    """The sample with every third product's title and every third review's text changed,
    and a few new products and reviews: a re-import that updates, creates and keeps."""
    changed = []
    for path in sample_files:
        with gzip.open(path, "rb") as source:
            lines = [raw.rstrip(b"\n") for raw in source if raw.strip()]
        meta = path.name.startswith("meta_")
        for index in range(0, len(lines), 3):  # unchanged lines stay byte for byte
            record = orjson.loads(lines[index])
            record["title" if meta else "text"] = f"changed {index}"
            lines[index] = orjson.dumps(record)
        if meta:
            lines.append(orjson.dumps(meta_record(f"B0NEW{len(changed):05d}")))
        else:
            parent_asin = orjson.loads(lines[0])["parent_asin"]
            lines.append(orjson.dumps(review_record(parent_asin, user_id="NEWUSER")))
        changed.append(
            write_lines(tmp_path / path.name, [line.decode() for line in lines], gz=True)
        )
    return changed


def test_portable_writer_gives_the_same_rows_as_the_default(sample_files, tmp_path, monkeypatch):
    """On PostgreSQL the default writer is binary-COPY-based; the ORM writer must agree with
    it column by column, on a first import and on a re-import that creates and updates."""
    changed = _changed_copies(sample_files, tmp_path)
    first = run(*sample_files)
    expected = full_snapshot()
    second = run(*changed)
    expected_after = full_snapshot()
    assert (second.products.created, second.products.updated) == (6, SAMPLE_PRODUCTS // 3)
    assert second.reviews.created == 6 and second.reviews.updated > 0
    Review.objects.all().delete()
    Product.objects.all().delete()
    monkeypatch.setattr(writer_module, "writer_for_connection", writer_module.OrmWriter)
    monkeypatch.setattr("pipeline.catalog.services.writer_for_connection", writer_module.OrmWriter)
    summary = run(*sample_files)
    assert summary.as_dict() == first.as_dict()
    assert full_snapshot() == expected
    again = run(*changed)
    assert again.as_dict() == second.as_dict()
    assert full_snapshot() == expected_after
    assert run(*changed).products.unchanged == SAMPLE_PRODUCTS + 6


@pytest.mark.parametrize("chunk_size", [2, 50])
def test_new_changed_and_unchanged_keys_mixed_in_chunks_are_counted(tmp_path, chunk_size):
    """A chunk of new keys may be followed by one with existing keys (the PostgreSQL writer
    writes a chunk straight away while the chunks before it held only new keys)."""
    run(write_lines(tmp_path / "meta_Toys.jsonl", [meta_record("B0OLD00001")]))
    run(
        write_lines(
            tmp_path / "Toys.jsonl",
            [review_record("B0OLD00001", user_id="U1"), review_record("B0OLD00001", user_id="U2")],
        )
    )
    meta = write_lines(
        tmp_path / "meta_Toys.jsonl",
        [
            meta_record("B0NEW00001"),
            meta_record("B0NEW00002"),
            meta_record("B0NEW00003"),
            meta_record("B0OLD00001", title="changed"),
            meta_record("B0NEW00004"),
        ],
    )
    reviews = write_lines(
        tmp_path / "Toys.jsonl",
        [
            review_record("B0NEW00001", user_id="U1"),
            review_record("B0NEW00002", user_id="U1"),
            review_record("B0NEW00003", user_id="U1"),
            review_record("B0OLD00001", user_id="U1", text="changed"),
            review_record("B0OLD00001", user_id="U2"),
            review_record("B0NEW00004", user_id="U1"),
        ],
    )
    summary = run(meta, reviews, chunk_size=chunk_size)
    assert summary.products.as_dict() == {"created": 4, "updated": 1, "unchanged": 0}
    assert summary.reviews.as_dict() == {"created": 4, "updated": 1, "unchanged": 1}
    assert Product.objects.count() == 5 and Review.objects.count() == 6
    assert Product.objects.get(parent_asin="B0OLD00001").title == "changed"
    assert Review.objects.get(user_id="U1", product__parent_asin="B0OLD00001").text == "changed"
    again = run(meta, reviews, chunk_size=chunk_size)
    assert again.products.as_dict() == {"created": 0, "updated": 0, "unchanged": 5}
    assert again.reviews.as_dict() == {"created": 0, "updated": 0, "unchanged": 6}


def test_duplicate_key_in_a_later_chunk_replaces_the_earlier_line(tmp_path):
    path = write_lines(
        tmp_path / "meta_Toys.jsonl",
        [meta_record("B0DUP00001", title="first"), meta_record("B0DUP00002")]
        + [meta_record("B0DUP00001", title="second")],
    )
    summary = run(path, chunk_size=2)
    assert summary.products.as_dict() == {"created": 2, "updated": 1, "unchanged": 0}
    assert Product.objects.get(parent_asin="B0DUP00001").title == "second"


# --- the reader -----------------------------------------------------------------------------


def test_gzip_members_line_endings_and_a_last_line_without_newline(tmp_path):
    """Concatenated gzip members are one file (as gzip reads them), line numbers run on
    across members, CRLF endings and a missing final newline are fine."""
    first = b"".join(orjson.dumps(meta_record(f"B0GZ{n:06d}")) + b"\r\n" for n in range(3))
    second = orjson.dumps(meta_record("B0GZ000003")) + b"\n{broken\n"
    third = orjson.dumps(meta_record("B0GZ000004"))
    path = tmp_path / "meta_Toys.jsonl.gz"
    path.write_bytes(gzip.compress(first) + gzip.compress(second) + gzip.compress(third))
    summary = run(path)
    assert summary.products.created == 5 and summary.lines == 6
    assert len(summary.problems) == 1
    assert str(summary.problems[0]).startswith("meta_Toys.jsonl.gz:5: (line): not valid JSON")
    plain = tmp_path / "plain" / "meta_Toys.jsonl"
    plain.parent.mkdir()
    plain.write_bytes(first + second + third)
    again = run(plain)  # the same lines, so the same rows: nothing to write
    assert again.products.as_dict() == {"created": 0, "updated": 0, "unchanged": 5}
    assert str(again.problems[0]).startswith("meta_Toys.jsonl:5: (line): not valid JSON")


def test_lines_longer_than_a_read_block_are_read_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(LineStream, "BLOCK_SIZE", 64)
    records = [meta_record(f"B0LONG{n:04d}", description=["x" * (100 * n)]) for n in range(5)]
    path = write_lines(tmp_path / "meta_Toys.jsonl.gz", records, gz=True)
    assert run(path).products.created == 5
    assert Product.objects.get(parent_asin="B0LONG0004").description == ["x" * 400]


def test_summary_lists_each_file_and_progress_reaches_the_total(tmp_path):
    meta = write_lines(
        tmp_path / "meta_Toys.jsonl", [meta_record("B0F0000001"), "{bad", meta_record("B0F0000002")]
    )
    games = write_lines(
        tmp_path / "meta_Games.jsonl.gz", [meta_record(f"B0G{n:07d}") for n in range(120)], gz=True
    )
    reviews = write_lines(
        tmp_path / "Toys.jsonl", [review_record("B0F0000001"), review_record("B0NOPE0001")]
    )
    seen = []
    summary = run(
        reviews,
        meta,
        games,
        chunk_size=50,
        on_progress=lambda p: seen.append((p.bytes_done, p.lines, p.current_file)),
    )
    assert summary.files == [
        {"name": "meta_Toys.jsonl", "kind": "meta", "category": "Toys", "lines": 3, "skipped": 1},
        {
            "name": "meta_Games.jsonl.gz",
            "kind": "meta",
            "category": "Games",
            "lines": 120,
            "skipped": 0,
        },
        {"name": "Toys.jsonl", "kind": "reviews", "category": "Toys", "lines": 2, "skipped": 1},
    ]
    assert summary.lines == 125 and summary.skipped == 2
    done = [bytes_done for bytes_done, _, _ in seen]
    assert done == sorted(done)
    assert done[-1] == sum(path.stat().st_size for path in (meta, games, reviews))
    assert [lines for _, lines, _ in seen] == sorted(lines for _, lines, _ in seen)
    assert [name for _, _, name in seen][-1] == "Toys.jsonl"
    assert {name for _, _, name in seen} == {"meta_Toys.jsonl", "meta_Games.jsonl.gz", "Toys.jsonl"}
