"""schema.org JSON-LD for the public pages, as plain dicts (rendered by base.html)."""

import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.safestring import SafeString, mark_safe

CONTEXT = "https://schema.org"
# Editors' text must not be able to close the <script> element.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}
PERIOD_UNIT_CODES = {"month": "MON", "year": "ANN"}


def faq_page(entries: Iterable[Any]) -> dict | None:
    questions = [
        {
            "@type": "Question",
            "name": entry.question,
            "acceptedAnswer": {"@type": "Answer", "text": entry.answer},
        }
        for entry in entries
    ]
    if not questions:
        return None
    return {"@type": "FAQPage", "mainEntity": questions}


def product(vendor: Any, plans: Sequence[Any], url: str) -> dict:
    """A vendor as a Product, its priced plans as Offers."""
    data = {
        "@type": "Product",
        "name": vendor.name,
        "url": url,
        "brand": {"@type": "Brand", "name": vendor.name},
        "category": "CRM software",
    }
    if vendor.summary:
        data["description"] = vendor.summary
    offers = [
        {
            "@type": "Offer",
            "name": plan.name,
            "price": str(plan.price),
            "priceCurrency": plan.currency,
            "url": f"{url}#plan-{plan.slug}",
            "priceSpecification": {
                "@type": "UnitPriceSpecification",
                "price": str(plan.price),
                "priceCurrency": plan.currency,
                "referenceQuantity": {
                    "@type": "QuantitativeValue",
                    "value": 1,
                    "unitCode": PERIOD_UNIT_CODES.get(plan.billing_period, "MON"),
                },
            },
        }
        for plan in plans
        if plan.kind == "plan" and plan.price is not None
    ]
    if offers:
        data["offers"] = offers
    return data


def render(*items: dict | None) -> SafeString:
    """One JSON-LD document (a @graph when several), safe inside <script>."""
    graph = [item for item in items if item]
    if not graph:
        return mark_safe("")
    document = (
        {"@context": CONTEXT, **graph[0]}
        if len(graph) == 1
        else {
            "@context": CONTEXT,
            "@graph": graph,
        }
    )
    return mark_safe(json.dumps(document, ensure_ascii=False).translate(SCRIPT_ESCAPES))
