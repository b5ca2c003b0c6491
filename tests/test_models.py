"""Model rules editors and the API rely on: validation messages and constraints."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from comparisons.models import FeatureAvailability, Plan, Vendor
from tests.factories import (
    AssessmentFactory,
    ComparisonFactory,
    FeatureAvailabilityFactory,
    PlanFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


def test_valid_plan_passes_full_clean():
    plan = PlanFactory.build(vendor=VendorFactory(), price=Decimal("14.00"), currency="EUR")
    plan.full_clean()


def test_negative_price_is_rejected_on_the_price_field():
    plan = PlanFactory.build(vendor=VendorFactory(), price=Decimal("-1"))
    assert "price" in errors_of(plan)


@pytest.mark.parametrize("code", ["XYZ", "usd", "US", "DOLLARS"])
def test_unknown_currency_is_rejected_with_a_clear_message(code):
    plan = PlanFactory.build(vendor=VendorFactory(), currency=code)
    assert any("ISO 4217" in message for message in errors_of(plan)["currency"])


def test_missing_currency_is_rejected():
    plan = PlanFactory.build(vendor=VendorFactory(), currency="")
    assert "currency" in errors_of(plan)


@pytest.mark.parametrize(
    "field", ["users_included", "user_limit", "contacts_included", "contact_limit"]
)
def test_limits_below_one_are_rejected(field):
    plan = PlanFactory.build(vendor=VendorFactory(), **{field: 0})
    assert field in errors_of(plan)


def test_included_users_above_the_limit_are_rejected():
    plan = PlanFactory.build(vendor=VendorFactory(), users_included=5, user_limit=3)
    assert "users_included" in errors_of(plan)


@pytest.mark.parametrize(
    ("flag", "field"), [("unlimited_users", "user_limit"), ("unlimited_contacts", "contact_limit")]
)
def test_unlimited_plan_cannot_have_a_limit(flag, field):
    plan = PlanFactory.build(vendor=VendorFactory(), **{flag: True, field: 10})
    assert field in errors_of(plan)
    PlanFactory.build(vendor=VendorFactory(), **{flag: True}).full_clean()


def test_database_refuses_an_unlimited_plan_with_a_limit():
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanFactory(unlimited_users=True, user_limit=5)


def test_block_price_needs_a_block_size():
    plan = PlanFactory.build(vendor=VendorFactory(), extra_contacts_block_price=Decimal("50"))
    assert "extra_contacts_block_size" in errors_of(plan)


def test_free_plan_with_a_price_is_rejected():
    plan = PlanFactory.build(vendor=VendorFactory(), is_free=True, price=Decimal("5"))
    assert "price" in errors_of(plan)


def test_validating_a_free_plan_without_price_gives_it_the_price_0():
    plan = PlanFactory.build(vendor=VendorFactory(), is_free=True, price=None)
    plan.full_clean()
    assert plan.price == Decimal("0")


def test_price_is_stored_as_exact_decimal():
    plan = PlanFactory(price=Decimal("14.10"))
    plan.refresh_from_db()
    assert plan.price == Decimal("14.10")
    assert isinstance(plan.price, Decimal)


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"price": Decimal("-5")}, "plan_price_not_negative"),
        ({"user_limit": 0}, "plan_user_limit_at_least_one"),
        ({"contact_limit": 0}, "plan_contact_limit_at_least_one"),
        ({"currency": "usd"}, "plan_currency_iso_4217"),
        ({"is_free": True, "price": Decimal("3")}, "plan_free_costs_zero"),
    ],
)
def test_database_refuses_invalid_plans_that_skip_validation(fields, constraint):
    plan = PlanFactory()
    for name, value in fields.items():
        setattr(plan, name, value)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(**fields)


def test_plan_slug_is_unique_per_vendor_only():
    vendor = VendorFactory()
    PlanFactory(vendor=vendor, slug="pro")
    PlanFactory(slug="pro")  # another vendor may reuse it
    assert "__all__" in errors_of(PlanFactory.build(vendor=vendor, slug="pro"))


def test_vendor_slug_already_used_is_rejected():
    VendorFactory(slug="acme", name="Acme")
    assert "slug" in errors_of(Vendor(name="Acme 2", slug="acme"))


def test_availability_plan_must_belong_to_the_vendor():
    availability = FeatureAvailabilityFactory.build(
        vendor=VendorFactory(), feature=FeatureAvailabilityFactory().feature, plan=PlanFactory()
    )
    assert "plan" in errors_of(availability)


def test_availability_is_unique_per_vendor_and_feature():
    existing = FeatureAvailabilityFactory()
    again = FeatureAvailability(vendor=existing.vendor, feature=existing.feature, status="limited")
    assert "__all__" in errors_of(again)


@pytest.mark.parametrize("score", [Decimal("-0.5"), Decimal("10.5")])
def test_assessment_score_stays_on_the_0_to_10_scale(score):
    assessment = AssessmentFactory.build(
        vendor=VendorFactory(), criterion=AssessmentFactory().criterion, score=score
    )
    assert "score" in errors_of(assessment)


def test_readable_str_and_public_urls():
    vendor = VendorFactory(name="Acme CRM", slug="acme-crm")
    plan = PlanFactory(vendor=vendor, name="Pro")
    comparison = ComparisonFactory(title="Acme vs Other", slug="acme-vs-other")
    assert str(plan) == "Acme CRM – Pro"
    assert vendor.get_absolute_url() == "/crm/acme-crm/"
    assert comparison.get_absolute_url() == "/comparar/acme-vs-other/"


def test_stale_facts_are_those_older_than_the_configured_age(settings):
    import datetime

    settings.STALE_AFTER_DAYS = 90
    today = datetime.date.today()
    fresh = PlanFactory(last_verified=today - datetime.timedelta(days=90))
    stale = PlanFactory(last_verified=today - datetime.timedelta(days=91))
    assert not fresh.is_stale
    assert stale.is_stale
    assert list(Plan.objects.stale()) == [stale]


def test_vendor_url_follows_the_language_and_slug_of_the_moment():
    from django.utils import translation

    vendor = VendorFactory(slug="zoho-crm")
    assert vendor.get_absolute_url() == "/crm/zoho-crm/"
    with translation.override("en"):
        assert vendor.get_absolute_url() == "/en/crm/zoho-crm/"
    vendor.slug = "zoho"
    assert vendor.get_absolute_url() == "/crm/zoho/"
