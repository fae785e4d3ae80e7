"""Small helpers shared by tests: writing catalogue files of hand-made lines."""

import gzip
from pathlib import Path

import orjson


def meta_record(parent_asin: str, **overrides) -> dict:
    record = {
        "main_category": "Amazon Home",
        "title": f"Test product {parent_asin}",
        "average_rating": 4.2,
        "rating_number": 12,
        "features": ["Sturdy", "Dishwasher safe"],
        "description": ["A test product."],
        "price": 19.99,
        "images": [],
        "videos": [],
        "store": "Testco",
        "categories": ["Home & Kitchen"],
        "details": {"Material": "Steel"},
        "parent_asin": parent_asin,
        "bought_together": None,
    }
    record.update(overrides)
    return record


def review_record(parent_asin: str, user_id: str = "AEUSER1", **overrides) -> dict:
    record = {
        "rating": 5.0,
        "title": "Works well",
        "text": "I bought this to cook for a family reunion and it did the job.",
        "images": [],
        "asin": parent_asin,
        "parent_asin": parent_asin,
        "user_id": user_id,
        "timestamp": 1_650_000_000_000,
        "helpful_vote": 0,
        "verified_purchase": True,
    }
    record.update(overrides)
    return record


def write_lines(path: Path, lines: list, *, gz: bool = False) -> Path:
    """Write records (dicts) or raw strings, one per line."""
    body = b"".join(
        (line.encode() if isinstance(line, str) else orjson.dumps(line)) + b"\n" for line in lines
    )
    if gz:
        with gzip.open(path, "wb") as out:
            out.write(body)
    else:
        path.write_bytes(body)
    return path
