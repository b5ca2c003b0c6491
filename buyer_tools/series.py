"""The figures charts are drawn from: pure functions, no queries, no SVG.

`charts.py` draws these; the pages show them again as tables and the API
returns them, so a chart never says something its numbers do not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import ngettext

from core.formatting import format_number

from .pricing import TeamNeeds, vendor_cost

# --- Monthly cost by number of users -----------------------------------------


@dataclass(frozen=True)
class SeriesPoint:
    users: int
    cost: Decimal | None  # a month, in the series' currency; None when no plan fits
    plan: Any | None = None
    is_estimate: bool = False


@dataclass(frozen=True)
class Step:
    """Where the cheapest fitting plan changes as the team grows."""

    users: int
    before: Any | None
    after: Any | None


@dataclass(frozen=True)
class VendorSeries:
    vendor: Any
    currency: str
    points: list[SeriesPoint]

    @property
    def steps(self) -> list[Step]:
        found = []
        for previous, point in zip(self.points, self.points[1:], strict=False):
            if _pk(previous.plan) != _pk(point.plan):
                found.append(Step(users=point.users, before=previous.plan, after=point.plan))
        return found


@dataclass(frozen=True)
class BreakEven:
    """From `users` on, `cheaper` costs less than `dearer` (same currency)."""

    users: int
    cheaper: Any
    dearer: Any
    currency: str

    @property
    def label(self) -> str:
        return ngettext(
            "from %(count)s user, %(cheaper)s costs less than %(dearer)s",
            "from %(count)s users, %(cheaper)s costs less than %(dearer)s",
            self.users,
        ) % {"count": format_number(self.users), "cheaper": self.cheaper, "dearer": self.dearer}


@dataclass(frozen=True)
class CurrencyGroup:
    """The series in one currency: one chart, one axis."""

    currency: str
    series: list[VendorSeries]
    break_evens: list[BreakEven]


@dataclass(frozen=True)
class CostSeries:
    users: list[int]
    groups: list[CurrencyGroup]
    unpriced_vendors: list[Any]  # no plan fits or can be priced at any size

    def rows(self, group: CurrencyGroup) -> list[tuple[int, list[SeriesPoint]]]:
        """Table rows: each team size with one point per vendor series."""
        return [
            (users, [series.points[index] for series in group.series])
            for index, users in enumerate(self.users)
        ]


def _pk(obj: Any | None) -> Any:
    return None if obj is None else obj.pk


def cost_series(
    *,
    vendors: Sequence[Any],
    plans: Iterable[Any],
    users: Sequence[int],
    contacts: int = 0,
    months: int = 12,
    billing: str = "any",
    must_haves: tuple = (),
) -> CostSeries:
    """Monthly cost of each vendor's cheapest fitting plan for each team size.

    Uses `vendor_cost`, the calculator's own function, at every size.
    """
    plans = list(plans)
    currencies: list[str] = []
    points: dict[tuple[Any, str], dict[int, SeriesPoint]] = {}
    for size in users:
        needs = TeamNeeds(
            users=size, contacts=contacts, months=months, billing=billing, must_haves=must_haves
        )
        for vendor in vendors:
            for option in vendor_cost(vendor, plans, needs).best:
                if option.currency not in currencies:
                    currencies.append(option.currency)
                points.setdefault((vendor.pk, option.currency), {})[size] = SeriesPoint(
                    users=size,
                    cost=option.per_month,
                    plan=option.plan,
                    is_estimate=option.is_estimate,
                )
    groups = []
    for currency in currencies:
        series = [
            VendorSeries(
                vendor=vendor,
                currency=currency,
                points=[
                    points[(vendor.pk, currency)].get(size, SeriesPoint(users=size, cost=None))
                    for size in users
                ],
            )
            for vendor in vendors
            if (vendor.pk, currency) in points
        ]
        groups.append(
            CurrencyGroup(currency=currency, series=series, break_evens=break_evens(series))
        )
    priced = {vendor_pk for vendor_pk, _currency in points}
    return CostSeries(
        users=list(users),
        groups=groups,
        unpriced_vendors=[vendor for vendor in vendors if vendor.pk not in priced],
    )


def break_evens(series: Sequence[VendorSeries]) -> list[BreakEven]:
    """Each size at which one vendor becomes cheaper than another, in order of size.

    Only where both have a price at that size and the size before: a vendor
    whose plans stop fitting does not "become dearer", it drops out.
    """
    found = []
    for a in series:
        for b in series:
            if a is b:
                continue
            for previous_index in range(len(a.points) - 1):
                index = previous_index + 1
                a0, b0 = a.points[previous_index].cost, b.points[previous_index].cost
                a1, b1 = a.points[index].cost, b.points[index].cost
                if None in (a0, b0, a1, b1):
                    continue
                if a1 < b1 and not a0 < b0:
                    found.append(
                        BreakEven(
                            users=a.points[index].users,
                            cheaper=a.vendor,
                            dearer=b.vendor,
                            currency=a.currency,
                        )
                    )
    return sorted(found, key=lambda item: item.users)


# --- Scores by criterion -------------------------------------------------------


@dataclass(frozen=True)
class ScoreGroup:
    criterion: Any
    scores: list[Decimal | None]  # one per vendor, in column order
    winner_index: int | None  # the section's winner, else a clear top score


def score_groups(criterion_rows: Iterable[Any]) -> list[ScoreGroup]:
    """From `ComparisonTable.criteria` rows: one group per criterion, scores per vendor."""
    groups = []
    for row in criterion_rows:
        scores = [None if cell is None else cell.score for cell in row.cells]
        winner = row.winner_index
        if row.section is None and winner is None:
            present = [score for score in scores if score is not None]
            if present and present.count(max(present)) == 1 and len(present) > 1:
                winner = scores.index(max(present))
        groups.append(ScoreGroup(criterion=row.criterion, scores=scores, winner_index=winner))
    return groups


# --- Price history ---------------------------------------------------------------


@dataclass(frozen=True)
class PriceChange:
    day: date
    price: Decimal | None
    currency: str
    billing_period: str
    pricing_unit: str
    is_from_price: bool = False


@dataclass(frozen=True)
class PlanPriceHistory:
    plan: Any
    changes: list[PriceChange]  # oldest first

    @property
    def has_changed(self) -> bool:
        return len(self.changes) > 1

    @property
    def current(self) -> PriceChange | None:
        return self.changes[-1] if self.changes else None

    @property
    def currencies(self) -> list[str]:
        return list(dict.fromkeys(change.currency for change in self.changes))


def _day(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()
    return moment


def price_changes(records: Iterable[Any]) -> list[PriceChange]:
    """A plan's recorded prices, oldest first, one entry per change of price.

    `records` are django-simple-history rows in any order; edits that leave the
    price untouched are dropped, and several changes on one day keep the last.
    """
    changes: list[PriceChange] = []
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        if record.history_type == "-":
            continue
        change = PriceChange(
            day=_day(record.history_date),
            price=record.price,
            currency=record.currency,
            billing_period=record.billing_period,
            pricing_unit=record.pricing_unit,
            is_from_price=record.is_from_price,
        )
        if changes and _same_price(changes[-1], change):
            continue
        if changes and changes[-1].day == change.day:
            changes.pop()
            if changes and _same_price(changes[-1], change):
                continue
        changes.append(change)
    return changes


def _same_price(a: PriceChange, b: PriceChange) -> bool:
    return (a.price, a.currency, a.billing_period, a.pricing_unit, a.is_from_price) == (
        b.price,
        b.currency,
        b.billing_period,
        b.pricing_unit,
        b.is_from_price,
    )


def plan_histories(plans: Iterable[Any], records: Iterable[Any]) -> list[PlanPriceHistory]:
    """Group history rows by plan, in the plans' order."""
    by_plan: dict[Any, list[Any]] = {}
    for record in records:
        by_plan.setdefault(record.id, []).append(record)
    return [
        PlanPriceHistory(plan=plan, changes=price_changes(by_plan.get(plan.pk, [])))
        for plan in plans
    ]


def step_points(history: PlanPriceHistory, today: date) -> list[tuple[date, Decimal]]:
    """Corner points of the step line: each price holds until the next change, then today."""
    points: list[tuple[date, Decimal]] = []
    priced = [change for change in history.changes if change.price is not None]
    for change, following in zip(priced, [*priced[1:], None][: len(priced)], strict=True):
        points.append((change.day, change.price))
        end = following.day if following else max(today, change.day)
        points.append((end, change.price))
    return points
