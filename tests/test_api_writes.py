"""Writes through the API: permissions, the admin's validation, atomicity, history."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from comparisons.models import Comparison, Plan, Vendor
from tests import factories
from tests.api_support import token_for, user_with_permissions
from tests.openapi_check import request_body_problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def _plan_payload(vendor_slug, **changes):
    payload = {
        "vendor": vendor_slug,
        "name": "Standard",
        "slug": "standard",
        "price": "14.00",
        "currency": "EUR",
        "billing_period": "month",
        "pricing_unit": "per_user",
    }
    return {**payload, **changes}


def test_anonymous_client_cannot_write(api):
    vendor = factories.VendorFactory()

    response = api.post(reverse("api:plan-list"), _plan_payload(vendor.slug), format="json")

    assert response.status_code in (401, 403)
    assert not Plan.objects.exists()


def test_user_without_the_permission_gets_403(api):
    vendor = factories.VendorFactory()
    api.force_authenticate(user_with_permissions("view_plan"))

    response = api.post(reverse("api:plan-list"), _plan_payload(vendor.slug), format="json")

    assert response.status_code == 403


def test_editor_creates_a_plan_with_token_and_history_records_who(api):
    vendor = factories.VendorFactory()
    editor = user_with_permissions("add_plan")
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_for(editor)}")

    response = api.post(reverse("api:plan-list"), _plan_payload(vendor.slug), format="json")

    assert response.status_code == 201, response.json()
    plan = Plan.objects.get()
    assert plan.price == Decimal("14.00")
    record = plan.history.get()
    assert record.history_type == "+"
    assert record.history_user == editor


def test_editor_updates_an_assessment_with_session_and_history_records_who(client):
    assessment = factories.AssessmentFactory(score=Decimal("6.0"))
    editor = user_with_permissions("change_assessment")
    client.force_login(editor)

    response = client.patch(
        reverse("api:assessment-detail", kwargs={"pk": assessment.pk}),
        {"score": "8.5"},
        content_type="application/json",
    )

    assert response.status_code == 200, response.json()
    latest = assessment.history.first()
    assert latest.score == Decimal("8.5")
    assert latest.history_user == editor


def test_a_free_plan_created_without_a_price_costs_0(api):
    vendor = factories.VendorFactory()
    api.force_authenticate(user_with_permissions("add_plan"))

    response = api.post(
        reverse("api:plan-list"),
        _plan_payload(vendor.slug, is_free=True, price=None),
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["price"] == "0.00"
    assert Plan.objects.get().price == Decimal("0")


def test_a_plan_made_free_without_a_price_costs_0(api):
    plan = factories.PlanFactory(price=None)
    api.force_authenticate(user_with_permissions("change_plan"))

    response = api.patch(
        reverse("api:plan-detail", kwargs={"pk": plan.pk}), {"is_free": True}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert response.json()["price"] == "0.00"
    plan.refresh_from_db()
    assert plan.price == Decimal("0")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"price": "-1"}, "price"),
        ({"currency": "XXY"}, "currency"),
        ({"currency": "usd"}, "currency"),
        ({"user_limit": 0}, "user_limit"),
        ({"is_free": True, "price": "5.00"}, "price"),
        ({"users_included": 10, "user_limit": 5}, "users_included"),
        ({"unlimited_users": True, "user_limit": 5}, "user_limit"),
        ({"extra_contacts_block_price": "5.00"}, "extra_contacts_block_size"),
        ({"billing_period": "week"}, "billing_period"),
        ({"vendor": "no-such-vendor"}, "vendor"),
    ],
)
def test_invalid_plan_gets_400_naming_the_field(api, changes, field):
    vendor = factories.VendorFactory()
    api.force_authenticate(user_with_permissions("add_plan"))

    response = api.post(
        reverse("api:plan-list"), _plan_payload(vendor.slug, **changes), format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Plan.objects.exists()


def test_refused_update_changes_nothing(api):
    plan = factories.PlanFactory(price=Decimal("10.00"), user_limit=10)
    api.force_authenticate(user_with_permissions("change_plan"))

    response = api.patch(
        reverse("api:plan-detail", kwargs={"pk": plan.pk}),
        {"price": "99.00", "users_included": 50},
        format="json",
    )

    assert response.status_code == 400
    assert "users_included" in response.json()
    plan.refresh_from_db()
    assert plan.price == Decimal("10.00")
    assert plan.history.count() == 1


def test_duplicate_slug_gets_400(api):
    factories.VendorFactory(slug="zoho-crm")
    api.force_authenticate(user_with_permissions("add_vendor"))

    response = api.post(
        reverse("api:vendor-list"), {"name": "Other", "slug": "zoho-crm"}, format="json"
    )

    assert response.status_code == 400
    assert "slug" in response.json()


def test_availability_plan_must_belong_to_the_vendor(api):
    availability = factories.FeatureAvailabilityFactory()
    other_vendors_plan = factories.PlanFactory()
    api.force_authenticate(user_with_permissions("change_featureavailability"))

    response = api.patch(
        reverse("api:feature-availability-detail", kwargs={"pk": availability.pk}),
        {"plan": other_vendors_plan.pk},
        format="json",
    )

    assert response.status_code == 400
    assert "plan" in response.json()


def test_editor_creates_a_comparison_with_vendors_in_order(api):
    first = factories.VendorFactory(slug="zoho-crm")
    second = factories.VendorFactory(slug="hubspot-crm")
    api.force_authenticate(user_with_permissions("add_comparison", "change_comparison"))

    response = api.post(
        reverse("api:comparison-list"),
        {
            "slug": "hubspot-vs-zoho",
            "title": "HubSpot vs Zoho",
            "vendors": ["hubspot-crm", "zoho-crm"],
            "overall_winner": "zoho-crm",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["vendors"] == ["hubspot-crm", "zoho-crm"]
    comparison = Comparison.objects.get(slug="hubspot-vs-zoho")
    assert [link.vendor for link in comparison.comparison_vendors.all()] == [second, first]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"vendors": ["zoho-crm"]}, "vendors"),
        ({"vendors": ["zoho-crm", "zoho-crm"]}, "vendors"),
        ({"vendors": ["zoho-crm", "missing"]}, "vendors"),
        ({"overall_winner": "other-crm"}, "overall_winner"),
    ],
)
def test_invalid_comparison_gets_400_and_nothing_saved(api, changes, field):
    factories.VendorFactory(slug="zoho-crm")
    factories.VendorFactory(slug="hubspot-crm")
    factories.VendorFactory(slug="other-crm")
    api.force_authenticate(user_with_permissions("add_comparison"))
    payload = {"slug": "c", "title": "C", "vendors": ["zoho-crm", "hubspot-crm"], **changes}

    response = api.post(reverse("api:comparison-list"), payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Comparison.objects.exists()


def test_dropping_a_section_winner_from_the_vendors_is_400_and_changes_nothing(api):
    zoho = factories.VendorFactory(slug="zoho-crm")
    hubspot = factories.VendorFactory(slug="hubspot-crm")
    other = factories.VendorFactory(slug="other-crm")
    comparison = factories.ComparisonFactory(slug="c", vendors=[zoho, hubspot])
    factories.ComparisonSectionFactory(comparison=comparison, title="Ease of use", winner=hubspot)
    api.force_authenticate(user_with_permissions("change_comparison"))

    response = api.patch(
        reverse("api:comparison-detail", kwargs={"slug": "c"}),
        {"vendors": ["zoho-crm", "other-crm"]},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()) == ["vendors"]
    assert "Ease of use" in response.json()["vendors"][0]
    assert [link.vendor for link in comparison.comparison_vendors.all()] == [zoho, hubspot]
    assert other not in comparison.vendors.all()


def test_editor_deletes_a_vendor(api):
    factories.VendorFactory(slug="gone")
    api.force_authenticate(user_with_permissions("delete_vendor"))

    response = api.delete(reverse("api:vendor-detail", kwargs={"slug": "gone"}))

    assert response.status_code == 204
    assert not Vendor.objects.exists()


def test_deleting_a_category_with_features_is_409(api):
    feature = factories.FeatureFactory()
    api.force_authenticate(user_with_permissions("delete_featurecategory"))

    response = api.delete(
        reverse("api:feature-category-detail", kwargs={"slug": feature.category.slug})
    )

    assert response.status_code == 409
    assert "detail" in response.json()


def test_editor_gets_a_token_with_username_and_password(api):
    editor = user_with_permissions("change_plan", password="a-long-passphrase-42")

    response = api.post(
        reverse("api:token"),
        {"username": editor.username, "password": "a-long-passphrase-42"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["token"] == editor.auth_token.key


def test_wrong_password_gets_no_token(api):
    editor = user_with_permissions("change_plan", password="a-long-passphrase-42")

    response = api.post(
        reverse("api:token"), {"username": editor.username, "password": "nope"}, format="json"
    )

    assert response.status_code == 400
    assert "token" not in response.json()


@pytest.mark.parametrize("slug", ["\x00bad", "not a slug", 7])
def test_reference_that_cannot_be_a_slug_gets_400(api, slug):
    api.force_authenticate(user_with_permissions("add_feature"))

    response = api.post(
        reverse("api:feature-list"), {"name": "F", "slug": "f", "category": slug}, format="json"
    )

    assert response.status_code == 400
    assert "category" in response.json()


def test_comparison_vendors_must_be_slugs(api):
    api.force_authenticate(user_with_permissions("add_comparison"))

    response = api.post(
        reverse("api:comparison-list"),
        {"slug": "c", "title": "C", "vendors": ["a\x00", "b"]},
        format="json",
    )

    assert response.status_code == 400
    assert "vendors" in response.json()


def test_unknown_compared_vendor_is_named_in_the_message(api):
    factories.VendorFactory(slug="zoho-crm")
    api.force_authenticate(user_with_permissions("add_comparison"))

    response = api.post(
        reverse("api:comparison-list") + "?lang=en",
        {"slug": "c", "title": "C", "vendors": ["zoho-crm", "no-such-crm"]},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {"vendors": ["Unknown vendor slug: no-such-crm."]}


@pytest.mark.parametrize(
    ("url", "changes", "field"),
    [
        ("api:feature-list", {}, None),
        ("api:feature-list", {"category": "not a slug"}, "category"),
        ("api:assessment-list", {}, None),
        ("api:assessment-list", {"criterion": "ease of use"}, "criterion"),
        ("api:assessment-list", {"score": ""}, "score"),
        ("api:assessment-list", {"score": "7."}, None),
        ("api:assessment-list", {"score": ".5"}, None),
        ("api:assessment-list", {"score": "-"}, "score"),
    ],
)
def test_request_schema_refuses_exactly_what_the_api_refuses(api, url, changes, field):
    category = factories.FeatureCategoryFactory(slug="sales")
    criterion = factories.CriterionFactory(slug="ease-of-use")
    vendor = factories.VendorFactory(slug="zoho-crm")
    factories.FeatureFactory(category=category)
    api.force_authenticate(user_with_permissions("add_feature", "add_assessment"))
    payload = {
        "api:feature-list": {"name": "Workflows", "slug": "workflows", "category": "sales"},
        "api:assessment-list": {
            "vendor": vendor.slug,
            "criterion": criterion.slug,
            "score": "7.5",
            "verdict": "Good",
        },
    }[url]
    body = {**payload, **changes}

    response = api.post(reverse(url), body, format="json")
    problems = request_body_problems(method="POST", path=reverse(url), body=body)

    if field is None:
        assert response.status_code == 201, response.json()
        assert problems == []
    else:
        assert response.status_code == 400
        assert list(response.json()) == [field]
        assert [problem.split(":")[0] for problem in problems] == [field]


# --- Long texts have a limit ---

TOO_LONG = "x" * 100_001  # far beyond any answer or description an editor writes
LONG_ENOUGH = "y" * 1_500  # a long but real text: every limit admits it

LONG_TEXT_FIELDS = [
    ("vendor", "slug", factories.VendorFactory, "description"),
    ("feature", "slug", factories.FeatureFactory, "description"),
    ("criterion", "slug", factories.CriterionFactory, "description"),
    ("assessment", "pk", factories.AssessmentFactory, "text"),
    ("comparison", "slug", factories.ComparisonFactory, "intro"),
    ("comparison", "slug", factories.ComparisonFactory, "conclusion"),
    ("comparison", "slug", factories.ComparisonFactory, "author_bio"),
    ("faq-entry", "pk", factories.FAQEntryFactory, "answer"),
]


@pytest.mark.parametrize(("basename", "lookup", "factory", "field"), LONG_TEXT_FIELDS)
def test_overly_long_text_gets_400_naming_the_field(api, basename, lookup, factory, field):
    obj = factory()
    before = getattr(obj, field)
    model = type(obj)._meta.model_name
    api.force_authenticate(user_with_permissions(f"change_{model}"))
    url = reverse(f"api:{basename}-detail", kwargs={lookup: getattr(obj, lookup)})

    refused = api.patch(url, {field: TOO_LONG}, format="json")

    assert refused.status_code == 400
    assert field in refused.json()
    obj.refresh_from_db()
    assert getattr(obj, field) == before

    accepted = api.patch(url, {field: LONG_ENOUGH}, format="json")

    assert accepted.status_code == 200, accepted.json()
    obj.refresh_from_db()
    assert getattr(obj, field) == LONG_ENOUGH
