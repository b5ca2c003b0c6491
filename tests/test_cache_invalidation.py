"""With the response cache on, a price changed anywhere shows at once everywhere.

However the rows are written: the admin, the API, save(), or writes that send no
signal (QuerySet.update, bulk_create, bulk_update, raw SQL).
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection

from comparisons.models import Comparison, Plan, Vendor
from tests.admin_forms import change_form_data
from tests.api_support import token_for, user_with_permissions
from tests.factories import ComparisonFactory, PlanFactory, VendorFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
PAGE = "/en/comparar/zoho-vs-hubspot/"
VENDOR_PAGE = "/en/crm/zoho-crm/"
API_COMPARISON = "/api/v1/comparisons/zoho-vs-hubspot/"
API_PLANS = "/api/v1/plans/"


@pytest.fixture
def plan():
    zoho = VendorFactory(name="Zoho CRM", slug="zoho-crm")
    hubspot = VendorFactory(name="HubSpot CRM", slug="hubspot-crm")
    standard = PlanFactory(vendor=zoho, name="Standard", slug="standard", price=Decimal("14"))
    PlanFactory(vendor=hubspot, name="Starter", slug="starter", price=Decimal("45"))
    ComparisonFactory(slug="zoho-vs-hubspot", title="Zoho vs HubSpot", vendors=[zoho, hubspot])
    # Last changed long ago, so the sitemap's lastmod (a date) visibly moves.
    for model in (Vendor, Plan, Comparison):
        model.objects.update(updated_at=LONG_AGO)
    cache.clear()
    return standard


def api_plan(plan) -> str:
    return f"/api/v1/plans/{plan.pk}/"


def sitemap_lastmod(client, path: str) -> str:
    xml = client.get("/sitemap.xml").content.decode()
    match = re.search(rf"<loc>http://testserver{re.escape(path)}</loc>\s*<lastmod>([^<]+)<", xml)
    assert match, f"{path} not in the sitemap"
    return match.group(1)


def warm_cache(client, plan) -> None:
    """Every page twice: the second answer comes from the cache, with the old price."""
    for path in (PAGE, VENDOR_PAGE, API_COMPARISON, API_PLANS, api_plan(plan), "/sitemap.xml"):
        client.get(path)
        assert client.get(path)["X-Cache"] == "hit", path
    assert "$14" in client.get(PAGE).content.decode()
    assert client.get(api_plan(plan)).json()["price"] == "14.00"
    assert sitemap_lastmod(client, "/en/crm/zoho-crm/") == "2025-01-01"


def assert_new_price_shown(client, plan) -> None:
    page = client.get(PAGE)
    assert page["X-Cache"] == "miss"
    assert "$16.50" in page.content.decode()
    assert "$16.50" in client.get(VENDOR_PAGE).content.decode()
    assert "16.50" in client.get(API_COMPARISON).content.decode()
    assert client.get(api_plan(plan)).json()["price"] == "16.50"


def assert_new_price_everywhere(client, plan) -> None:
    today = datetime.date.today().isoformat()
    assert_new_price_shown(client, plan)
    assert sitemap_lastmod(client, "/en/crm/zoho-crm/") >= today
    assert sitemap_lastmod(client, "/en/comparar/zoho-vs-hubspot/") >= today


def test_price_changed_in_the_admin_shows_everywhere(client, admin_client, plan):
    warm_cache(client, plan)
    change_url = f"/admin/comparisons/plan/{plan.pk}/change/"
    form = admin_client.get(change_url)

    response = admin_client.post(change_url, change_form_data(form, price="16.50"))

    assert response.status_code == 302
    assert_new_price_everywhere(client, plan)


def test_price_changed_through_the_api_shows_everywhere(client, plan):
    warm_cache(client, plan)
    token = token_for(user_with_permissions("change_plan", "view_plan"))

    response = client.patch(
        api_plan(plan),
        {"price": "16.50"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )

    assert response.status_code == 200, response.content
    assert_new_price_everywhere(client, plan)


def test_price_changed_through_the_orm_shows_everywhere(client, plan):
    warm_cache(client, plan)

    plan.price = Decimal("16.50")
    plan.save()

    assert_new_price_everywhere(client, plan)


def test_price_changed_by_a_queryset_update_shows_at_once(client, plan):
    warm_cache(client, plan)

    Plan.objects.filter(pk=plan.pk).update(price=Decimal("16.50"))

    assert_new_price_shown(client, plan)


def test_price_changed_by_bulk_update_shows_at_once(client, plan):
    warm_cache(client, plan)

    plan.price = Decimal("16.50")
    Plan.objects.bulk_update([plan], ["price"])

    assert_new_price_shown(client, plan)


def test_price_changed_in_sql_shows_at_once(client, plan):
    warm_cache(client, plan)

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Plan._meta.db_table} SET price = %s WHERE id = %s", ["16.50", plan.pk]
        )

    assert_new_price_shown(client, plan)


def test_plans_added_by_bulk_create_show_at_once(client, plan):
    warm_cache(client, plan)

    Plan.objects.bulk_create([PlanFactory.build(vendor=plan.vendor, name="Ultimate Bulk")])

    assert client.get(VENDOR_PAGE)["X-Cache"] == "miss"
    assert "Ultimate Bulk" in client.get(VENDOR_PAGE).content.decode()
    assert "Ultimate Bulk" in client.get(API_COMPARISON).content.decode()
    names = [p["name"] for p in client.get(API_PLANS).json()["results"]]
    assert "Ultimate Bulk" in names
