from decimal import Decimal

import pytest
from django.utils import translation

from buyer_tools.pricing import (
    BILLING_MONTH,
    BILLING_YEAR,
    PlanCost,
    PlanExclusion,
    TeamNeeds,
    compare_costs,
    plan_cost,
    vendor_cost,
)
from comparisons.models import Plan
from tests.factories import PlanFactory, VendorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def plans(article):
    return list(Plan.objects.all())


def test_five_users_on_zoho_standard_cost_70_usd_a_month(article):
    result = plan_cost(article["zoho_standard"], TeamNeeds(users=5, months=1))

    assert isinstance(result, PlanCost)
    assert result.total == Decimal("70")
    assert result.per_month == Decimal("70.00")
    assert result.currency == "USD"
    assert result.lines[0].label == "$14.00 a month per user × 5 users × 1 month = $70.00"


def test_a_year_of_zoho_standard_for_five_users_spells_out_the_multiplication(article):
    result = plan_cost(article["zoho_standard"], TeamNeeds(users=5, months=12))

    assert result.total == Decimal("840")
    assert result.per_month == Decimal("70.00")
    assert result.lines[0].label == "$14.00 a month per user × 5 users × 12 months = $840.00"


@pytest.mark.parametrize("users", [1, 3, 50, 10_000])
def test_hubspot_free_crm_costs_nothing_for_any_team_size(article, users):
    result = plan_cost(article["hubspot_free"], TeamNeeds(users=users, contacts=1_000_000))

    assert isinstance(result, PlanCost)
    assert result.total == 0
    assert "Free plan" in result.lines[0].label


def test_hubspot_free_crm_is_ruled_out_beyond_its_million_contacts(article):
    result = plan_cost(article["hubspot_free"], TeamNeeds(users=2, contacts=1_000_001))

    assert isinstance(result, PlanExclusion)
    assert result.reasons == ["it allows at most 1,000,000 contacts"]


def test_zoho_free_edition_is_ruled_out_for_four_users(article):
    fits = plan_cost(article["zoho_free"], TeamNeeds(users=3))
    too_many = plan_cost(article["zoho_free"], TeamNeeds(users=4))

    assert isinstance(fits, PlanCost)
    assert isinstance(too_many, PlanExclusion)
    assert too_many.reasons == ["the free edition allows at most 3 users"]


def test_paid_plan_user_limit_is_named_without_calling_it_free():
    plan = PlanFactory(user_limit=1)

    result = plan_cost(plan, TeamNeeds(users=2))

    assert result.reasons == ["this plan allows at most 1 user"]


def test_marketing_hub_professional_charges_extra_blocks_of_contacts(article):
    result = plan_cost(article["hubspot_marketing_pro"], TeamNeeds(users=3, contacts=5000))

    # 800 a month, plus 3 blocks of 1,000 contacts at 50 each a month, for 12 months.
    assert result.total == Decimal("800") * 12 + 3 * Decimal("50") * 12
    assert [line.label for line in result.lines] == [
        "$800.00 a month × 12 months = $9,600.00",
        "Contacts beyond those included: 5,000 − 2,000 = 3,000",
        "3 blocks of 1,000 contacts × $50.00 per block × 12 months = $1,800.00",
        "Total = $11,400.00",
    ]


def test_a_started_block_of_contacts_is_charged_whole(article):
    result = plan_cost(
        article["hubspot_marketing_pro"], TeamNeeds(users=1, contacts=2001, months=1)
    )

    assert result.total == Decimal("850")


def test_contacts_within_the_included_amount_cost_nothing_extra(article):
    result = plan_cost(
        article["hubspot_marketing_pro"], TeamNeeds(users=1, contacts=2000, months=1)
    )

    assert result.total == Decimal("800")
    assert len(result.lines) == 1


def test_extra_contacts_without_a_block_price_cannot_be_priced(article):
    plan = article["hubspot_marketing_pro"]
    plan.extra_contacts_block_price = None

    result = plan_cost(plan, TeamNeeds(users=1, contacts=5000))

    assert isinstance(result, PlanExclusion)
    assert result.reasons == [
        "it charges for contacts beyond the 2,000 included, but the price of extra contacts "
        "is not recorded"
    ]


def test_a_plan_without_a_published_price_cannot_be_priced():
    result = plan_cost(PlanFactory(price=None), TeamNeeds(users=2))

    assert result.reasons == ["the vendor does not publish its price"]


def test_a_plan_that_does_not_fit_is_ruled_out_even_without_a_price():
    result = plan_cost(PlanFactory(price=None, user_limit=2), TeamNeeds(users=5))

    assert result.reasons == ["this plan allows at most 2 users"]


def test_yearly_plan_shows_its_monthly_equivalent_only_as_a_note(article):
    result = plan_cost(article["hubspot_enterprise"], TeamNeeds(users=10, months=12))

    assert result.total == Decimal("48000")
    assert result.per_month == Decimal("4000.00")
    assert result.lines[0].label == "$48,000.00 a year × 1 year = $48,000.00"
    assert "Billed yearly: $48,000.00 a year ÷ 12 = $4,000.00 a month" in result.notes


def test_yearly_plan_charges_started_years(article):
    result = plan_cost(article["hubspot_enterprise"], TeamNeeds(users=10, months=18))

    assert result.total == Decimal("96000")
    assert "18 months are charged as 2 years, since billing is yearly." in result.notes


def test_monthly_billing_preference_rules_out_yearly_only_plans(article):
    result = plan_cost(article["hubspot_enterprise"], TeamNeeds(users=1, billing=BILLING_MONTH))

    assert result.reasons == ["it is billed yearly only, and you asked for monthly billing"]


def test_yearly_billing_preference_keeps_free_plans(article):
    assert isinstance(
        plan_cost(article["zoho_free"], TeamNeeds(users=1, billing=BILLING_YEAR)), PlanCost
    )
    assert isinstance(
        plan_cost(article["zoho_standard"], TeamNeeds(users=1, billing=BILLING_YEAR)), PlanExclusion
    )


def test_from_price_is_flagged_as_an_estimate():
    result = plan_cost(PlanFactory(price=Decimal("45"), is_from_price=True), TeamNeeds(users=1))

    assert result.is_estimate
    assert "Estimate: the vendor gives a “from” price; it may cost more." in result.notes


USER_LIMIT_UNSTATED = "No user limit is stated for this plan: check that it takes 5 users."
CONTACT_LIMIT_UNSTATED = (
    "No contact limit is stated for this plan: check that it takes 5,000 contacts."
)


def test_a_plan_without_a_stated_user_limit_is_priced_with_a_check_it_note(article):
    result = plan_cost(article["zoho_standard"], TeamNeeds(users=5, contacts=5000))

    assert result.total == Decimal("840")
    assert USER_LIMIT_UNSTATED in result.notes
    # Its contact limit is stated (100,000), so there is nothing to check there.
    assert not any("contact limit" in note for note in result.notes)


def test_a_single_user_or_an_unlimited_or_stated_user_limit_needs_no_check(article):
    alone = plan_cost(article["zoho_standard"], TeamNeeds(users=1))
    unlimited = plan_cost(article["hubspot_free"], TeamNeeds(users=5, contacts=5000))
    stated = plan_cost(PlanFactory(price=Decimal("10"), user_limit=10), TeamNeeds(users=5))
    included = plan_cost(
        PlanFactory(price=Decimal("50"), pricing_unit="per_account", users_included=5),
        TeamNeeds(users=5),
    )

    for result in (alone, unlimited, stated, included):
        assert isinstance(result, PlanCost)
        assert not any("user limit" in note for note in result.notes)


@pytest.mark.parametrize(
    ("fields", "noted"),
    [
        ({}, True),
        ({"unlimited_contacts": True}, False),
        ({"contact_limit": 10_000}, False),
        # Contacts beyond those included are charged, not refused: priced, not a limit.
        ({"contacts_included": 10_000}, False),
    ],
)
def test_contacts_without_a_stated_limit_are_noted_when_the_team_has_some(fields, noted):
    plan = PlanFactory(price=Decimal("10"), user_limit=10, **fields)

    with_contacts = plan_cost(plan, TeamNeeds(users=5, contacts=5000))
    without = plan_cost(plan, TeamNeeds(users=5))

    assert (CONTACT_LIMIT_UNSTATED in with_contacts.notes) is noted
    assert not any("contact limit" in note for note in without.notes)


def test_per_user_minimum_is_billed_and_said():
    plan = PlanFactory(price=Decimal("10"), users_included=3)

    result = plan_cost(plan, TeamNeeds(users=1, months=1))

    assert result.total == Decimal("30")
    assert "3 users (the plan's minimum)" in result.lines[0].label


def test_flat_plan_with_included_users_cannot_be_priced_for_more_users():
    plan = PlanFactory(price=Decimal("100"), pricing_unit="per_account", users_included=5)

    assert isinstance(plan_cost(plan, TeamNeeds(users=5)), PlanCost)
    assert plan_cost(plan, TeamNeeds(users=6)).reasons == [
        "its flat price covers 5 users and the price of more users is not recorded"
    ]


@pytest.mark.parametrize(
    ("field", "value"), [("users", 0), ("users", -1), ("contacts", -5), ("months", 0)]
)
def test_needs_reject_impossible_values(field, value):
    with pytest.raises(ValueError, match=field):
        TeamNeeds(**{"users": 1, field: value})


def test_vendor_cost_picks_the_cheapest_fitting_plan_and_lists_the_rest(article, plans):
    result = vendor_cost(article["zoho"], plans, TeamNeeds(users=5, months=1))

    assert result.cheapest.plan == article["zoho_standard"]
    assert result.cheapest.total == Decimal("70")
    assert [exclusion.plan for exclusion in result.ruled_out] == [article["zoho_free"]]
    assert result.ruled_out[0].reasons == ["the free edition allows at most 3 users"]


def test_vendor_cost_prefers_the_free_edition_while_it_fits(article, plans):
    result = vendor_cost(article["zoho"], plans, TeamNeeds(users=3))

    assert result.cheapest.plan == article["zoho_free"]


def test_addons_are_priced_for_the_team_but_kept_out_of_the_total(article, plans):
    result = vendor_cost(article["zoho"], plans, TeamNeeds(users=5, months=12))

    support, backup = sorted(result.addons, key=lambda addon: addon.addon.name)[::-1]
    assert support.addon == article["zoho_support"]
    assert (support.amount, support.amount_max) == (Decimal("168.00"), Decimal("210.00"))
    assert support.label == "20 %–25 % of the subscription × $840.00 = $168.00–$210.00"
    assert backup.amount is None
    assert backup.label == "$6.00 each time"
    assert result.cheapest.total == Decimal("840")


def test_nothing_fits_is_reported_for_every_vendor():
    vendor = VendorFactory()
    PlanFactory(vendor=vendor, user_limit=2)

    result = compare_costs(vendors=[vendor], plans=vendor.plans.all(), needs=TeamNeeds(users=3))

    assert result.nothing_fits
    assert not result.vendors[0].fits
    assert result.rankings == []


def test_currencies_are_ranked_separately_and_never_added():
    dollars, euros = VendorFactory(), VendorFactory()
    PlanFactory(vendor=dollars, price=Decimal("10"), currency="USD")
    PlanFactory(vendor=euros, price=Decimal("5"), currency="EUR")

    result = compare_costs(
        vendors=[dollars, euros],
        plans=[*dollars.plans.all(), *euros.plans.all()],
        needs=TeamNeeds(users=1, months=1),
    )

    assert [(r.currency, [v for v, _cost in r.entries]) for r in result.rankings] == [
        ("USD", [dollars]),
        ("EUR", [euros]),
    ]


def test_vendor_with_plans_in_two_currencies_gets_the_cheapest_in_each():
    vendor = VendorFactory()
    PlanFactory(vendor=vendor, price=Decimal("10"), currency="USD")
    PlanFactory(vendor=vendor, price=Decimal("9"), currency="EUR")
    PlanFactory(vendor=vendor, price=Decimal("12"), currency="EUR")

    result = vendor_cost(vendor, vendor.plans.all(), TeamNeeds(users=1, months=1))

    assert sorted((o.currency, o.total) for o in result.best) == [
        ("EUR", Decimal("9")),
        ("USD", Decimal("10")),
    ]


def test_spanish_labels_use_spanish_number_formats(article):
    with translation.override("es"):
        result = plan_cost(article["zoho_standard"], TeamNeeds(users=5, months=12))

    assert "840,00" in result.lines[0].label
