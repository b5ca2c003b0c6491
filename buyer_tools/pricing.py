"""What a CRM costs a given team: pure arithmetic on structured plan data.

The team may name must-have features: a plan then qualifies only from the tier
where each feature starts, a feature sold as an add-on adds the add-on's price
to the total, and a feature the vendor does not offer (or that the data says
nothing about) rules the vendor out, with that reason.

No queries and no guesses: a plan is priced only from its recorded fields
(price, pricing unit, billing period, included users and contacts, limits,
extra contact blocks). When a figure the arithmetic needs is missing, the plan
is reported as "cannot be priced" with the reason, never estimated. Amounts are
Decimal; amounts in different currencies are never added or compared.

The calculator page, the cost chart and the API all call these functions, so
their figures always agree.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext, ngettext

from core.formatting import format_money, format_number, to_cents

# Plan.kind, Plan.BillingPeriod and Plan.PricingUnit values, as plain strings
# so that the arithmetic can be tested with any object carrying the fields.
PLAN, ADDON = "plan", "addon"
MONTH, YEAR = "month", "year"
PER_USER, PER_ACCOUNT, PER_USE, PERCENT = "per_user", "per_account", "per_use", "percent"

# The buyer's billing preference.
BILLING_ANY, BILLING_MONTH, BILLING_YEAR = "any", "month", "year"
BILLING_CHOICES = (BILLING_ANY, BILLING_MONTH, BILLING_YEAR)

# FeatureAvailability.status values (an add-on is "addon", like the plan kind).
AVAILABLE, LIMITED, UNAVAILABLE = "available", "limited", "unavailable"

ZERO = Decimal(0)


@dataclass(frozen=True)
class MustHave:
    """A feature the team cannot do without, and what each vendor's data says of it."""

    feature: Any
    availabilities: Mapping[Any, Any]  # vendor id → its availability of the feature


def must_haves(features: Iterable[Any], availabilities: Iterable[Any]) -> tuple[MustHave, ...]:
    """The features needed, each with the vendors' availabilities of it (in the order given)."""
    by_feature: dict[Any, dict[Any, Any]] = defaultdict(dict)
    for availability in availabilities:
        by_feature[availability.feature_id][availability.vendor_id] = availability
    return tuple(MustHave(feature, by_feature.get(feature.pk, {})) for feature in features)


@dataclass(frozen=True)
class TeamNeeds:
    """What the buyer asks about: team size, contacts, billing, period and must-haves."""

    users: int
    contacts: int = 0
    months: int = 12
    billing: str = BILLING_ANY
    must_haves: tuple[MustHave, ...] = ()

    def __post_init__(self) -> None:
        # Forms and serializers reject these with a message for the user;
        # this guards the arithmetic itself.
        if self.users < 1:
            raise ValueError("users must be at least 1")
        if self.contacts < 0:
            raise ValueError("contacts cannot be negative")
        if self.months < 1:
            raise ValueError("months must be at least 1")
        if self.billing not in BILLING_CHOICES:
            raise ValueError(f"billing must be one of {BILLING_CHOICES}")


@dataclass(frozen=True)
class CostLine:
    """One line of the arithmetic. `amount` is None for explanatory lines."""

    label: str
    amount: Decimal | None = None


@dataclass(frozen=True)
class PlanCost:
    """A plan that fits the team, with its cost for the period."""

    plan: Any
    currency: str
    lines: list[CostLine]
    total: Decimal
    months: int
    is_estimate: bool = False
    notes: list[str] = field(default_factory=list)
    addons_included: list[Any] = field(default_factory=list)  # bought for a must-have

    @property
    def per_month(self) -> Decimal:
        return to_cents(self.total / self.months)

    @property
    def vendor_id(self) -> Any:
        return self.plan.vendor_id


@dataclass(frozen=True)
class PlanExclusion:
    """A plan left out, and why: it does not fit, or it cannot be priced."""

    plan: Any
    reasons: list[str]


@dataclass(frozen=True)
class AddonCost:
    """An optional add-on, priced for the team where its data allows; not in totals."""

    addon: Any
    currency: str
    label: str
    amount: Decimal | None = None
    amount_max: Decimal | None = None  # the top of a range (percentage add-ons)
    is_estimate: bool = False


@dataclass
class VendorCost:
    """Everything the calculator says about one vendor."""

    vendor: Any
    options: list[PlanCost]  # every fitting, priced plan, cheapest first
    ruled_out: list[PlanExclusion]  # plans that do not fit the team
    unpriced: list[PlanExclusion]  # plans that may fit but cannot be priced
    addons: list[AddonCost] = field(default_factory=list)
    # Why no plan of the vendor can do: a must-have it lacks or that the data says nothing about.
    unmet_needs: list[str] = field(default_factory=list)

    @property
    def best(self) -> list[PlanCost]:
        """The cheapest fitting plan in each currency (one, for nearly every vendor)."""
        found: dict[str, PlanCost] = {}
        for option in self.options:
            found.setdefault(option.currency, option)
        return list(found.values())

    @property
    def cheapest(self) -> PlanCost | None:
        return self.options[0] if self.options else None

    @property
    def fits(self) -> bool:
        return bool(self.options)

    @property
    def first_unpriced(self) -> PlanExclusion | None:
        """The lowest tier that serves the team but cannot be priced (its price unpublished...)."""
        return min(self.unpriced, key=lambda e: (e.plan.position, e.plan.name), default=None)

    @property
    def qualifies(self) -> bool:
        """Some plan serves the team, priced or not (its price may be unpublished)."""
        return bool(self.options or self.unpriced)


@dataclass(frozen=True)
class Ranking:
    """The vendors' cheapest plans in one currency, cheapest first."""

    currency: str
    entries: list[tuple[Any, PlanCost]]


@dataclass
class CostComparison:
    needs: TeamNeeds
    vendors: list[VendorCost]

    @property
    def rankings(self) -> list[Ranking]:
        """One ranking per currency: totals in different currencies are never compared."""
        by_currency: dict[str, list[tuple[Any, PlanCost]]] = {}
        for vendor_cost in self.vendors:
            for option in vendor_cost.best:
                by_currency.setdefault(option.currency, []).append((vendor_cost.vendor, option))
        return [
            Ranking(currency=currency, entries=sorted(entries, key=lambda e: _cost_key(e[1])))
            for currency, entries in by_currency.items()
        ]

    @property
    def nothing_fits(self) -> bool:
        return not any(vendor_cost.fits for vendor_cost in self.vendors)


def _users(count: int) -> str:
    return ngettext("%(count)s user", "%(count)s users", count) % {"count": format_number(count)}


def _months(count: int) -> str:
    return ngettext("%(count)s month", "%(count)s months", count) % {"count": format_number(count)}


def _years(count: int) -> str:
    return ngettext("%(count)s year", "%(count)s years", count) % {"count": format_number(count)}


def _contacts(count: int) -> str:
    return ngettext("%(count)s contact", "%(count)s contacts", count) % {
        "count": format_number(count)
    }


def _equation(parts: Sequence[str], result: Decimal, currency: str) -> str:
    return " × ".join(parts) + " = " + format_money(result, currency)


def _cost_key(option: PlanCost) -> tuple:
    return (option.total, option.is_estimate, option.plan.position, option.plan.name)


def billing_periods(plan: Any, months: int) -> int:
    """How many billing periods `months` of use costs: months, or started years."""
    return math.ceil(months / 12) if plan.billing_period == YEAR else months


def _fit_reasons(plan: Any, needs: TeamNeeds) -> list[str]:
    """Why the plan cannot serve this team at all (empty when it can)."""
    reasons = []
    if needs.billing == BILLING_MONTH and plan.billing_period == YEAR and not plan.is_free:
        reasons.append(gettext("it is billed yearly only, and you asked for monthly billing"))
    if needs.billing == BILLING_YEAR and plan.billing_period == MONTH and not plan.is_free:
        reasons.append(gettext("its published price is billed monthly, and you asked for yearly"))
    # Only a stated limit refuses a plan: an empty one is unlimited or unknown.
    if plan.user_limit is not None and needs.users > plan.user_limit:
        if plan.is_free:
            message = ngettext(
                "the free edition allows at most %(count)s user",
                "the free edition allows at most %(count)s users",
                plan.user_limit,
            )
        else:
            message = ngettext(
                "this plan allows at most %(count)s user",
                "this plan allows at most %(count)s users",
                plan.user_limit,
            )
        reasons.append(message % {"count": format_number(plan.user_limit)})
    if plan.contact_limit is not None and needs.contacts > plan.contact_limit:
        message = ngettext(
            "it allows at most %(count)s contact",
            "it allows at most %(count)s contacts",
            plan.contact_limit,
        )
        reasons.append(message % {"count": format_number(plan.contact_limit)})
    return reasons


def _pricing_gaps(plan: Any, needs: TeamNeeds) -> list[str]:
    """Why the plan, though it may fit, cannot be priced from its data (empty when it can)."""
    gaps = []
    if plan.pricing_unit in (PER_USE, PERCENT):
        gaps.append(gettext("it is priced per use or as a percentage, not per team"))
    elif plan.price is None and not plan.is_free:
        gaps.append(gettext("the vendor does not publish its price"))
    if (
        plan.pricing_unit == PER_ACCOUNT
        and not plan.is_free
        and plan.users_included is not None
        and plan.user_limit is None
        and needs.users > plan.users_included
    ):
        message = ngettext(
            "its flat price covers %(count)s user and the price of more users is not recorded",
            "its flat price covers %(count)s users and the price of more users is not recorded",
            plan.users_included,
        )
        gaps.append(message % {"count": format_number(plan.users_included)})
    if _extra_contacts(plan, needs) and not (
        plan.extra_contacts_block_size and plan.extra_contacts_block_price is not None
    ):
        gaps.append(
            gettext(
                "it charges for contacts beyond the %(included)s included, but the price of "
                "extra contacts is not recorded"
            )
            % {"included": format_number(plan.contacts_included)}
        )
    return gaps


def _unstated_limits(plan: Any, needs: TeamNeeds) -> list[str]:
    """Limits the plan's data leaves open: the plan is priced, but the buyer should check.

    An empty limit is "not stated" unless the plan is marked unlimited; only a
    stated limit refuses a plan (_fit_reasons), so the answer says what it assumed.
    """
    notes = []
    # A plan surely takes one user, and the users its price includes.
    known_to_fit = max(1, plan.users_included or 0)
    if needs.users > known_to_fit and plan.user_limit is None and not plan.unlimited_users:
        notes.append(
            gettext("No user limit is stated for this plan: check that it takes %(users)s.")
            % {"users": _users(needs.users)}
        )
    if (
        needs.contacts
        and plan.contact_limit is None
        and plan.contacts_included is None
        and not plan.unlimited_contacts
    ):
        notes.append(
            gettext("No contact limit is stated for this plan: check that it takes %(contacts)s.")
            % {"contacts": _contacts(needs.contacts)}
        )
    return notes


def _extra_contacts(plan: Any, needs: TeamNeeds) -> int:
    if plan.is_free or plan.contacts_included is None:
        return 0
    return max(0, needs.contacts - plan.contacts_included)


def _subscription_line(plan: Any, needs: TeamNeeds, periods: int) -> tuple[CostLine, Decimal]:
    currency = plan.currency
    if plan.is_free:
        return CostLine(gettext("Free plan") + " = " + format_money(ZERO, currency), ZERO), ZERO
    price = Decimal(plan.price)
    if plan.billing_period == YEAR:
        price_part = gettext("%(price)s a year") % {"price": format_money(price, currency)}
        period_part = _years(periods)
    else:
        price_part = gettext("%(price)s a month") % {"price": format_money(price, currency)}
        period_part = _months(periods)
    if plan.pricing_unit == PER_USER:
        billed_users = max(needs.users, plan.users_included or 0)
        users_part = _users(billed_users)
        if billed_users > needs.users:
            users_part = gettext("%(users)s (the plan's minimum)") % {"users": users_part}
        price_part = gettext("%(price)s per user") % {"price": price_part}
        amount = price * billed_users * periods
        parts = [price_part, users_part, period_part]
    else:
        amount = price * periods
        parts = [price_part, period_part]
    return CostLine(_equation(parts, amount, currency), amount), amount


def _contacts_lines(plan: Any, needs: TeamNeeds, periods: int) -> tuple[list[CostLine], Decimal]:
    extra = _extra_contacts(plan, needs)
    if not extra:
        return [], ZERO
    size = plan.extra_contacts_block_size
    block_price = Decimal(plan.extra_contacts_block_price)
    blocks = math.ceil(extra / size)
    amount = blocks * block_price * periods
    explanation = gettext(
        "Contacts beyond those included: %(contacts)s − %(included)s = %(extra)s"
    ) % {
        "contacts": format_number(needs.contacts),
        "included": format_number(plan.contacts_included),
        "extra": format_number(extra),
    }
    blocks_part = ngettext(
        "%(count)s block of %(size)s contacts",
        "%(count)s blocks of %(size)s contacts",
        blocks,
    ) % {"count": format_number(blocks), "size": format_number(size)}
    price_part = gettext("%(price)s per block") % {
        "price": format_money(block_price, plan.currency)
    }
    period_part = _years(periods) if plan.billing_period == YEAR else _months(periods)
    return [
        CostLine(explanation),
        CostLine(_equation([blocks_part, price_part, period_part], amount, plan.currency), amount),
    ], amount


def plan_cost(plan: Any, needs: TeamNeeds) -> PlanCost | PlanExclusion:
    """The plan's cost for the team over the period, or why it is left out.

    Check `isinstance(result, PlanCost)`; a PlanExclusion comes with its reasons.
    Plans that do not fit are checked first: a plan that cannot serve the team
    is "ruled out" even when its price is also unknown. Must-haves are not
    looked at here: vendor_cost applies them.
    """
    reasons = _fit_reasons(plan, needs) or _pricing_gaps(plan, needs)
    if reasons:
        return PlanExclusion(plan=plan, reasons=reasons)
    lines, total, notes = _plan_arithmetic(plan, needs)
    return _with_total(
        plan, needs, lines, total, notes, is_estimate=bool(plan.is_from_price), addons=[]
    )


def _plan_arithmetic(plan: Any, needs: TeamNeeds) -> tuple[list[CostLine], Decimal, list[str]]:
    """The plan's lines (no total line), their total and the notes, for a plan that fits."""
    periods = billing_periods(plan, needs.months)
    subscription, subscription_amount = _subscription_line(plan, needs, periods)
    contact_lines, contacts_amount = _contacts_lines(plan, needs, periods)
    total = subscription_amount + contacts_amount
    notes = []
    if plan.billing_period == YEAR and not plan.is_free:
        yearly = Decimal(plan.price)
        notes.append(
            gettext("Billed yearly: %(year)s a year ÷ 12 = %(month)s a month")
            % {
                "year": format_money(yearly, plan.currency),
                "month": format_money(yearly / 12, plan.currency),
            }
        )
        if needs.months % 12:
            notes.append(
                gettext("%(months)s are charged as %(years)s, since billing is yearly.")
                % {"months": _months(needs.months), "years": _years(periods)}
            )
    if plan.is_from_price:
        notes.append(gettext("Estimate: the vendor gives a “from” price; it may cost more."))
    notes += _unstated_limits(plan, needs)
    return [subscription, *contact_lines], total, notes


def _with_total(
    plan: Any,
    needs: TeamNeeds,
    lines: list[CostLine],
    total: Decimal,
    notes: list[str],
    *,
    is_estimate: bool,
    addons: list[Any],
) -> PlanCost:
    # A total line only where there is something to add up.
    if len([line for line in lines if line.amount is not None]) > 1:
        lines = [
            *lines,
            CostLine(gettext("Total") + " = " + format_money(total, plan.currency), total),
        ]
    return PlanCost(
        plan=plan,
        currency=plan.currency,
        lines=lines,
        total=total,
        months=needs.months,
        is_estimate=is_estimate,
        notes=notes,
        addons_included=addons,
    )


@dataclass
class _Requirements:
    """What a vendor's data says the must-haves take (see _requirements)."""

    unmet: list[str] = field(default_factory=list)  # rule the vendor out
    tiers: list[tuple[Any, Any]] = field(default_factory=list)  # (feature, plan it starts from)
    addons: dict[Any, tuple[Any, list[Any]]] = field(
        default_factory=dict
    )  # pk → (add-on, features)
    unpriced: list[str] = field(default_factory=list)  # make every plan unpriceable
    notes: list[str] = field(default_factory=list)


def _quoted(features: Iterable[Any]) -> str:
    return ", ".join(f"“{feature.name}”" for feature in features)


def _requirements(vendor: Any, needs: TeamNeeds, plans_by_id: Mapping[Any, Any]) -> _Requirements:
    """Read each must-have's availability for the vendor.

    The plan an availability names is where the feature starts: a plan tier, or
    an add-on bought beside any plan. A feature sold as an add-on that names none
    cannot be priced; one the vendor does not offer, or with no availability at
    all, rules the vendor out: no data is not taken to mean "included".
    """
    found = _Requirements()
    for must in needs.must_haves:
        names = {"feature": must.feature.name, "vendor": vendor.name}
        availability = must.availabilities.get(vendor.pk)
        if availability is None:
            found.unmet.append(
                gettext("no data about “%(feature)s” for %(vendor)s: check with the vendor") % names
            )
            continue
        if availability.status == UNAVAILABLE:
            found.unmet.append(gettext("%(vendor)s does not offer “%(feature)s”") % names)
            continue
        start = plans_by_id.get(availability.plan_id)
        if start is not None and start.kind == ADDON:
            found.addons.setdefault(start.pk, (start, []))[1].append(must.feature)
        else:
            if start is not None:
                found.tiers.append((must.feature, start))
            if availability.status == ADDON:
                found.unpriced.append(
                    gettext("“%(feature)s” is a paid add-on whose price is not recorded") % names
                )
        if availability.status == LIMITED:
            note = gettext("“%(feature)s” is limited") % names
            if availability.note:
                note += f": {availability.note}"
            found.notes.append(note)
    return found


def _tier_reasons(plan: Any, requirements: _Requirements) -> list[str]:
    return [
        gettext("“%(feature)s” starts from the %(plan)s plan")
        % {"feature": feature.name, "plan": start.name}
        for feature, start in requirements.tiers
        if plan.position < start.position
    ]


def _needed_addons(
    requirements: _Requirements, needs: TeamNeeds
) -> tuple[list[tuple[Any, list[Any], PlanCost]], list[str], list[str]]:
    """The add-ons the must-haves take, priced for the team; and why they cannot be
    (reasons that rule plans out, reasons that leave them unpriced)."""
    # Add-ons can include contacts too (e.g. a marketing hub), so they see the whole team.
    team = TeamNeeds(users=needs.users, contacts=needs.contacts, months=needs.months)
    priced, ruled_out, unpriced = [], [], []
    for addon, features in requirements.addons.values():
        prefix = gettext("the add-on %(addon)s, for %(features)s") % {
            "addon": addon.name,
            "features": _quoted(features),
        }
        result = plan_cost(addon, team)
        if isinstance(result, PlanCost):
            priced.append((addon, features, result))
            continue
        target = ruled_out if _fit_reasons(addon, team) else unpriced
        target += [f"{prefix}: {reason}" for reason in result.reasons]
    return priced, ruled_out, unpriced


def _with_addons(
    plan: Any, needs: TeamNeeds, addons: list[tuple[Any, list[Any], PlanCost]], notes: list[str]
) -> PlanCost:
    """The plan's cost with the add-ons its must-haves take, added line by line."""
    lines, total, plan_notes = _plan_arithmetic(plan, needs)
    notes = [*plan_notes, *notes]
    estimate = bool(plan.is_from_price)
    for addon, features, _cost in addons:
        addon_lines, addon_total, addon_notes = _plan_arithmetic(addon, needs)
        prefix = gettext("%(addon)s, for %(features)s") % {
            "addon": addon.name,
            "features": _quoted(features),
        }
        first, *rest = addon_lines
        lines += [CostLine(f"{prefix}: {first.label}", first.amount), *rest]
        total += addon_total
        notes += [f"{addon.name}: {note}" for note in addon_notes]
        estimate = estimate or bool(addon.is_from_price)
    return _with_total(
        plan,
        needs,
        lines,
        total,
        notes,
        is_estimate=estimate,
        addons=[addon for addon, _features, _cost in addons],
    )


def addon_cost(addon: Any, needs: TeamNeeds, base: PlanCost | None) -> AddonCost:
    """An optional add-on's cost for the team, as far as its data allows."""
    currency = addon.currency
    estimate = bool(addon.is_from_price)
    if addon.pricing_unit == PERCENT:
        low, high = addon.percent_min, addon.percent_max
        if low is None and high is None:
            return AddonCost(addon, currency, gettext("percentage not recorded"))
        low = Decimal(low if low is not None else high)
        high = Decimal(high if high is not None else low)
        shares = (
            f"{format_number(low)} %"
            if low == high
            else f"{format_number(low)} %–{format_number(high)} %"
        )
        if base is None:
            label = gettext("%(share)s of the subscription") % {"share": shares}
            return AddonCost(addon, currency, label, is_estimate=estimate)
        amount, amount_max = base.total * low / 100, base.total * high / 100
        shown = format_money(amount, base.currency)
        if amount_max != amount:
            shown += "–" + format_money(amount_max, base.currency)
        label = (
            gettext("%(share)s of the subscription") % {"share": shares}
            + f" × {format_money(base.total, base.currency)} = {shown}"
        )
        return AddonCost(
            addon, base.currency, label, to_cents(amount), to_cents(amount_max), estimate
        )
    if addon.price is None:
        return AddonCost(addon, currency, gettext("the vendor does not publish its price"))
    if addon.pricing_unit == PER_USE:
        label = gettext("%(price)s each time") % {"price": format_money(addon.price, currency)}
        return AddonCost(addon, currency, label, is_estimate=estimate)
    # Add-ons can include contacts too (e.g. a marketing hub), so they see the whole team.
    result = plan_cost(
        addon, TeamNeeds(users=needs.users, contacts=needs.contacts, months=needs.months)
    )
    if isinstance(result, PlanExclusion):
        return AddonCost(addon, currency, "; ".join(result.reasons))
    return AddonCost(addon, currency, result.lines[0].label, result.total, None, estimate)


def vendor_cost(vendor: Any, plans: Iterable[Any], needs: TeamNeeds) -> VendorCost:
    """Every plan of `vendor` (among `plans`) priced for the team, cheapest first.

    With must-haves, a plan below the tier a feature starts from is ruled out,
    the add-ons they take are added to each plan's total, and a feature the
    vendor lacks (or the data says nothing about) rules out the whole vendor.
    """
    own = [plan for plan in plans if plan.vendor_id == vendor.pk]
    requirements = _requirements(vendor, needs, {plan.pk: plan for plan in own})
    if requirements.unmet:
        return VendorCost(
            vendor=vendor, options=[], ruled_out=[], unpriced=[], unmet_needs=requirements.unmet
        )
    addons, addons_ruling_out, addons_unpriced = _needed_addons(requirements, needs)
    options, ruled_out, unpriced = [], [], []
    for plan in own:
        if plan.kind != PLAN:
            continue
        result = plan_cost(plan, needs)
        misfits = _fit_reasons(plan, needs) + _tier_reasons(plan, requirements) + addons_ruling_out
        if misfits:
            ruled_out.append(PlanExclusion(plan=plan, reasons=misfits))
            continue
        gaps = list(result.reasons) if isinstance(result, PlanExclusion) else []
        gaps += requirements.unpriced + addons_unpriced
        gaps += [
            gettext("the add-on %(addon)s is priced in %(currency)s: we do not add currencies")
            % {"addon": addon.name, "currency": addon.currency}
            for addon, _features, _cost in addons
            if addon.currency != plan.currency
        ]
        if gaps:
            unpriced.append(PlanExclusion(plan=plan, reasons=gaps))
        elif addons or requirements.notes:
            options.append(_with_addons(plan, needs, addons, requirements.notes))
        else:
            options.append(result)
    options.sort(key=_cost_key)
    base = options[0] if options else None
    bought = {addon.pk for addon, _features, _cost in addons}
    optional = [
        addon_cost(plan, needs, base)
        for plan in own
        if plan.kind == ADDON and plan.pk not in bought
    ]
    return VendorCost(
        vendor=vendor, options=options, ruled_out=ruled_out, unpriced=unpriced, addons=optional
    )


def compare_costs(
    *, vendors: Sequence[Any], plans: Iterable[Any], needs: TeamNeeds
) -> CostComparison:
    """The calculator's answer for each vendor, in the given vendor order."""
    plans = list(plans)
    return CostComparison(
        needs=needs, vendors=[vendor_cost(vendor, plans, needs) for vendor in vendors]
    )
