"""Every API endpoint as an anonymous client sees it: status, JSON, query counts."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.api_support import build_catalogue

pytestmark = pytest.mark.django_db


def test_root_lists_every_resource(client):
    response = client.get(reverse("api:api-root"))

    assert response.status_code == 200
    assert set(response.json()) == {
        "vendors",
        "plans",
        "plan-price-history",
        "feature-categories",
        "features",
        "feature-availabilities",
        "criteria",
        "assessments",
        "comparisons",
        "faq",
        "sources",
    }


def test_vendor_detail_by_slug(client):
    factories.VendorFactory(name="Zoho CRM", slug="zoho-crm", color="#e42527")

    response = client.get(reverse("api:vendor-detail", kwargs={"slug": "zoho-crm"}))

    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Zoho CRM"
    assert data["color"] == "#e42527"
    assert data["html_url"] == "/crm/zoho-crm/"


def test_unknown_vendor_is_404_json(client):
    response = client.get(reverse("api:vendor-detail", kwargs={"slug": "nope"}))

    assert response.status_code == 404
    assert "detail" in response.json()


def test_plan_list_shows_prices_as_exact_strings_with_labels(client):
    factories.PlanFactory(price=Decimal("14.00"), currency="EUR", name="Standard")

    response = client.get(reverse("api:plan-list"), HTTP_ACCEPT_LANGUAGE="en")

    plan = response.json()["results"][0]
    assert plan["price"] == "14.00"
    assert plan["currency"] == "EUR"
    assert plan["billing_period_display"] == "month"
    assert plan["pricing_unit_display"] == "per user"
    assert (plan["user_limit"], plan["unlimited_users"]) == (None, False)
    assert (plan["contact_limit"], plan["unlimited_contacts"]) == (None, False)


def test_feature_lists_its_category(client):
    category = factories.FeatureCategoryFactory(name="Sales", slug="sales")
    factories.FeatureFactory(category=category, name="Pipelines", slug="pipelines")

    data = client.get(reverse("api:feature-detail", kwargs={"slug": "pipelines"})).json()

    assert data["category"] == "sales"
    assert data["category_name"] == "Sales"


def test_feature_category_and_criterion_details(client):
    factories.FeatureCategoryFactory(slug="sales")
    factories.CriterionFactory(slug="ease-of-use", name="Ease of use")

    category = client.get(reverse("api:feature-category-detail", kwargs={"slug": "sales"}))
    assert category.status_code == 200
    criterion = client.get(reverse("api:criterion-detail", kwargs={"slug": "ease-of-use"}))
    assert criterion.json()["name"] == "Ease of use"


def test_anonymous_clients_see_only_published_comparisons(client):
    factories.ComparisonFactory(slug="live")
    factories.ComparisonFactory(slug="draft", is_published=False)

    listed = client.get(reverse("api:comparison-list")).json()["results"]

    assert [item["slug"] for item in listed] == ["live"]
    draft = client.get(reverse("api:comparison-detail", kwargs={"slug": "draft"}))
    assert draft.status_code == 404


def test_faq_of_a_draft_comparison_is_hidden(client):
    factories.FAQEntryFactory(comparison=factories.ComparisonFactory(is_published=False))
    factories.FAQEntryFactory(question="General?")

    listed = client.get(reverse("api:faq-entry-list")).json()["results"]

    assert [item["question"] for item in listed] == ["General?"]


def test_comparison_detail_has_the_side_by_side_table_of_the_page(client):
    first = factories.VendorFactory(name="Zoho CRM", slug="zoho-crm")
    second = factories.VendorFactory(name="HubSpot CRM", slug="hubspot-crm")
    factories.PlanFactory(vendor=first, price=Decimal("14.00"), name="Standard")
    factories.PlanFactory(
        vendor=second, price=Decimal("45.00"), name="Starter", unlimited_users=True
    )
    feature = factories.FeatureFactory(name="Workflows", slug="workflows")
    factories.FeatureAvailabilityFactory(vendor=first, feature=feature, note="From Standard")
    criterion = factories.CriterionFactory(name="Price", slug="price")
    factories.AssessmentFactory(vendor=first, criterion=criterion, score=Decimal("9.0"))
    factories.AssessmentFactory(vendor=second, criterion=criterion, score=Decimal("6.0"))
    comparison = factories.ComparisonFactory(
        slug="zoho-crm-vs-hubspot-crm", vendors=[second, first], overall_winner=first
    )
    factories.ComparisonSectionFactory(
        comparison=comparison, criterion=criterion, winner=first, title="Pricing"
    )

    data = client.get(
        reverse("api:comparison-detail", kwargs={"slug": "zoho-crm-vs-hubspot-crm"}),
        HTTP_ACCEPT_LANGUAGE="en",
    ).json()

    assert data["vendors"] == ["hubspot-crm", "zoho-crm"]
    assert data["overall_winner"] == "zoho-crm"
    table = data["table"]
    assert [column["vendor"]["slug"] for column in table["columns"]] == data["vendors"]
    assert table["columns"][1]["price_from"]["price"] == "14.00"
    # No limit stated (Zoho) is not the same as no limit (HubSpot's Starter here).
    starter, standard = table["columns"][0]["plans"][0], table["columns"][1]["plans"][0]
    assert (starter["user_limit"], starter["unlimited_users"]) == (None, True)
    assert (standard["user_limit"], standard["unlimited_users"]) == (None, False)
    row = table["feature_groups"][0]["rows"][0]
    assert row["feature"] == {"slug": "workflows", "name": "Workflows"}
    assert row["cells"][0] is None  # HubSpot: no data
    assert row["cells"][1]["status_display"] == "available"
    assert row["cells"][1]["note"] == "From Standard"
    verdict = table["criteria"][0]
    assert [cell["score"] for cell in verdict["cells"]] == ["6.0", "9.0"]
    assert verdict["winner"] == "zoho-crm"
    assert verdict["section_title"] == "Pricing"
    assert data["csv_url"] == reverse(
        "api:comparison-csv", kwargs={"slug": "zoho-crm-vs-hubspot-crm"}
    )


def test_missing_verdicts_and_links_read_as_null_as_the_schema_says(client):
    """Every answer here is also checked against the schema (tests/conftest.py)."""
    first, second = factories.VendorFactory(), factories.VendorFactory()
    criterion = factories.CriterionFactory()
    factories.AssessmentFactory(vendor=first, criterion=criterion, score=Decimal("7.0"))
    comparison = factories.ComparisonFactory(vendors=[first, second])
    comparison.sources.add(factories.SourceFactory(url=""))

    data = client.get(reverse("api:comparison-detail", kwargs={"slug": comparison.slug})).json()

    cells = data["table"]["criteria"][0]["cells"]
    assert cells[0]["score"] == "7.0"
    assert cells[1] is None
    assert data["sources"][0]["url"] is None


def test_comparison_csv_has_one_row_per_feature_and_criterion(client):
    comparison = build_catalogue(vendor_count=2, features_per_category=2)

    response = client.get(
        reverse("api:comparison-csv", kwargs={"slug": comparison.slug}),
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="the-comparison.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Type,Group,Row,CRM 00,CRM 01,Winner"
    assert len(lines) == 1 + 4 + 3  # header, 4 features, 3 criteria
    assert lines[-1].endswith(",CRM 00")


def test_comparison_csv_neutralises_editor_text_a_spreadsheet_would_run(client):
    evil_vendor = factories.VendorFactory(name='=HYPERLINK("http://evil","x")')
    other = factories.VendorFactory(name="@SUM(1+1)*cmd|' /C calc'!A0")
    category = factories.FeatureCategoryFactory(name="+HYPERLINK(1)")
    feature = factories.FeatureFactory(category=category, name="-2+3+cmd|' /C calc'!A0")
    factories.FeatureAvailabilityFactory(vendor=evil_vendor, feature=feature)
    criterion = factories.CriterionFactory(name="\t=1+1")
    factories.AssessmentFactory(vendor=evil_vendor, criterion=criterion, verdict="\r=1+1")
    comparison = factories.ComparisonFactory(vendors=[evil_vendor, other])
    factories.ComparisonSectionFactory(
        comparison=comparison, criterion=criterion, winner=evil_vendor
    )

    response = client.get(reverse("api:comparison-csv", kwargs={"slug": comparison.slug}))

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")] == []
    assert rows[0][3:5] == ["'" + evil_vendor.name, "'" + other.name]
    assert rows[1][1:3] == ["'" + category.name, "'" + feature.name]
    assert rows[2][2] == "'" + criterion.name
    assert rows[2][-1] == "'" + evil_vendor.name  # the winner


def test_unknown_comparison_csv_is_404(client):
    response = client.get(reverse("api:comparison-csv", kwargs={"slug": "nope"}))

    assert response.status_code == 404


def test_plan_price_history_lists_each_saved_version(client):
    plan = factories.PlanFactory(price=Decimal("12.00"), slug="standard")
    plan.price = Decimal("14.00")
    plan.save()

    results = client.get(reverse("api:plan-price-history-list")).json()["results"]

    assert [(item["price"], item["history_type"]) for item in results] == [
        ("14.00", "~"),
        ("12.00", "+"),
    ]
    assert results[0]["plan"] == plan.pk
    assert results[0]["vendor"] == plan.vendor.slug


def test_assessments_and_availabilities_name_vendor_by_slug(client):
    factories.AssessmentFactory(vendor=factories.VendorFactory(slug="zoho-crm"))
    factories.FeatureAvailabilityFactory(vendor=factories.VendorFactory(slug="zoho-crm"))

    assessment = client.get(reverse("api:assessment-list")).json()["results"][0]
    availability = client.get(reverse("api:feature-availability-list")).json()["results"][0]

    assert assessment["vendor"] == availability["vendor"] == "zoho-crm"


LIST_URLS = [
    "api:vendor-list",
    "api:plan-list",
    "api:plan-price-history-list",
    "api:feature-category-list",
    "api:feature-list",
    "api:feature-availability-list",
    "api:criterion-list",
    "api:assessment-list",
    "api:comparison-list",
    "api:faq-entry-list",
    "api:source-list",
]


@pytest.mark.parametrize("url_name", LIST_URLS)
@pytest.mark.parametrize("vendor_count", [2, 10])
def test_list_query_count_does_not_grow(client, django_assert_num_queries, url_name, vendor_count):
    build_catalogue(vendor_count=vendor_count)
    factories.SourceFactory.create_batch(vendor_count)  # the catalogue's facts cite none

    # data version + count + page (+ prefetch of the comparisons' vendors)
    expected = 4 if url_name == "api:comparison-list" else 3
    with django_assert_num_queries(expected):
        response = client.get(reverse(url_name), {"limit": 200})

    assert response.status_code == 200


def _detail_urls(comparison):
    vendor = comparison.vendors.first()
    plan = vendor.plans.first()
    return {
        "api:vendor-detail": {"slug": vendor.slug},
        "api:plan-detail": {"pk": plan.pk},
        "api:plan-price-history-detail": {"history_id": plan.history.first().history_id},
        "api:feature-category-detail": {"slug": "category-0"},
        "api:feature-detail": {"slug": factories.models.Feature.objects.first().slug},
        "api:feature-availability-detail": {
            "pk": factories.models.FeatureAvailability.objects.first().pk
        },
        "api:criterion-detail": {"slug": factories.models.Criterion.objects.first().slug},
        "api:assessment-detail": {"pk": factories.models.Assessment.objects.first().pk},
        "api:faq-entry-detail": {"pk": comparison.faq_entries.first().pk},
    }


@pytest.mark.parametrize("vendor_count", [2, 10])
def test_detail_query_counts_do_not_grow(client, django_assert_num_queries, vendor_count):
    comparison = build_catalogue(vendor_count=vendor_count)
    factories.models.FeatureCategory.objects.filter(
        pk=factories.models.FeatureCategory.objects.first().pk
    ).update(slug="category-0")

    for url_name, kwargs in _detail_urls(comparison).items():
        with django_assert_num_queries(2):  # the data version and the object
            assert client.get(reverse(url_name, kwargs=kwargs)).status_code == 200

    # data version, comparison, its vendors, sections, FAQ, sources, then the 4 reads of the table
    # (a 5th fetches the facts' sources; none of these facts names one)
    with django_assert_num_queries(10):
        detail = client.get(reverse("api:comparison-detail", kwargs={"slug": comparison.slug}))
    assert len(detail.json()["table"]["columns"]) == vendor_count
    with django_assert_num_queries(10):
        csv = client.get(reverse("api:comparison-csv", kwargs={"slug": comparison.slug}))
    assert csv.status_code == 200


@pytest.mark.parametrize("url_name", LIST_URLS)
def test_browsable_api_renders_for_people(client, url_name):
    build_catalogue(vendor_count=2)

    response = client.get(reverse(url_name), HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/plans/not.a.number/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_missing_slash_still_redirects(client):
    response = client.get("/api/v1/vendors")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/vendors/"


def test_method_the_endpoint_lacks_is_405_even_anonymously(client):
    response = client.post(reverse("api:plan-price-history-list"), {})

    assert response.status_code == 405
    assert "POST" not in response["Allow"]


def test_unknown_api_path_is_a_json_404_with_debug_on_too(client, settings):
    settings.DEBUG = True

    response = client.get("/api/v1/nonexistent/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_write_to_unknown_api_path_is_a_json_404_not_a_csrf_403(db, django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_user("ana"))

    response = client.post("/api/v1/nonexistent/", {})

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
