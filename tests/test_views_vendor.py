import json
import re

import pytest
from django.urls import reverse

from tests import factories
from tests.catalogue import build_catalogue

pytestmark = pytest.mark.django_db


def url(slug="alpha-crm"):
    return "/en" + reverse("comparisons:vendor_detail", kwargs={"slug": slug})


def test_vendor_page_shows_plans_features_pros_cons_assessments_and_comparisons(client):
    build_catalogue()
    factories.ComparisonFactory(title="Hidden draft", is_published=False)
    response = client.get(url())
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Alpha CRM in one line",
        "Alpha Plan 2",
        "$20",
        "Extra storage",
        "Alpha CRM is flexible",
        "Alpha CRM has few templates",
        "Alpha CRM verdict on Criterion 1",
        ">Feature 2.3</th>",
        "Alpha CRM vs Beta CRM: which CRM?",
    ]:
        assert text in html, text
    assert "Beta Plan 2" not in html
    assert "Hidden draft" not in html
    # The compare form starts with this vendor ticked.
    assert re.search(r'<input type="checkbox" name="vendors" value="alpha-crm"[^>]*checked', html)


def test_vendor_page_json_ld_product_with_offers(client):
    build_catalogue()
    html = client.get(url()).content.decode()
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html).group(1))
    assert data["@type"] == "Product"
    assert [offer["name"] for offer in data["offers"]] == [
        "Alpha Plan 1",
        "Alpha Plan 2",
        "Alpha Plan 3",
    ]
    assert data["offers"][0]["price"] == "0.00"


def test_unknown_vendor_is_404(client):
    assert client.get(url("nope")).status_code == 404


@pytest.mark.parametrize("size", [1, 4])
def test_vendor_page_query_count_does_not_grow(client, django_assert_num_queries, size):
    build_catalogue(
        vendors=2 + size, plans=size + 1, categories=size, features_per_category=3 * size
    )
    # The page's 9 and the data version.
    with django_assert_num_queries(10):
        assert client.get(url()).status_code == 200


def test_vendor_page_charts_a_changed_price_and_states_an_unchanged_one(client):
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    vendor = factories.VendorFactory(name="Acme CRM", slug="acme-crm")
    changed = factories.PlanFactory(vendor=vendor, name="Growth", price=Decimal("10"))
    # The chart draws one step per day: date the first price a month back.
    changed.history.update(history_date=timezone.now() - datetime.timedelta(days=30))
    changed.price = Decimal("12")
    changed.save()
    factories.PlanFactory(vendor=vendor, name="Steady", price=Decimal("30"))

    html = client.get(url("acme-crm")).content.decode()
    history = html[html.index('id="price-history"') :]

    growth = history[history.index('id="price-history-' + changed.slug) :]
    assert "<svg" in growth.split("</section>")[0]
    assert "Price unchanged since" not in growth.split("</section>")[0]
    steady = history[history.index("Steady") :].split("</section>")[0]
    assert "<svg" not in steady
    assert "Price unchanged since" in steady


def plan_row_cells(html, slug):
    """The plan row's cells after the name and price: users, contacts, extra contacts."""
    row = re.search(rf'<tr id="plan-{slug}">(.*?)</tr>', html, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    return [re.sub(r"<[^>]+>", " ", cell).split() for cell in cells[1:3]]


@pytest.mark.parametrize(
    "limits, users, contacts",
    [
        # Nothing stated: the page must not claim "no limit".
        ({}, ["not", "stated"], ["not", "stated"]),
        ({"unlimited_users": True}, ["no", "limit"], ["not", "stated"]),
        (
            {"users_included": 2, "unlimited_users": True, "contact_limit": 500},
            ["2", "included", "no", "limit"],
            ["up", "to", "500"],
        ),
        ({"users_included": 2}, ["2", "included", "no", "stated", "limit"], ["not", "stated"]),
        ({"unlimited_contacts": True}, ["not", "stated"], ["no", "limit"]),
    ],
)
def test_plan_limits_tell_no_limit_from_not_stated(client, limits, users, contacts):
    vendor = factories.VendorFactory(slug="alpha-crm")
    factories.PlanFactory(vendor=vendor, slug="solo", **limits)
    html = client.get(url()).content.decode()
    assert plan_row_cells(html, "solo") == [users, contacts]
