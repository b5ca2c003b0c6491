"""One answer for a team (buyer_tools.recommendation): fit, cost, ruled out, close calls."""

from decimal import Decimal

import pytest

from buyer_tools.pricing import TeamNeeds, must_haves
from buyer_tools.recommendation import CLOSE_CALL_MARGIN, close_call, recommend
from comparisons.models import Assessment, Criterion, FeatureAvailability, Plan
from tests.factories import (
    AddonFactory,
    AssessmentFactory,
    CriterionFactory,
    FeatureAvailabilityFactory,
    FeatureFactory,
    PlanFactory,
    VendorFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def market():
    """Two CRMs scored on two criteria; `score` sets a vendor's score on `ease`."""
    ease = CriterionFactory(name="Ease of use", slug="ease", default_weight=3)
    value = CriterionFactory(name="Value", slug="value", default_weight=3)
    zoho, hubspot = VendorFactory(name="Zoho"), VendorFactory(name="HubSpot")
    plans = [
        PlanFactory(vendor=zoho, name="Standard", position=1, price=Decimal("14")),
        PlanFactory(vendor=zoho, name="Professional", position=2, price=None),
        PlanFactory(vendor=hubspot, name="Free", position=0, is_free=True, price=0),
        AddonFactory(
            vendor=hubspot,
            name="Marketing Hub",
            price=Decimal("800"),
            pricing_unit=Plan.PricingUnit.PER_ACCOUNT,
        ),
    ]
    return {"ease": ease, "value": value, "zoho": zoho, "hubspot": hubspot, "plans": plans}


def score(market, vendor, ease, value):
    AssessmentFactory(vendor=market[vendor], criterion=market["ease"], score=Decimal(ease))
    AssessmentFactory(vendor=market[vendor], criterion=market["value"], score=Decimal(value))


def answer(market, *, users=5, features=(), weights=None):
    vendors = [market["zoho"], market["hubspot"]]
    needs = TeamNeeds(
        users=users,
        months=3,  # the answer is always for a year
        must_haves=must_haves(features, FeatureAvailability.objects.all()),
    )
    return recommend(
        vendors=vendors,
        plans=market["plans"],
        criteria=list(Criterion.objects.all()),
        assessments=list(Assessment.objects.all()),
        weights=weights or {"ease": 3, "value": 3},
        needs=needs,
    )


def test_candidates_are_ranked_by_fit_each_with_its_cheapest_plan_a_month_and_a_year(market):
    score(market, "zoho", "6", "9")
    score(market, "hubspot", "9", "8")

    result = answer(market)

    assert [(c.vendor.name, c.fit.rank, c.fit.score) for c in result.candidates] == [
        ("HubSpot", 1, Decimal("8.50")),
        ("Zoho", 2, Decimal("7.50")),
    ]
    hubspot, zoho = result.candidates
    assert (hubspot.plan.plan.name, hubspot.plan.total) == ("Free", 0)
    assert (zoho.plan.plan.name, zoho.plan.per_month, zoho.plan.total, zoho.plan.months) == (
        "Standard",
        Decimal("70.00"),
        Decimal("840"),
        12,
    )
    assert result.ruled_out == [] and result.close_call is None


def test_must_haves_rule_vendors_out_with_the_reason_and_add_add_ons(market):
    score(market, "zoho", "6", "9")
    score(market, "hubspot", "9", "8")
    email, social = FeatureFactory(name="Email marketing"), FeatureFactory(name="Social CRM")
    FeatureAvailabilityFactory(
        vendor=market["hubspot"],
        feature=email,
        status=FeatureAvailability.Status.ADDON,
        plan=market["plans"][3],
    )
    FeatureAvailabilityFactory(
        vendor=market["hubspot"], feature=social, status=FeatureAvailability.Status.AVAILABLE
    )
    FeatureAvailabilityFactory(vendor=market["zoho"], feature=email, plan=market["plans"][1])

    result = answer(market, features=[email, social])

    assert [c.vendor.name for c in result.candidates] == ["HubSpot"]
    assert result.candidates[0].fit.rank == 1
    assert result.candidates[0].plan.per_month == Decimal("800.00")
    assert [(out.vendor.name, out.reasons) for out in result.ruled_out] == [
        ("Zoho", ["no data about “Social CRM” for Zoho: check with the vendor"])
    ]


def test_a_qualifying_plan_without_a_published_price_keeps_the_vendor_in_without_a_cost(market):
    score(market, "zoho", "6", "9")
    score(market, "hubspot", "9", "8")
    email = FeatureFactory(name="Email marketing")
    FeatureAvailabilityFactory(vendor=market["zoho"], feature=email, plan=market["plans"][1])
    FeatureAvailabilityFactory(vendor=market["hubspot"], feature=email)

    zoho = answer(market, features=[email]).candidates[1]

    assert zoho.vendor == market["zoho"]
    assert zoho.plan is None
    assert zoho.cost.first_unpriced.plan.name == "Professional"
    assert zoho.cost.first_unpriced.reasons == ["the vendor does not publish its price"]


def test_a_vendor_whose_plans_all_fail_the_team_is_ruled_out_plan_by_plan(market):
    score(market, "zoho", "6", "9")
    score(market, "hubspot", "9", "8")
    market["plans"][2].user_limit = 2

    result = answer(market, users=3)

    assert [(out.vendor.name, out.reasons) for out in result.ruled_out] == [
        ("HubSpot", ["Free: the free edition allows at most 2 users"])
    ]


def test_a_close_call_names_the_cheaper_and_the_criteria_that_decide(market):
    score(market, "zoho", "6", "9")
    score(market, "hubspot", "9", "6.5")

    result = answer(market, weights={"ease": 3, "value": 3})

    call = result.close_call
    assert (call.leader.vendor.name, call.runner_up.vendor.name) == ("HubSpot", "Zoho")
    assert call.gap == Decimal("0.25")
    assert call.cheaper.vendor.name == "HubSpot"
    assert [(d.criterion.name, d.favours.name, d.points) for d in call.deciders] == [
        ("Ease of use", "HubSpot", Decimal("1.50")),
        ("Value", "Zoho", Decimal("1.25")),
    ]
    assert call.sentence == (
        "Too close to call on your priorities (HubSpot 7.75, Zoho 7.5 out of 10): HubSpot is "
        "cheaper for your team ($0.00 a month against $70.00). What separates them: “Ease of "
        "use” favours HubSpot by 1.5; “Value” favours Zoho by 1.25."
    )


def test_the_close_call_margin_is_inclusive_and_a_wider_gap_is_no_close_call(market):
    score(market, "zoho", "8", "8")
    score(market, "hubspot", "8.5", "8.5")
    assert answer(market).close_call.gap == CLOSE_CALL_MARGIN == Decimal("0.5")

    Assessment.objects.filter(vendor=market["hubspot"]).update(score=Decimal("8.6"))
    assert answer(market).close_call is None


def test_a_close_call_says_when_a_price_is_not_published(market):
    score(market, "zoho", "8", "8")
    score(market, "hubspot", "8", "8")
    email = FeatureFactory(name="Email marketing")
    FeatureAvailabilityFactory(vendor=market["zoho"], feature=email, plan=market["plans"][1])
    FeatureAvailabilityFactory(vendor=market["hubspot"], feature=email)

    call = answer(market, features=[email]).close_call

    assert call.cheaper is None and call.deciders == []
    assert call.sentence.endswith(
        "Zoho does not publish the price of a plan your team can use, so ask for a quote "
        "before choosing."
    )


def test_a_close_call_between_equal_costs_names_no_cheaper(market):
    score(market, "zoho", "8", "8")
    score(market, "hubspot", "8", "8")
    market["plans"][0].price = Decimal("0")
    market["plans"][0].is_free = True

    call = answer(market).close_call

    assert call.cheaper is None
    assert call.sentence.endswith("both cost your team the same.")


def test_no_close_call_without_two_candidates():
    assert close_call([]) is None


def test_a_close_call_between_two_unpublished_prices_asks_for_both_quotes(market):
    score(market, "zoho", "8", "8")
    score(market, "hubspot", "8", "8")
    pro = PlanFactory(vendor=market["hubspot"], name="Pro", position=1, price=None)
    market["plans"].append(pro)
    email = FeatureFactory(name="Email marketing")
    FeatureAvailabilityFactory(vendor=market["zoho"], feature=email, plan=market["plans"][1])
    FeatureAvailabilityFactory(vendor=market["hubspot"], feature=email, plan=pro)

    call = answer(market, features=[email]).close_call

    assert call.cheaper is None
    assert call.sentence.endswith(
        "neither publishes the price of a plan your team can use, so compare their quotes."
    )


def test_a_close_call_in_two_currencies_names_no_cheaper(market):
    score(market, "zoho", "8", "8")
    score(market, "hubspot", "8", "8")
    market["plans"][0].currency = "EUR"

    call = answer(market).close_call

    assert call.cheaper is None
    assert call.sentence.endswith(
        "their prices are in different currencies, which we do not convert: compare them yourself."
    )


def test_a_close_call_names_at_most_three_deciding_criteria_the_largest_first(market):
    speed = CriterionFactory(name="Speed", slug="speed")
    support = CriterionFactory(name="Support", slug="support")
    score(market, "zoho", "6", "9")
    score(market, "hubspot", "9", "6.5")
    for criterion, zoho, hubspot in ((speed, "8", "8.5"), (support, "7", "7.5")):
        AssessmentFactory(vendor=market["zoho"], criterion=criterion, score=Decimal(zoho))
        AssessmentFactory(vendor=market["hubspot"], criterion=criterion, score=Decimal(hubspot))

    call = answer(market, weights={"ease": 3, "value": 3, "speed": 1, "support": 1}).close_call

    assert [d.criterion.name for d in call.deciders] == ["Ease of use", "Value", "Speed"]


def test_a_difference_under_one_point_still_favours_the_vendor_ahead_on_it(market):
    score(market, "zoho", "8", "8.5")
    score(market, "hubspot", "9", "8")

    call = answer(market).close_call

    assert call.leader.vendor.name == "HubSpot"
    assert [(d.criterion.name, d.favours.name, d.points) for d in call.deciders] == [
        ("Ease of use", "HubSpot", Decimal("0.50")),
        ("Value", "Zoho", Decimal("0.25")),
    ]
