"""The frozen copies of what an annotator sees. Built once, when the item is made; nothing
here is read again from the live tables afterwards."""

from __future__ import annotations

from pipeline.models import Product, Script

CARD_FEATURES = 5


def product_card(product: Product) -> dict:
    return {
        "parent_asin": product.parent_asin,
        "title": product.title,
        "category": product.category.label,
        "price": str(product.price) if product.price is not None else (product.price_text or None),
        "features": [str(f) for f in (product.features or [])[:CARD_FEATURES]],
        "store": product.store,
        "average_rating": product.average_rating,
    }


def script_payload(script: Script, steps) -> dict:
    return {
        "objective": script.objective.text,
        "category": script.objective.category.label,
        "steps": [{"order": step.order, "text": step.text} for step in steps],
    }
