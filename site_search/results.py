"""Hits into what a reader sees: results grouped by kind, matched words marked, links.

Pure (no queries): the page and the API shape the same hits with the same
functions. Editors' text is escaped piece by piece before <mark> is put around
the matched words, so nothing an editor writes is ever markup.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from markupsafe import Markup, escape

from comparisons.models import FeatureAvailability, Plan

from .backends import Hit
from .models import Kind
from .text import matches, plain, stems

SNIPPET_CHARS = 220
_WORDS_AND_GAPS = re.compile(r"([^\W_]+)")


@dataclass(frozen=True)
class Offer:
    """A vendor that offers a feature, and how: "desde Professional", "complemento de pago"."""

    vendor: str
    vendor_name: str
    status: str
    plan: str | None
    label: str


@dataclass(frozen=True)
class Price:
    plan: str
    amount: Decimal
    currency: str
    is_from_price: bool
    pricing_unit: str
    billing_period: str

    @property
    def per(self) -> str:
        """ "per user / month", in the reader's language, as the vendor page says it."""
        unit = Plan.PricingUnit(self.pricing_unit).label
        return f"{unit} / {Plan.BillingPeriod(self.billing_period).label}"


@dataclass(frozen=True)
class Result:
    kind: str
    title: Markup
    snippet: Markup
    title_text: str
    url: str
    score: float
    offers: list[Offer] = field(default_factory=list)
    price: Price | None = None
    has_free_plan: bool = False  # vendors: as the vendor page says beside its price from


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    results: list[Result]


def query_stems(words: Sequence[str]) -> frozenset[str]:
    return frozenset(stem for word in words for stem in stems(word))


def highlight(text: str, wanted: frozenset[str]) -> Markup:
    """`text`, escaped, with each word that is one of the query's words in <mark>."""
    pieces = []
    for index, piece in enumerate(_WORDS_AND_GAPS.split(text)):
        # split() with a group alternates gaps (even) and words (odd).
        if index % 2 and matches(plain(piece), wanted):
            pieces.append(Markup("<mark>%s</mark>") % piece)
        else:
            pieces.append(escape(piece))
    return Markup("").join(pieces)


def snippet(text: str, wanted: frozenset[str], *, length: int = SNIPPET_CHARS) -> Markup:
    """About `length` characters of `text` around its first matched word, highlighted."""
    text = " ".join(text.split())
    if len(text) <= length:
        return highlight(text, wanted)
    start = 0
    for found in _WORDS_AND_GAPS.finditer(text):
        if matches(plain(found.group()), wanted):
            start = max(0, found.start() - length // 3)
            break
    # Whole words at both ends.
    if start:
        start = text.find(" ", start) + 1 or start
    end = start + length
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    part = highlight(text[start:end], wanted)
    return Markup("").join(
        [Markup("… ") if start else Markup(""), part, Markup(" …") if end < len(text) else ""]
    )


def offer_label(status: str, plan: str | None) -> str:
    if status == FeatureAvailability.Status.AVAILABLE:
        return _("from %(plan)s") % {"plan": plan} if plan else _("included")
    if status == FeatureAvailability.Status.LIMITED and plan:
        return _("limited, from %(plan)s") % {"plan": plan}
    return str(FeatureAvailability.Status(status).label)


def _price(data: dict | None) -> Price | None:
    # A percentage of another subscription is no amount of money to show.
    if not data or data["pricing_unit"] == Plan.PricingUnit.PERCENT_OF_SUBSCRIPTION:
        return None
    return Price(
        plan=data["plan"],
        amount=Decimal(data["amount"]),
        currency=data["currency"],
        is_from_price=data["is_from_price"],
        pricing_unit=data["pricing_unit"],
        billing_period=data["billing_period"],
    )


def _url(hit: Hit) -> str:
    document = hit.document
    kwargs = {"slug": document.url_slug} if document.url_slug else None
    url = reverse(document.url_name, kwargs=kwargs)
    if document.url_query:
        url += "?" + document.url_query
    if document.anchor:
        url += "#" + document.anchor
    return url


def shape(hit: Hit, wanted: frozenset[str]) -> Result:
    document = hit.document
    details = document.details or {}
    return Result(
        kind=document.kind,
        title=highlight(document.title, wanted),
        snippet=snippet(document.body, wanted),
        title_text=document.title,
        url=_url(hit),
        score=hit.score,
        offers=[
            Offer(
                vendor=offer["vendor"],
                vendor_name=offer["vendor_name"],
                status=offer["status"],
                plan=offer["plan"],
                label=offer_label(offer["status"], offer["plan"]),
            )
            for offer in details.get("vendors", [])
        ],
        price=_price(details.get("price_from") or details.get("price")),
        has_free_plan=details.get("has_free_plan", False),
    )


def group(results: Sequence[Result]) -> list[Group]:
    """Results by kind, in Kind's order (CRMs first), each group in rank order."""
    groups: dict[str, list[Result]] = {kind: [] for kind in Kind.values}
    for result in results:
        groups[result.kind].append(result)
    return [Group(kind, str(Kind(kind).label), items) for kind, items in groups.items() if items]


def result_page(
    words: Sequence[str], hits: Sequence[Hit], *, offset: int, limit: int
) -> list[Group]:
    """The `limit` results from `offset` on, shaped and grouped: what the page and the API show."""
    wanted = query_stems(words)
    return group([shape(hit, wanted) for hit in hits[offset : offset + limit]])
