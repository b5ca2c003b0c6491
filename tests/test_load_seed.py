from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from comparisons.models import Comparison, Plan

pytestmark = pytest.mark.django_db

SEED_VERIFIED = date(2024, 1, 1)  # every fact's last_verified in fixtures/seed.json


def load_seed(*args):
    call_command("load_seed", *args, stdout=StringIO())


def zoho_standard() -> Plan:
    return Plan.objects.get(vendor__slug="zoho-crm", slug="standard")


def change_rows(client, path="/en/cambios/") -> int:
    return client.get(path).content.decode().count('id="change-')


def price_history(client, vendor="zoho-crm") -> dict[str, list]:
    """Each plan's price changes from the API: plan slug -> [(date, price)]."""
    body = client.get(f"/api/v1/vendors/{vendor}/price-history/").json()
    return {
        plan["plan"]: [(change["date"], change["price"]) for change in plan["changes"]]
        for plan in body["plans"]
    }


def test_load_seed_fills_an_empty_catalogue():
    load_seed()
    assert Comparison.objects.published().filter(slug="zoho-crm-vs-hubspot-crm").exists()


def test_load_seed_keeps_an_editors_changes_unless_forced():
    load_seed()
    plan = zoho_standard()
    plan.price = 16
    plan.save()

    out = StringIO()
    call_command("load_seed", stdout=out)
    assert "already has data" in out.getvalue()
    plan.refresh_from_db()
    assert plan.price == 16

    load_seed("--force")
    plan.refresh_from_db()
    assert plan.price == 14


# --- Loading the seed is not a change ---------------------------------------------------


def test_a_freshly_loaded_seed_has_an_empty_change_log_and_feeds(client):
    load_seed()

    page = client.get("/en/cambios/").content.decode()
    assert 'id="change-' not in page
    assert "No price or plan changes in this period." in page
    assert "<item>" not in client.get("/en/cambios/rss/").content.decode()
    assert "<entry>" not in client.get("/en/cambios/atom/").content.decode()


def test_seed_price_history_starts_at_each_facts_last_verified_date(client):
    load_seed()
    plans = Plan.objects.filter(vendor__slug__in=["zoho-crm", "hubspot-crm"])
    assert {plan.last_verified for plan in plans} == {SEED_VERIFIED}

    for vendor in ("zoho-crm", "hubspot-crm"):
        for slug, changes in price_history(client, vendor).items():
            assert [day for day, _price in changes] == [SEED_VERIFIED.isoformat()], slug

    page = client.get("/en/crm/zoho-crm/historial-de-precios/").content.decode()
    assert "Price unchanged since Jan 1, 2024: $14.00 per user a month" in page
    assert timezone.localdate().strftime("%b %-d, %Y") not in page


def test_an_editors_price_change_after_the_seed_shows_in_the_log_and_the_history(client):
    load_seed()
    plan = zoho_standard()
    plan.price = Decimal("16.00")
    plan.save()

    page = client.get("/en/cambios/").content.decode()
    assert change_rows(client) == 1
    before, after = (
        'data-label="Before">$14 per user / month<',
        'data-label="After">$16 per user / month<',
    )
    assert before in page and after in page
    assert client.get("/en/cambios/rss/").content.decode().count("<item>") == 1
    assert client.get("/en/cambios/atom/").content.decode().count("<entry>") == 1
    assert price_history(client)["standard"] == [
        (SEED_VERIFIED.isoformat(), "14.00"),
        (timezone.localdate().isoformat(), "16.00"),
    ]


def test_forced_reload_of_an_unchanged_seed_records_nothing(client):
    load_seed()
    versions = Plan.history.count()

    load_seed("--force")

    assert Plan.history.count() == versions
    assert change_rows(client) == 0


def test_forced_reload_over_an_edit_is_a_change_back_to_the_seed_value(client):
    load_seed()
    plan = zoho_standard()
    plan.price = Decimal("16.00")
    plan.save()

    load_seed("--force")

    # Two changes today: the editor's, then the seed's value restored over it.
    page = client.get("/en/cambios/").content.decode()
    assert change_rows(client) == 2
    newest = page.split('id="change-')[1].split("</tr>")[0]
    assert newest.index(">$16 per user / month<") < newest.index(">$14 per user / month<")
    latest = plan.history.order_by("-history_date", "-history_id").first()
    assert (latest.price, latest.history_type) == (Decimal("14.00"), "~")
    # Back to the seed's price the same day: the history shows it unchanged since then.
    assert price_history(client)["standard"] == [(SEED_VERIFIED.isoformat(), "14.00")]


def test_forced_reload_of_a_deleted_plan_brings_it_back_as_a_new_plan(client):
    load_seed()
    zoho_standard().delete()

    load_seed("--force")

    page = client.get("/en/cambios/").content.decode()
    assert change_rows(client) == 2
    new, removed = (
        f'Standard <span class="badge">{kind}</span>' for kind in ("new plan", "plan removed")
    )
    assert page.index(new) < page.index(removed)
    assert price_history(client)["standard"] == [(SEED_VERIFIED.isoformat(), "14.00")]
