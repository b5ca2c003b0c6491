"""Filters, search, ordering and pagination: what matches, and 400 for bad values."""

from decimal import Decimal

import pytest
from django.urls import reverse

from comparisons.models import FeatureAvailability
from tests import factories
from tests.api_support import user_with_permissions

pytestmark = pytest.mark.django_db


def _slugs(response):
    assert response.status_code == 200, response.json()
    return [item["slug"] for item in response.json()["results"]]


@pytest.fixture
def plans():
    zoho = factories.VendorFactory(slug="zoho-crm", name="Zoho CRM")
    hubspot = factories.VendorFactory(slug="hubspot-crm", name="HubSpot CRM")
    factories.PlanFactory(vendor=zoho, slug="free", is_free=True, price=Decimal(0))
    factories.PlanFactory(vendor=zoho, slug="standard", price=Decimal("14.00"))
    factories.PlanFactory(
        vendor=hubspot,
        slug="starter",
        price=Decimal("45.00"),
        currency="EUR",
        billing_period="year",
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"vendor": "zoho-crm"}, ["free", "standard"]),
        ({"currency": "EUR"}, ["starter"]),
        ({"billing_period": "year"}, ["starter"]),
        ({"price_min": "10", "price_max": "20"}, ["standard"]),
        ({"free": "true"}, ["free"]),
        ({"free": "false", "ordering": "-price"}, ["starter", "standard"]),
        ({"search": "hubspot"}, ["starter"]),
        ({"vendor": "unknown-crm"}, []),
    ],
)
def test_plan_filters(client, plans, params, expected):
    assert sorted(_slugs(client.get(reverse("api:plan-list"), params))) == sorted(expected)


def test_plan_ordering_by_price(client, plans):
    response = client.get(reverse("api:plan-list"), {"ordering": "-price,name"})

    assert _slugs(response) == ["starter", "standard", "free"]


@pytest.mark.parametrize(
    "params",
    [
        {"price_min": "cheap"},
        {"price_max": "-1"},
        {"free": "maybe"},
        {"free": "1"},
        {"billing_period": "week"},
        {"currency": "usd"},
        {"vendor": "not a slug"},
        {"vendor": ""},
        {"ordering": "colour"},
        {"ordering": "price,"},
        {"ordering": ""},
        {"limit": "abc"},
        {"limit": "0"},
        {"limit": "100000"},
        {"offset": "-1"},
        {"offset": "1.5"},
        {"lang": "fr"},
        {"search": "a\x00b"},
    ],
)
def test_invalid_parameter_gets_400_naming_it(client, plans, params):
    response = client.get(reverse("api:plan-list"), params)

    assert response.status_code == 400
    assert set(params) <= set(response.json())


def test_plans_without_a_published_price_sort_last_both_ways(client, plans):
    factories.PlanFactory(slug="on-request", price=None)

    ascending = _slugs(client.get(reverse("api:plan-list"), {"ordering": "price"}))
    descending = _slugs(client.get(reverse("api:plan-list"), {"ordering": "-price"}))

    assert ascending[-1] == descending[-1] == "on-request"


def test_pagination_is_stable_and_complete(client):
    vendor = factories.VendorFactory()
    for index in range(7):
        # Same position and name: only the id tells them apart.
        factories.PlanFactory(vendor=vendor, name="Same", slug=f"plan-{index}", position=0)

    seen = []
    for offset in range(0, 7, 3):
        page = client.get(reverse("api:plan-list"), {"limit": 3, "offset": offset}).json()
        assert page["count"] == 7
        seen += [item["slug"] for item in page["results"]]

    assert sorted(seen) == [f"plan-{index}" for index in range(7)]
    assert len(set(seen)) == 7


def test_features_of_a_category_and_available_for_a_vendor(client):
    zoho = factories.VendorFactory(slug="zoho-crm")
    sales = factories.FeatureCategoryFactory(slug="sales")
    pipelines = factories.FeatureFactory(slug="pipelines", category=sales)
    portals = factories.FeatureFactory(slug="portals", category=sales)
    factories.FeatureFactory(slug="chat")
    factories.FeatureAvailabilityFactory(vendor=zoho, feature=pipelines)
    factories.FeatureAvailabilityFactory(
        vendor=zoho, feature=portals, status=FeatureAvailability.Status.UNAVAILABLE
    )

    url = reverse("api:feature-list")
    assert sorted(_slugs(client.get(url, {"category": "sales"}))) == ["pipelines", "portals"]
    assert _slugs(client.get(url, {"available_for": "zoho-crm"})) == ["pipelines"]


def test_availabilities_by_vendor_and_status(client):
    zoho = factories.VendorFactory(slug="zoho-crm")
    factories.FeatureAvailabilityFactory(vendor=zoho, status="limited")
    factories.FeatureAvailabilityFactory(vendor=zoho, status="available")
    factories.FeatureAvailabilityFactory(status="limited")

    response = client.get(
        reverse("api:feature-availability-list"), {"vendor": "zoho-crm", "status": "limited"}
    )

    assert [item["status"] for item in response.json()["results"]] == ["limited"]


def test_assessments_by_criterion(client):
    price = factories.CriterionFactory(slug="price")
    factories.AssessmentFactory(criterion=price)
    factories.AssessmentFactory()

    response = client.get(reverse("api:assessment-list"), {"criterion": "price"})

    assert [item["criterion"] for item in response.json()["results"]] == ["price"]


def test_comparisons_by_vendor_and_published_for_editors(client):
    zoho = factories.VendorFactory(slug="zoho-crm")
    factories.ComparisonFactory(slug="live", vendors=[zoho, factories.VendorFactory()])
    factories.ComparisonFactory(slug="draft", is_published=False, vendors=[zoho])
    factories.ComparisonFactory(slug="other")
    client.force_login(user_with_permissions("change_comparison"))

    url = reverse("api:comparison-list")
    assert sorted(_slugs(client.get(url, {"vendor": "zoho-crm"}))) == ["draft", "live"]
    assert _slugs(client.get(url, {"published": "false"})) == ["draft"]


def test_faq_general_or_by_comparison(client):
    comparison = factories.ComparisonFactory(slug="zoho-vs-hubspot")
    factories.FAQEntryFactory(comparison=comparison, question="Which?")
    factories.FAQEntryFactory(question="What is a CRM?")

    url = reverse("api:faq-entry-list")
    general = client.get(url, {"general": "true"}).json()["results"]
    on_comparison = client.get(url, {"comparison": "zoho-vs-hubspot"}).json()["results"]

    assert [item["question"] for item in general] == ["What is a CRM?"]
    assert [item["question"] for item in on_comparison] == ["Which?"]


def test_price_history_of_one_plan(client):
    plan = factories.PlanFactory(price=Decimal("10.00"))
    plan.price = Decimal("12.00")
    plan.save()
    factories.PlanFactory()

    results = client.get(reverse("api:plan-price-history-list"), {"plan": plan.pk}).json()[
        "results"
    ]

    assert [item["price"] for item in results] == ["12.00", "10.00"]
