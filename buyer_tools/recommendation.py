"""One answer for a team: which CRM, on which plan, at what cost, and how sure.

Pure functions on the rows the cost calculator and the fit finder already
read; the recommendation page and the API both call `recommend`. The cost is
`pricing.compare_costs` for a year and the fit is `fit.rank_by_fit`, the same
functions as the calculator, the fit finder and their charts, so no two of
them can disagree.

The vendors that can meet the must-haves (some plan serves the team, even if
its price is not published) are ranked by weighted fit; the others are listed
with the reasons. When the first two are within CLOSE_CALL_MARGIN of each
other, the answer says it is a close call, which one costs the team less, and
which criteria separate them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext

from core.formatting import format_money, format_number

from .fit import VendorFit, rank_by_fit
from .pricing import PlanCost, PlanExclusion, TeamNeeds, VendorCost, compare_costs

# Fit scores are weighted means of the editors' 0–10 scores, which are read from
# reviews in half points at best: two fits less than half a point apart are
# within the precision of the scores, so the answer does not pick between them
# on fit alone.
CLOSE_CALL_MARGIN = Decimal("0.5")
# The criteria named as deciding a close call, the largest differences first.
DECIDING_CRITERIA = 3
# The cost is given for a month and for a year: the pricing is done on a year.
YEAR_MONTHS = 12


@dataclass(frozen=True)
class Candidate:
    """A vendor that meets the must-haves: its fit and its cost for the team."""

    fit: VendorFit
    cost: VendorCost

    @property
    def vendor(self) -> Any:
        return self.fit.vendor

    @property
    def plan(self) -> PlanCost | None:
        """The cheapest qualifying plan that can be priced (None: no published price)."""
        return self.cost.cheapest

    @property
    def unpriced(self) -> list[PlanExclusion]:
        """Qualifying plans whose price the data does not give, and why."""
        return self.cost.unpriced


@dataclass(frozen=True)
class RuledOut:
    vendor: Any
    reasons: list[str]


@dataclass(frozen=True)
class Decider:
    """A criterion that separates the first two: whom it favours, by how many points."""

    criterion: Any
    favours: Any
    points: Decimal


@dataclass(frozen=True)
class CloseCall:
    leader: Candidate
    runner_up: Candidate
    gap: Decimal
    cheaper: Candidate | None  # None: same cost, or the costs cannot be compared
    deciders: list[Decider]
    sentence: str


@dataclass(frozen=True)
class Recommendation:
    needs: TeamNeeds
    weights: dict[str, int]
    candidates: list[Candidate]  # best fit first
    ruled_out: list[RuledOut]
    close_call: CloseCall | None
    margin: Decimal = CLOSE_CALL_MARGIN


def recommend(
    *,
    vendors: list[Any],
    plans: list[Any],
    criteria: list[Any],
    assessments: list[Any],
    weights: dict[str, int],
    needs: TeamNeeds,
) -> Recommendation:
    """The answer for the team; raises fit.WeightsError when every weight is 0."""
    needs = replace(needs, months=YEAR_MONTHS)
    costs = {
        cost.vendor.pk: cost
        for cost in compare_costs(vendors=vendors, plans=plans, needs=needs).vendors
    }
    qualifying = [vendor for vendor in vendors if costs[vendor.pk].qualifies]
    ranking = (
        rank_by_fit(vendors=qualifying, criteria=criteria, assessments=assessments, weights=weights)
        if qualifying
        else []
    )
    candidates = [Candidate(fit=fit, cost=costs[fit.vendor.pk]) for fit in ranking]
    ruled_out = [
        RuledOut(vendor=vendor, reasons=_why_ruled_out(costs[vendor.pk]))
        for vendor in vendors
        if not costs[vendor.pk].qualifies
    ]
    return Recommendation(
        needs=needs,
        weights=dict(weights),
        candidates=candidates,
        ruled_out=ruled_out,
        close_call=close_call(candidates),
    )


def _why_ruled_out(cost: VendorCost) -> list[str]:
    if cost.unmet_needs:
        return cost.unmet_needs
    reasons = [
        f"{exclusion.plan.name}: {'; '.join(exclusion.reasons)}" for exclusion in cost.ruled_out
    ]
    return reasons or [gettext("no plans are recorded for this CRM")]


def close_call(candidates: list[Candidate]) -> CloseCall | None:
    """The close call between the first two candidates, if their fits are within the margin."""
    if len(candidates) < 2:
        return None
    leader, runner_up = candidates[0], candidates[1]
    gap = leader.fit.score - runner_up.fit.score
    if gap > CLOSE_CALL_MARGIN:
        return None
    cheaper, cost_part = _cost_comparison(leader, runner_up)
    deciders = _deciders(leader, runner_up)
    sentence = gettext(
        "Too close to call on your priorities (%(first)s %(first_score)s, "
        "%(second)s %(second_score)s out of 10): %(cost)s"
    ) % {
        "first": leader.vendor.name,
        "first_score": format_number(leader.fit.score),
        "second": runner_up.vendor.name,
        "second_score": format_number(runner_up.fit.score),
        "cost": cost_part,
    }
    if deciders:
        sentence += " " + gettext("What separates them: %(criteria)s.") % {
            "criteria": "; ".join(
                gettext("“%(criterion)s” favours %(vendor)s by %(points)s")
                % {
                    "criterion": decider.criterion.name,
                    "vendor": decider.favours.name,
                    "points": format_number(decider.points),
                }
                for decider in deciders
            )
        }
    return CloseCall(leader, runner_up, gap, cheaper, deciders, sentence)


def _cost_comparison(a: Candidate, b: Candidate) -> tuple[Candidate | None, str]:
    """Which of the two costs the team less, and the words that say it."""
    unpublished = [candidate for candidate in (a, b) if candidate.plan is None]
    if len(unpublished) == 2:
        return None, gettext(
            "neither publishes the price of a plan your team can use, so compare their quotes."
        )
    if unpublished:
        return None, gettext(
            "%(vendor)s does not publish the price of a plan your team can use, "
            "so ask for a quote before choosing."
        ) % {"vendor": unpublished[0].vendor.name}
    if a.plan.currency != b.plan.currency:
        return None, gettext(
            "their prices are in different currencies, which we do not convert: compare them "
            "yourself."
        )
    if a.plan.total == b.plan.total:
        return None, gettext("both cost your team the same.")
    cheaper, dearer = (a, b) if a.plan.total < b.plan.total else (b, a)
    return cheaper, gettext(
        "%(vendor)s is cheaper for your team (%(cheap)s a month against %(dear)s)."
    ) % {
        "vendor": cheaper.vendor.name,
        "cheap": format_money(cheaper.plan.per_month, cheaper.plan.currency),
        "dear": format_money(dearer.plan.per_month, dearer.plan.currency),
    }


def _deciders(a: Candidate, b: Candidate) -> list[Decider]:
    """The criteria whose contributions differ most between the two, largest first."""
    theirs = {c.criterion.pk: c.points for c in b.fit.contributions}
    found = []
    for contribution in a.fit.contributions:
        difference = contribution.points - theirs.get(contribution.criterion.pk, Decimal(0))
        if difference:
            favours = a.vendor if difference > 0 else b.vendor
            found.append(Decider(contribution.criterion, favours, abs(difference)))
    found.sort(key=lambda decider: -decider.points)  # stable: criteria order on ties
    return found[:DECIDING_CRITERIA]
