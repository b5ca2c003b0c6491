"""The public change log: consecutive historical plan rows diffed into readable changes.

`plan_changes` is pure: plain dicts in (rows of the plan history table, as
`selectors.plan_history_rows` reads them), plain dataclasses out, no queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext_lazy as _

from core.formatting import format_money_compact

from .models import Plan

# Fields of a plan a buyer cares about, with how each is labelled and shown.
# The price is shown with its currency, so a currency change is a price change.
TRACKED_FIELDS = {
    "price": _("price"),
    "billing_period": _("billing period"),
    "pricing_unit": _("pricing unit"),
    "is_free": _("free"),
    "users_included": _("users included"),
    "user_limit": _("user limit"),
    "unlimited_users": _("unlimited users"),
    "contacts_included": _("contacts included"),
    "contact_limit": _("contact limit"),
    "unlimited_contacts": _("unlimited contacts"),
    "extra_contacts_block_size": _("extra contacts block size"),
    "extra_contacts_block_price": _("price per extra contacts block"),
    "percent_min": _("minimum percentage"),
    "percent_max": _("maximum percentage"),
}
# An empty limit means "no limit" only when the plan's flag says so.
UNLIMITED_FLAGS = {"user_limit": "unlimited_users", "contact_limit": "unlimited_contacts"}
ROW_FIELDS = [
    *("history_id", "id", "history_date", "history_type", "history_change_reason"),
    *("name", "currency"),
    *TRACKED_FIELDS,
]

ADDED, CHANGED, REMOVED = "+", "~", "-"

# Change reasons of the versions `manage.py load_seed` writes (comparisons.seed).
# A loaded version is content as it was loaded: the starting point of later
# changes, not itself a change. A restored one is the seed's value put back over
# an edit, a change like any other.
LOADED = "load_seed"
RESTORED = "load_seed --force"


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PlanChange:
    history_id: int
    plan_id: int
    vendor_name: str
    vendor_slug: str | None  # None once the vendor is deleted
    plan_name: str
    date: datetime
    kind: str  # ADDED, CHANGED or REMOVED
    changes: list[FieldChange]

    @property
    def kind_label(self) -> str:
        return {ADDED: _("new plan"), CHANGED: _("changed"), REMOVED: _("plan removed")}[self.kind]


def plan_changes(
    rows: Iterable[Mapping[str, Any]], *, since: datetime | None = None, limit: int | None = None
) -> list[PlanChange]:
    """Diff each plan's consecutive historical rows; newest change first.

    Rows dated before `since` only serve as the starting point of the first
    change after it. Rows changing nothing tracked (e.g. a new "last verified"
    date) give no entry.
    """
    by_plan: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        by_plan[row["id"]].append(row)

    changes = []
    for plan_rows in by_plan.values():
        plan_rows.sort(key=lambda row: (row["history_date"], row["history_id"]))
        previous = None
        for row in plan_rows:
            if since is None or row["history_date"] >= since:
                change = _diff(previous, row)
                if change is not None:
                    changes.append(change)
            previous = row
    changes.sort(key=lambda change: (change.date, change.history_id), reverse=True)
    return changes[:limit] if limit is not None else changes


def _diff(previous: Mapping[str, Any] | None, row: Mapping[str, Any]) -> PlanChange | None:
    kind = row["history_type"]
    if row.get("history_change_reason") == LOADED:
        return None
    if kind == REMOVED:
        fields = [_field_change("price", row, None)]
    elif kind == ADDED:
        fields = [_field_change("price", None, row)]
    elif previous is None:
        # A change whose starting point is unknown: better no entry than a wrong one.
        return None
    else:
        fields = [
            _field_change(name, previous, row)
            for name in TRACKED_FIELDS
            if _value(name, previous) != _value(name, row)
        ]
        if not fields:
            return None
    return PlanChange(
        history_id=row["history_id"],
        plan_id=row["id"],
        vendor_name=row.get("vendor__name") or str(_("(deleted vendor)")),
        vendor_slug=row.get("vendor__slug"),
        plan_name=row["name"],
        date=row["history_date"],
        kind=kind,
        changes=fields,
    )


def _value(name: str, row: Mapping[str, Any]):
    if name == "price":
        return (row["price"], row["currency"]) if row["price"] is not None else None
    return row[name]


def _field_change(name: str, old_row, new_row) -> FieldChange:
    return FieldChange(
        field=name,
        label=str(TRACKED_FIELDS[name]),
        old=display_value(name, old_row),
        new=display_value(name, new_row),
    )


def display_value(name: str, row: Mapping[str, Any] | None) -> str:
    """A field's value as a reader sees it, in the active language."""
    if row is None:
        return "—"
    value = row[name]
    locale = to_locale(get_language() or "es")
    if name in ("price", "extra_contacts_block_price"):
        if value is None and name == "price" and row.get("pricing_unit") == "percent":
            return str(Plan.PricingUnit.PERCENT_OF_SUBSCRIPTION.label)
        if value is None:
            return str(_("not published"))
        amount = format_money_compact(Decimal(value), row["currency"])
        return amount if name != "price" else _with_unit_and_period(amount, row)
    if value is None and name in UNLIMITED_FLAGS:
        return str(_("no limit") if row.get(UNLIMITED_FLAGS[name]) else _("not stated"))
    if value is None:
        return "—"
    if name == "billing_period":
        return _label(Plan.BillingPeriod, value)
    if name == "pricing_unit":
        return _label(Plan.PricingUnit, value)
    if name in ("is_free", "unlimited_users", "unlimited_contacts"):
        return str(_("yes") if value else _("no"))
    if name in ("percent_min", "percent_max"):
        return f"{format_decimal(Decimal(value), locale=locale)} %"
    return format_decimal(value, locale=locale)


def _with_unit_and_period(amount: str, row: Mapping[str, Any]) -> str:
    """ "45 US$ per account / month", as the plan tables write a price.

    A per-use price has no period; a unit or period the row lacks is left out
    rather than shown as "None".
    """
    unit, period = row.get("pricing_unit"), row.get("billing_period")
    text = amount
    if unit in Plan.PricingUnit.values:
        text += " " + str(Plan.PricingUnit(unit).label)
    if unit != Plan.PricingUnit.PER_USE and period in Plan.BillingPeriod.values:
        text += " / " + str(Plan.BillingPeriod(period).label)
    return text


def _label(choices, value: str) -> str:
    """A choice's label; a value no longer among the choices is shown as stored."""
    return str(choices(value).label) if value in choices.values else value or "—"
