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
    must_haves,
    plan_cost,
    vendor_cost,
)
from comparisons.models import FeatureAvailability, Plan
from tests.factories import (
    AddonFactory,
    FeatureAvailabilityFactory,
    FeatureFactory,
    PlanFactory,
    VendorFactory,
)

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
    ("field", "value"),
    [("users", 0), ("users", -1), ("contacts", -5), ("months", 0), ("billing", "weekly")],
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


# --- What a buyer relies on: periods, units, add-ons, order --------------------------------


@pytest.mark.parametrize(("months", "years"), [(1, 1), (12, 1), (13, 2), (24, 2), (25, 3), (36, 3)])
def test_a_yearly_plan_is_charged_every_started_year(months, years):
    plan = PlanFactory(
        price=Decimal("100"),
        pricing_unit=Plan.PricingUnit.PER_ACCOUNT,
        billing_period=Plan.BillingPeriod.YEAR,
    )

    result = plan_cost(plan, TeamNeeds(users=1, months=months))

    assert result.total == Decimal(100 * years)
    assert result.lines[0].label.endswith(
        f"× {years} year{'s' if years > 1 else ''} = ${100 * years}.00"
    )


def test_a_monthly_plan_is_charged_every_month_of_the_period():
    plan = PlanFactory(price=Decimal("10"), pricing_unit=Plan.PricingUnit.PER_ACCOUNT)

    assert plan_cost(plan, TeamNeeds(users=1, months=13)).total == Decimal("130")


@pytest.mark.parametrize(
    "unit", [Plan.PricingUnit.PER_USE, Plan.PricingUnit.PERCENT_OF_SUBSCRIPTION]
)
def test_a_plan_priced_per_use_or_as_a_percentage_is_never_a_flat_monthly_fee(unit):
    plan = PlanFactory(price=Decimal("6"), pricing_unit=unit)

    result = vendor_cost(plan.vendor, [plan], TeamNeeds(users=2, months=12))

    assert result.options == []
    assert [(e.plan, e.reasons) for e in result.unpriced] == [
        (plan, ["it is priced per use or as a percentage, not per team"])
    ]


def test_add_ons_priced_per_use_or_percentage_have_no_amount_without_a_base():
    vendor = VendorFactory()
    per_use = AddonFactory(vendor=vendor, price=Decimal("6"), pricing_unit=Plan.PricingUnit.PER_USE)
    percent = AddonFactory(
        vendor=vendor,
        price=None,
        pricing_unit=Plan.PricingUnit.PERCENT_OF_SUBSCRIPTION,
        percent_min=Decimal("20"),
        percent_max=Decimal("20"),
    )

    result = vendor_cost(vendor, [per_use, percent], TeamNeeds(users=2))

    by_addon = {addon.addon: addon for addon in result.addons}
    assert (by_addon[per_use].amount, by_addon[per_use].label) == (None, "$6.00 each time")
    assert (by_addon[percent].amount, by_addon[percent].label) == (
        None,
        "20 % of the subscription",
    )


def test_add_ons_priced_per_user_or_per_account_are_costed_and_the_plan_total_unchanged():
    vendor = VendorFactory()
    plan = PlanFactory(vendor=vendor, price=Decimal("10"))
    per_user = AddonFactory(vendor=vendor, name="Seats", price=Decimal("5"))
    per_account = AddonFactory(
        vendor=vendor,
        name="Hub",
        price=Decimal("30"),
        pricing_unit=Plan.PricingUnit.PER_ACCOUNT,
    )

    result = vendor_cost(vendor, [plan, per_user, per_account], TeamNeeds(users=3, months=12))

    by_addon = {addon.addon: addon for addon in result.addons}
    assert by_addon[per_user].amount == Decimal("180")
    assert by_addon[per_user].label == "$5.00 a month per user × 3 users × 12 months = $180.00"
    assert by_addon[per_account].amount == Decimal("360")
    assert by_addon[per_account].label == "$30.00 a month × 12 months = $360.00"
    assert result.cheapest.total == Decimal("360")
    assert result.cheapest.addons_included == []


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0), (2, 0, 1)])
def test_the_cheapest_fitting_plan_is_chosen_whatever_order_the_plans_come_in(order):
    vendor = VendorFactory()
    plans = [
        PlanFactory(vendor=vendor, name="Mid", position=2, price=Decimal("20")),
        PlanFactory(vendor=vendor, name="Cheap", position=3, price=Decimal("12")),
        PlanFactory(vendor=vendor, name="Dear", position=1, price=Decimal("30")),
    ]

    result = vendor_cost(vendor, [plans[i] for i in order], TeamNeeds(users=2, months=1))

    assert [option.plan.name for option in result.options] == ["Cheap", "Mid", "Dear"]
    assert result.cheapest.total == Decimal("24")


# --- Must-have features --------------------------------------------------------------------


@pytest.fixture
def tiers():
    """A vendor with three tiers, a marketing add-on and an email-marketing feature."""
    vendor = VendorFactory(name="HubSpot")
    email = FeatureFactory(name="Email marketing", slug="email-marketing")
    return {
        "vendor": vendor,
        "email": email,
        "free": PlanFactory(vendor=vendor, name="Free", position=0, is_free=True, price=0),
        "starter": PlanFactory(vendor=vendor, name="Starter", position=1, price=Decimal("15")),
        "pro": PlanFactory(vendor=vendor, name="Pro", position=2, price=Decimal("50")),
        "hub": AddonFactory(
            vendor=vendor,
            name="Marketing Hub",
            position=5,
            price=Decimal("800"),
            pricing_unit=Plan.PricingUnit.PER_ACCOUNT,
        ),
    }


def needing(tiers, *availabilities, users=5, months=12, features=None):
    features = features or [tiers["email"]]
    return TeamNeeds(users=users, months=months, must_haves=must_haves(features, availabilities))


def cost_of(tiers, needs):
    plans = [tiers[name] for name in ("free", "starter", "pro", "hub")]
    return vendor_cost(tiers["vendor"], plans, needs)


def available(
    tiers, *, plan=None, status=FeatureAvailability.Status.AVAILABLE, feature=None, note=""
):
    return FeatureAvailabilityFactory(
        vendor=tiers["vendor"],
        feature=feature or tiers["email"],
        status=status,
        plan=plan,
        note=note,
    )


def test_a_plan_below_the_tier_a_must_have_starts_from_does_not_qualify(tiers):
    result = cost_of(tiers, needing(tiers, available(tiers, plan=tiers["starter"])))

    assert [e.plan for e in result.ruled_out] == [tiers["free"]]
    assert result.ruled_out[0].reasons == ["“Email marketing” starts from the Starter plan"]
    assert result.cheapest.plan == tiers["starter"]
    assert result.cheapest.total == Decimal("900")


def test_a_must_have_available_everywhere_changes_nothing(tiers):
    result = cost_of(tiers, needing(tiers, available(tiers)))

    assert result.cheapest.plan == tiers["free"]
    assert result.cheapest.total == 0
    assert result.ruled_out == [] and result.unmet_needs == []


def test_a_must_have_sold_as_an_add_on_adds_its_price_line_by_line(tiers):
    addon = FeatureAvailability.Status.ADDON
    result = cost_of(tiers, needing(tiers, available(tiers, plan=tiers["hub"], status=addon)))

    best = result.cheapest
    assert best.plan == tiers["free"]
    assert best.addons_included == [tiers["hub"]]
    assert best.total == Decimal("9600")
    assert best.per_month == Decimal("800.00")
    assert [line.label for line in best.lines] == [
        "Free plan = $0.00",
        "Marketing Hub, for “Email marketing”: $800.00 a month × 12 months = $9,600.00",
        "Total = $9,600.00",
    ]
    assert [o.total for o in result.options] == [
        Decimal("9600"),
        Decimal("10500"),
        Decimal("12600"),
    ]
    # Bought for the must-have, it is no longer offered as optional.
    assert result.addons == []


def test_an_add_on_two_must_haves_take_is_bought_once(tiers):
    seo = FeatureFactory(name="SEO")
    hub = tiers["hub"]
    needs = needing(
        tiers,
        available(tiers, plan=hub, status=FeatureAvailability.Status.ADDON),
        available(tiers, plan=hub, status=FeatureAvailability.Status.ADDON, feature=seo),
        features=[tiers["email"], seo],
    )

    best = cost_of(tiers, needs).cheapest

    assert best.total == Decimal("9600")
    assert "Marketing Hub, for “Email marketing”, “SEO”: " in best.lines[1].label


def test_a_must_have_the_data_says_nothing_about_rules_the_vendor_out(tiers):
    result = cost_of(tiers, needing(tiers))

    assert result.unmet_needs == [
        "no data about “Email marketing” for HubSpot: check with the vendor"
    ]
    assert (result.options, result.ruled_out, result.unpriced) == ([], [], [])
    assert not result.fits and not result.qualifies


def test_a_must_have_the_vendor_does_not_offer_rules_it_out(tiers):
    result = cost_of(
        tiers, needing(tiers, available(tiers, status=FeatureAvailability.Status.UNAVAILABLE))
    )

    assert result.unmet_needs == ["HubSpot does not offer “Email marketing”"]
    assert not result.qualifies


def test_a_must_have_sold_as_an_add_on_without_a_price_cannot_be_priced(tiers):
    result = cost_of(
        tiers, needing(tiers, available(tiers, status=FeatureAvailability.Status.ADDON))
    )

    assert result.options == []
    assert result.qualifies
    assert {tuple(e.reasons) for e in result.unpriced} == {
        ("“Email marketing” is a paid add-on whose price is not recorded",)
    }


def test_a_must_have_add_on_priced_per_use_is_not_made_a_flat_fee(tiers):
    backups = AddonFactory(
        vendor=tiers["vendor"],
        name="Backups",
        price=Decimal("6"),
        pricing_unit=Plan.PricingUnit.PER_USE,
    )
    availability = available(tiers, plan=backups, status=FeatureAvailability.Status.ADDON)

    result = vendor_cost(tiers["vendor"], [tiers["free"], backups], needing(tiers, availability))

    assert result.options == []
    assert result.unpriced[0].reasons == [
        "the add-on Backups, for “Email marketing”: it is priced per use or as a percentage, "
        "not per team"
    ]


def test_a_must_have_add_on_that_does_not_fit_the_team_rules_the_plans_out(tiers):
    tiers["hub"].user_limit = 3
    availability = available(tiers, plan=tiers["hub"], status=FeatureAvailability.Status.ADDON)

    result = cost_of(tiers, needing(tiers, availability, users=5))

    assert result.options == [] and result.unpriced == []
    assert result.ruled_out[0].reasons == [
        "the add-on Marketing Hub, for “Email marketing”: this plan allows at most 3 users"
    ]


def test_a_limited_must_have_qualifies_with_a_note(tiers):
    availability = available(
        tiers, status=FeatureAvailability.Status.LIMITED, note="Only 5 templates"
    )

    best = cost_of(tiers, needing(tiers, availability)).cheapest

    assert best.plan == tiers["free"]
    assert "“Email marketing” is limited: Only 5 templates" in best.notes


def test_the_first_unpriced_tier_is_the_lowest_that_serves_the_team(tiers):
    tiers["pro"].price = None
    enterprise = PlanFactory(vendor=tiers["vendor"], name="Enterprise", position=3, price=None)
    availability = available(tiers, plan=tiers["pro"])

    result = vendor_cost(
        tiers["vendor"],
        [enterprise, tiers["pro"], tiers["starter"]],
        needing(tiers, availability),
    )

    assert result.options == []
    assert result.first_unpriced.plan == tiers["pro"]
    assert result.first_unpriced.reasons == ["the vendor does not publish its price"]


def test_must_haves_pair_each_feature_with_the_vendors_availabilities(tiers):
    other = VendorFactory()
    mine = available(tiers)
    theirs = FeatureAvailabilityFactory(vendor=other, feature=tiers["email"])
    seo = FeatureFactory()

    result = must_haves([seo, tiers["email"]], [mine, theirs])

    assert [must.feature for must in result] == [seo, tiers["email"]]
    assert result[0].availabilities == {}
    assert result[1].availabilities == {tiers["vendor"].pk: mine, other.pk: theirs}


def test_an_add_on_priced_per_use_without_a_published_price_says_so():
    addon = AddonFactory(price=None, pricing_unit=Plan.PricingUnit.PER_USE)

    result = vendor_cost(addon.vendor, [addon], TeamNeeds(users=2))

    (cost,) = result.addons
    assert (cost.amount, cost.label) == (None, "the vendor does not publish its price")


def test_an_add_on_that_cannot_be_priced_is_not_called_an_estimate():
    vendor = VendorFactory()
    unpublished = AddonFactory(vendor=vendor, price=None)
    no_share = AddonFactory(
        vendor=vendor, price=None, pricing_unit=Plan.PricingUnit.PERCENT_OF_SUBSCRIPTION
    )

    result = vendor_cost(vendor, [unpublished, no_share], TeamNeeds(users=2))

    assert [(a.label, a.amount, a.is_estimate) for a in result.addons] == [
        ("the vendor does not publish its price", None, False),
        ("percentage not recorded", None, False),
    ]


def test_only_a_paid_yearly_plan_gets_the_yearly_billing_note():
    monthly = PlanFactory(price=Decimal("10"))
    free_yearly = PlanFactory(
        is_free=True, price=Decimal("0"), billing_period=Plan.BillingPeriod.YEAR
    )

    for plan in (monthly, free_yearly):
        notes = plan_cost(plan, TeamNeeds(users=1, months=13)).notes
        assert not any("yearly" in note for note in notes), plan


def test_two_users_on_a_plan_without_a_stated_user_limit_are_told_to_check():
    notes = plan_cost(PlanFactory(), TeamNeeds(users=2)).notes

    assert "No user limit is stated for this plan: check that it takes 2 users." in notes


@pytest.mark.parametrize(
    ("months", "note"),
    [
        (6, "6 months are charged as 1 year, since billing is yearly."),
        (12, None),
        (13, "13 months are charged as 2 years, since billing is yearly."),
    ],
)
def test_a_yearly_plan_says_when_the_period_is_charged_as_whole_years(months, note):
    plan = PlanFactory(price=Decimal("100"), billing_period=Plan.BillingPeriod.YEAR)

    notes = plan_cost(plan, TeamNeeds(users=1, months=months)).notes

    charged = [n for n in notes if "are charged as" in n]
    assert charged == ([note] if note else [])


def test_a_must_have_add_on_with_a_from_price_makes_the_total_an_estimate(tiers):
    tiers["hub"].is_from_price = True
    availability = available(tiers, plan=tiers["hub"], status=FeatureAvailability.Status.ADDON)

    best = cost_of(tiers, needing(tiers, availability)).cheapest

    assert best.is_estimate
    assert "Marketing Hub: Estimate: the vendor gives a “from” price; it may cost more." in (
        best.notes
    )


@pytest.mark.parametrize(("low", "high"), [(Decimal("20"), None), (None, Decimal("20"))])
def test_a_percentage_add_on_with_one_bound_uses_it(low, high):
    plan = PlanFactory(price=Decimal("10"), pricing_unit=Plan.PricingUnit.PER_ACCOUNT)
    addon = AddonFactory(
        vendor=plan.vendor,
        price=None,
        pricing_unit=Plan.PricingUnit.PERCENT_OF_SUBSCRIPTION,
        percent_min=low,
        percent_max=high,
    )

    (cost,) = vendor_cost(plan.vendor, [plan, addon], TeamNeeds(users=1, months=12)).addons

    assert (cost.amount, cost.amount_max) == (Decimal("24.00"), Decimal("24.00"))
    assert cost.label == "20 % of the subscription × $120.00 = $24.00"


def test_a_must_have_add_on_in_another_currency_is_not_added(tiers):
    tiers["hub"].currency = "EUR"
    availability = available(tiers, plan=tiers["hub"], status=FeatureAvailability.Status.ADDON)

    result = cost_of(tiers, needing(tiers, availability))

    assert result.options == []
    assert result.unpriced[0].reasons == [
        "the add-on Marketing Hub is priced in EUR: we do not add currencies"
    ]
