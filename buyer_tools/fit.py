"""Which CRM fits the buyer's priorities: a weighted mean of editors' scores.

Pure functions on flat rows (criteria, assessments); the fit finder page and
the API both rank with `rank_by_fit`.

A vendor's fit is sum(weight × score) / sum(weights) on the scores' 0–10
scale, and each criterion's contribution is its term of that sum, so the
contributions add up to the fit. A criterion the editors have not assessed for
a vendor counts as 0 for that vendor, and the result says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext

from comparisons.models.ratings import WEIGHT_MAX

HUNDREDTH = Decimal("0.01")


class WeightsError(ValueError):
    """The weights given cannot be used; the message says why."""


@dataclass(frozen=True)
class Contribution:
    criterion: Any
    weight: int
    score: Decimal | None  # None: not assessed, counted as 0
    points: Decimal  # weight × score / total weight


@dataclass(frozen=True)
class VendorFit:
    vendor: Any
    score: Decimal
    rank: int
    contributions: list[Contribution]

    @property
    def unassessed(self) -> list[Any]:
        return [c.criterion for c in self.contributions if c.score is None and c.weight]


def default_weights(criteria: Iterable[Any]) -> dict[str, int]:
    return {criterion.slug: criterion.default_weight for criterion in criteria}


def parse_weights(text: str, criteria: Sequence[Any]) -> dict[str, int]:
    """Read "slug:5,other-slug:0" into weights by slug; criteria not named keep their default.

    Raises WeightsError naming the bad part (unknown criterion, weight not 0–5).
    """
    weights = default_weights(criteria)
    for part in filter(None, (piece.strip() for piece in text.split(","))):
        slug, sep, value = part.partition(":")
        slug = slug.strip()
        if not sep or slug not in weights:
            raise WeightsError(
                gettext("Unknown criterion “%(slug)s”: use slug:weight pairs.") % {"slug": slug}
            )
        try:
            weight = int(value.strip())
        except ValueError:
            raise WeightsError(
                gettext("The weight of “%(slug)s” must be a whole number.") % {"slug": slug}
            ) from None
        if not 0 <= weight <= WEIGHT_MAX:
            raise WeightsError(
                gettext("The weight of “%(slug)s” must be between 0 and %(max)s.")
                % {"slug": slug, "max": WEIGHT_MAX}
            )
        weights[slug] = weight
    return weights


def format_weights(weights: Mapping[str, int]) -> str:
    """The inverse of parse_weights, for shareable URLs."""
    return ",".join(f"{slug}:{weight}" for slug, weight in weights.items())


def rank_by_fit(
    *,
    vendors: Sequence[Any],
    criteria: Iterable[Any],
    assessments: Iterable[Any],
    weights: Mapping[str, int],
) -> list[VendorFit]:
    """The vendors, best fit first; equal fits share a rank and keep the vendors' order.

    Raises WeightsError when every weight is 0 (there is nothing to rank by).
    """
    criteria = sorted(criteria, key=lambda c: (c.position, c.name))
    total_weight = sum(weights.get(c.slug, 0) for c in criteria)
    if total_weight <= 0:
        raise WeightsError(gettext("Give at least one criterion a weight above 0."))
    scores = {(a.vendor_id, a.criterion_id): Decimal(a.score) for a in assessments}
    fits = []
    for vendor in vendors:
        contributions = []
        for criterion in criteria:
            weight = weights.get(criterion.slug, 0)
            score = scores.get((vendor.pk, criterion.pk))
            points = Decimal(weight) * (score or 0) / total_weight
            contributions.append(Contribution(criterion, weight, score, _round(points)))
        total = sum(
            (Decimal(c.weight) * (c.score or 0) for c in contributions), Decimal(0)
        ) / Decimal(total_weight)
        fits.append((vendor, _round(total), contributions))
    ordered = sorted(fits, key=lambda fit: -fit[1])  # stable: ties keep vendor order
    ranked = []
    for position, (vendor, total, contributions) in enumerate(ordered, start=1):
        rank = ranked[-1].rank if ranked and ranked[-1].score == total else position
        ranked.append(VendorFit(vendor, total, rank, contributions))
    return ranked


def _round(value: Decimal) -> Decimal:
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
