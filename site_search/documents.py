"""Catalogue rows into search documents: what each thing is found by, and where it links.

Pure: rows in (as the selectors read them), `Document`s out, no queries. What a
result shows beside its text (a feature's vendors and plans, a vendor's price
from) is kept as plain JSON in `details`, shaped for the reader when shown
(results.py), so the interface's words stay in the reader's language.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.http import urlencode

from comparisons.forms import SIDE_BY_SIDE_MAX_VENDORS, SIDE_BY_SIDE_MIN_VENDORS

from .models import Kind
from .text import MAX_WORD_LENGTH, plain, words

VENDOR_URL = "comparisons:vendor_detail"
COMPARISON_URL = "comparisons:comparison_detail"


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    position: int
    title: str
    body: str
    url_name: str
    url_slug: str = ""
    url_query: str = ""
    anchor: str = ""
    details: dict = field(default_factory=dict)

    @property
    def title_plain(self) -> str:
        return plain(self.title)

    @property
    def body_plain(self) -> str:
        return plain(self.body)


@dataclass(frozen=True)
class Availability:
    """A vendor's offer of a feature, as read for the index (plain values)."""

    feature_id: int
    vendor_slug: str
    vendor_name: str
    status: str
    plan_name: str | None
    note: str


def _text(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _price(plan: Any | None) -> dict | None:
    if plan is None:
        return None
    return {
        "plan": plan.name,
        "amount": str(plan.price),
        "currency": plan.currency,
        "is_from_price": plan.is_from_price,
        "pricing_unit": plan.pricing_unit,
        "billing_period": plan.billing_period,
    }


def _cheapest_paid(plans: Iterable[Any]) -> Any | None:
    # As the vendor page's "price from": the cheapest paid plan with a published price.
    priced = [
        plan
        for plan in plans
        if plan.kind == "plan" and not plan.is_free and plan.price is not None
    ]
    return min(priced, key=lambda plan: plan.price, default=None)


def _compare_query(offering: Sequence[str], every_vendor: Sequence[str]) -> str:
    """The compare page's query for a feature: the vendors offering it, up to the page's
    maximum, topped up with others to its minimum."""
    picked = list(offering[:SIDE_BY_SIDE_MAX_VENDORS])
    for slug in every_vendor:
        if len(picked) >= SIDE_BY_SIDE_MIN_VENDORS:
            break
        if slug not in picked:
            picked.append(slug)
    return urlencode([("vendors", slug) for slug in picked])


def build_documents(
    *,
    vendors: Sequence[Any],
    plans: Sequence[Any],
    features: Sequence[Any],
    availabilities: Sequence[Availability],
    criteria: Sequence[Any],
    comparisons: Sequence[Any],
    faq_entries: Sequence[Any],
) -> list[Document]:
    """Every document of the index. `comparisons` are the published ones, `faq_entries`
    the general ones and those of published comparisons: nothing else is public."""
    documents: list[Document] = []
    plans_of = defaultdict(list)
    for plan in plans:
        plans_of[plan.vendor_id].append(plan)
    every_vendor = [vendor.slug for vendor in vendors]

    for position, vendor in enumerate(vendors):
        documents.append(
            Document(
                kind=Kind.VENDOR,
                object_id=vendor.pk,
                position=position,
                title=vendor.name,
                body=_text(vendor.summary, vendor.best_for, vendor.description),
                url_name=VENDOR_URL,
                url_slug=vendor.slug,
                details={
                    "price_from": _price(_cheapest_paid(plans_of[vendor.pk])),
                    "has_free_plan": any(
                        plan.kind == "plan" and plan.is_free for plan in plans_of[vendor.pk]
                    ),
                },
            )
        )

    for position, plan in enumerate(plans):
        documents.append(
            Document(
                kind=Kind.PLAN,
                object_id=plan.pk,
                position=position,
                title=f"{plan.vendor.name} – {plan.name}",
                body=plan.description,
                url_name=VENDOR_URL,
                url_slug=plan.vendor.slug,
                anchor=f"plan-{plan.slug}",
                details={"price": _price(plan) if plan.price is not None else None},
            )
        )

    offers = defaultdict(list)
    for availability in availabilities:
        offers[availability.feature_id].append(availability)
    for position, feature in enumerate(features):
        offering = [offer for offer in offers[feature.pk] if offer.status != "unavailable"]
        documents.append(
            Document(
                kind=Kind.FEATURE,
                object_id=feature.pk,
                position=position,
                title=feature.name,
                body=_text(
                    feature.description,
                    feature.category.name,
                    *(offer.note for offer in offers[feature.pk]),
                ),
                url_name="comparisons:compare",
                url_query=_compare_query([offer.vendor_slug for offer in offering], every_vendor),
                anchor=f"feature-{feature.slug}",
                details={
                    "category": feature.category.name,
                    "vendors": [
                        {
                            "vendor": offer.vendor_slug,
                            "vendor_name": offer.vendor_name,
                            "status": offer.status,
                            "plan": offer.plan_name,
                        }
                        for offer in offering
                    ],
                },
            )
        )

    first_comparison = comparisons[0] if comparisons else None
    for position, criterion in enumerate(criteria):
        if first_comparison is not None:
            where = {"url_name": COMPARISON_URL, "url_slug": first_comparison.slug}
            anchor = f"criterion-{criterion.slug}-heading"
        elif vendors:
            where = {"url_name": VENDOR_URL, "url_slug": vendors[0].slug}
            anchor = f"criterion-{criterion.slug}"
        else:
            continue
        documents.append(
            Document(
                kind=Kind.CRITERION,
                object_id=criterion.pk,
                position=position,
                title=criterion.name,
                body=criterion.description,
                anchor=anchor,
                **where,
            )
        )

    for position, comparison in enumerate(comparisons):
        documents.append(
            Document(
                kind=Kind.COMPARISON,
                object_id=comparison.pk,
                position=position,
                title=comparison.title,
                body=_text(comparison.intro, comparison.conclusion),
                url_name=COMPARISON_URL,
                url_slug=comparison.slug,
            )
        )

    for position, entry in enumerate(faq_entries):
        if entry.comparison_id is None:
            where = {"url_name": "comparisons:faq"}
        else:
            where = {"url_name": "comparisons:comparison_faq", "url_slug": entry.comparison.slug}
        documents.append(
            Document(
                kind=Kind.FAQ,
                object_id=entry.pk,
                position=position,
                title=entry.question,
                body=entry.answer,
                anchor=f"faq-{entry.pk}",
                **where,
            )
        )
    return documents


def vocabulary(documents: Iterable[Document], *, min_length: int = 3) -> list[str]:
    """The distinct plain words of the documents' titles and bodies, for "did you mean"."""
    found: set[str] = set()
    for document in documents:
        found.update(words(document.title))
        found.update(words(document.body))
    return sorted(word for word in found if min_length <= len(word) <= MAX_WORD_LENGTH)
