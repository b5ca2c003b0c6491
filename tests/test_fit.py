from decimal import Decimal

import pytest

from buyer_tools.fit import (
    WeightsError,
    default_weights,
    format_weights,
    parse_weights,
    rank_by_fit,
)
from comparisons.models import Assessment
from tests.factories import AssessmentFactory, CriterionFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored():
    ease = CriterionFactory(name="Ease of use", slug="ease-of-use", default_weight=3)
    price = CriterionFactory(name="Value for money", slug="value-for-money", default_weight=3)
    zoho, hubspot = VendorFactory(name="Zoho CRM"), VendorFactory(name="HubSpot")
    AssessmentFactory(vendor=zoho, criterion=ease, score=Decimal("6"))
    AssessmentFactory(vendor=zoho, criterion=price, score=Decimal("9"))
    AssessmentFactory(vendor=hubspot, criterion=ease, score=Decimal("9"))
    AssessmentFactory(vendor=hubspot, criterion=price, score=Decimal("6"))
    return {"ease": ease, "price": price, "zoho": zoho, "hubspot": hubspot}


def rank(scored, weights):
    from comparisons.models import Assessment, Criterion

    return rank_by_fit(
        vendors=[scored["zoho"], scored["hubspot"]],
        criteria=Criterion.objects.all(),
        assessments=Assessment.objects.all(),
        weights=weights,
    )


def test_equal_weights_tie_and_share_the_rank_in_vendor_order(scored):
    result = rank(scored, {"ease-of-use": 3, "value-for-money": 3})

    assert [(fit.vendor.name, fit.score, fit.rank) for fit in result] == [
        ("Zoho CRM", Decimal("7.50"), 1),
        ("HubSpot", Decimal("7.50"), 1),
    ]


def test_weighting_ease_of_use_puts_hubspot_first(scored):
    result = rank(scored, {"ease-of-use": 5, "value-for-money": 1})

    assert [(fit.vendor.name, fit.score, fit.rank) for fit in result] == [
        ("HubSpot", Decimal("8.50"), 1),
        ("Zoho CRM", Decimal("6.50"), 2),
    ]


def test_contributions_add_up_to_the_score(scored):
    hubspot = rank(scored, {"ease-of-use": 5, "value-for-money": 1})[0]

    assert [(c.criterion.slug, c.weight, c.score, c.points) for c in hubspot.contributions] == [
        ("ease-of-use", 5, Decimal("9"), Decimal("7.50")),
        ("value-for-money", 1, Decimal("6"), Decimal("1.00")),
    ]
    assert sum(c.points for c in hubspot.contributions) == hubspot.score


def test_a_weight_of_zero_ignores_the_criterion(scored):
    result = rank(scored, {"ease-of-use": 0, "value-for-money": 4})

    assert result[0].vendor == scored["zoho"]
    assert result[0].score == Decimal("9.00")


def test_unassessed_criterion_counts_as_zero_and_is_named(scored):
    support = CriterionFactory(slug="support")

    result = rank(scored, {"ease-of-use": 1, "value-for-money": 1, "support": 2})

    assert all(fit.unassessed == [support] for fit in result)
    assert result[0].score == Decimal("3.75")


def test_all_weights_zero_is_an_error(scored, english):
    with pytest.raises(WeightsError, match="at least one criterion"):
        rank(scored, {"ease-of-use": 0, "value-for-money": 0})


def test_parse_weights_keeps_defaults_for_criteria_not_named(scored):
    criteria = [scored["ease"], scored["price"]]

    assert parse_weights("ease-of-use:5", criteria) == {"ease-of-use": 5, "value-for-money": 3}
    assert parse_weights("", criteria) == default_weights(criteria)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nope:3", "Unknown criterion “nope”"),
        ("ease-of-use", "Unknown criterion “ease-of-use”"),
        ("ease-of-use:x", "must be a whole number"),
        ("ease-of-use:6", "between 0 and 5"),
        ("ease-of-use:-1", "between 0 and 5"),
    ],
)
def test_parse_weights_rejects_bad_input_with_a_reason(scored, text, message, english):
    with pytest.raises(WeightsError, match=message):
        parse_weights(text, [scored["ease"], scored["price"]])


def test_format_weights_round_trips(scored):
    criteria = [scored["ease"], scored["price"]]
    weights = {"ease-of-use": 5, "value-for-money": 0}

    assert parse_weights(format_weights(weights), criteria) == weights


def test_with_three_vendors_ties_below_first_share_a_rank():
    quality = CriterionFactory(slug="quality")
    vendors = [VendorFactory(name=name) for name in ("Top", "Second", "Also second", "Last")]
    for vendor, score in zip(vendors, ("9", "7", "7", "5"), strict=True):
        AssessmentFactory(vendor=vendor, criterion=quality, score=Decimal(score))

    result = rank_by_fit(
        vendors=vendors,
        criteria=[quality],
        assessments=Assessment.objects.all(),
        weights={"quality": 3},
    )

    assert [(fit.vendor.name, fit.rank) for fit in result] == [
        ("Top", 1),
        ("Second", 2),
        ("Also second", 2),
        ("Last", 4),
    ]


def test_a_single_criterion_weighted_1_ranks(scored):
    result = rank(scored, {"ease-of-use": 1, "value-for-money": 0})

    assert [(fit.vendor.name, fit.score, fit.rank) for fit in result] == [
        ("HubSpot", Decimal("9.00"), 1),
        ("Zoho CRM", Decimal("6.00"), 2),
    ]


def test_an_unassessed_criterion_contributes_0_and_the_breakdown_adds_up(scored):
    support = CriterionFactory(slug="support")

    result = rank(scored, {"ease-of-use": 3, "value-for-money": 1, "support": 1})

    for fit in result:
        unassessed = next(c for c in fit.contributions if c.criterion == support)
        assert (unassessed.score, unassessed.points) == (None, Decimal("0.00"))
        assert sum(c.points for c in fit.contributions) == fit.score
    assert [(fit.vendor.name, fit.score) for fit in result] == [
        ("HubSpot", Decimal("6.60")),
        ("Zoho CRM", Decimal("5.40")),
    ]


def test_a_criterion_the_weights_do_not_name_counts_for_nothing(scored):
    result = rank(scored, {"ease-of-use": 2})

    assert [(fit.vendor.name, fit.score) for fit in result] == [
        ("HubSpot", Decimal("9.00")),
        ("Zoho CRM", Decimal("6.00")),
    ]
    assert [c.weight for c in result[0].contributions] == [2, 0]
