"""After an editor saves in the admin, the next public request shows the new data,
whatever was cached before."""

import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from tests.admin_forms import changelist_form_data
from tests.factories import ComparisonFactory, PlanFactory, VendorFactory

pytestmark = pytest.mark.django_db


def shows_price(text, amount):
    """`amount` like "14.37", written loosely: 14.37, 14,37, $14.37, 14,37 US$..."""
    whole, cents = amount.split(".")
    return re.search(rf"(?<![\d.,]){whole}[.,]{cents}(?!\d)", text) is not None


@pytest.fixture
def priced_comparison():
    zoho, hubspot = VendorFactory(name="Zoho CRM"), VendorFactory(name="HubSpot")
    plan = PlanFactory(vendor=zoho, name="Standard", price=Decimal("14.37"))
    PlanFactory(vendor=hubspot, name="Starter", price=Decimal("45.11"))
    comparison = ComparisonFactory(vendors=[zoho, hubspot])
    return comparison, plan


def save_price_in_plan_list(client, price):
    changelist = reverse("admin:comparisons_plan_changelist")
    page = client.get(changelist, {"q": "Standard"})
    response = client.post(
        changelist + "?q=Standard", changelist_form_data(page, **{"form-0-price": price})
    )
    assert response.status_code == 302


def test_public_pages_show_the_price_saved_in_the_admin(editor_client, priced_comparison):
    comparison, plan = priced_comparison
    public = Client()
    pages = [
        reverse("comparisons:comparison_detail", kwargs={"slug": comparison.slug}),
        reverse("comparisons:vendor_detail", kwargs={"slug": plan.vendor.slug}),
        reverse("api:plan-list"),
    ]
    for url in pages:  # warm the response cache
        assert shows_price(public.get(url).content.decode(), "14.37"), url
        cached = public.get(url)
        assert cached.get("X-Cache") == "hit", url
        assert shows_price(cached.content.decode(), "14.37"), url

    save_price_in_plan_list(editor_client, "19.83")

    for url in pages:
        text = public.get(url).content.decode()
        assert shows_price(text, "19.83"), url
        assert not shows_price(text, "14.37"), url
