"""The public change log page and its RSS and Atom feeds."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from comparisons.models import Plan
from comparisons.views.changes import recent_plan_changes
from tests.factories import PlanFactory, VendorFactory

pytestmark = pytest.mark.django_db


def reprice(plan, *prices):
    for price in prices:
        plan.price = Decimal(price)
        plan.save()


def test_recent_changes_page_lists_old_and_new_price(client):
    plan = PlanFactory(vendor=VendorFactory(name="Zoho CRM"), name="Standard", price=14)
    reprice(plan, "16.00")

    response = client.get("/cambios/")

    assert response.status_code == 200
    assert "Cambios recientes" in response.text or "Recent changes" in response.text
    text = response.text
    assert "Zoho CRM" in text and "Standard" in text
    assert "14\xa0US$ por usuario / mes" in text and "16\xa0US$ por usuario / mes" in text


def test_recent_changes_page_in_english(client):
    plan = PlanFactory(price=14)
    reprice(plan, "16.00")

    response = client.get("/en/cambios/")

    assert response.status_code == 200
    assert "$14 per user / month" in response.text
    assert "$16 per user / month" in response.text


def test_recent_changes_are_newest_first(client):
    first = PlanFactory(name="First plan", price=10)
    second = PlanFactory(name="Second plan", price=20)
    reprice(first, "11")
    reprice(second, "21")

    text = client.get(reverse("comparisons:recent_changes")).text

    assert text.index("Second plan") < text.index("First plan")


def test_recent_changes_keep_deleted_plans(client):
    plan = PlanFactory(name="Gone plan", price=14)
    plan.delete()

    text = client.get(reverse("comparisons:recent_changes")).text

    assert "Gone plan" in text


def test_recent_changes_query_count_is_fixed(client, django_assert_num_queries):
    plan = PlanFactory(price=1)
    reprice(plan, "2")
    with django_assert_num_queries(2):  # the data version and the history
        client.get(reverse("comparisons:recent_changes"))

    for vendor in VendorFactory.create_batch(3):
        for plan in PlanFactory.create_batch(3, vendor=vendor):
            reprice(plan, "5", "6")
    with django_assert_num_queries(2):  # the data version and the history
        response = client.get(reverse("comparisons:recent_changes"))
    assert response.text.count("<tr") > 10


def test_rss_feed_lists_price_changes(client):
    plan = PlanFactory(vendor=VendorFactory(name="Zoho CRM"), name="Standard", price=14)
    reprice(plan, "16.00")

    response = client.get("/en/cambios/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "Zoho CRM – Standard" in body
    assert "$14 per user / month → $16 per user / month" in body


def test_atom_feed_lists_price_changes(client):
    plan = PlanFactory(price=14)
    reprice(plan, "16.00")

    response = client.get(reverse("comparisons:recent_changes_atom"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "<entry>" in response.content.decode()


def test_feed_query_count_is_fixed(client, django_assert_num_queries):
    for plan in PlanFactory.create_batch(4):
        reprice(plan, "3", "4")
    with django_assert_num_queries(2):  # the data version and the history
        client.get(reverse("comparisons:recent_changes_rss"))


def test_unchanged_verification_is_not_a_change(client):
    plan = PlanFactory(name="Quiet plan", price=14)
    Plan.objects.get(pk=plan.pk).save()

    text = client.get(reverse("comparisons:recent_changes")).text

    assert text.count("Quiet plan") == 1  # only its creation


def test_changes_to_seed_plans_show_their_old_price(client):
    call_command("load_seed", verbosity=0)
    plan = Plan.objects.filter(currency="USD", price__gt=0).first()
    old_price = plan.price
    reprice(plan, str(old_price + 1))

    page = client.get("/en/cambios/").content.decode()
    with translation.override("en"):
        changes = recent_plan_changes()

    assert changes[0].plan_name == plan.name
    assert changes[0].kind == "~"
    unit, period = plan.get_pricing_unit_display(), plan.get_billing_period_display()
    old_text = f"${old_price:,.0f} {unit} / {period}"
    assert changes[0].changes[0].old == old_text
    newest_row = page.split(f'<tr id="change-{changes[0].history_id}">')[1].split("</tr>")[0]
    assert f'<td class="who">{escape(plan.name)}</td>' in newest_row
    assert f'<td class="before" data-label="Before">{escape(old_text)}</td>' in newest_row
