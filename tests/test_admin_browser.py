"""End to end in real Chromium: an editor updates a price in the plan list."""

import importlib
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from comparisons.models import Plan
from tests.factories import (
    TEST_PASSWORD,
    ComparisonFactory,
    EditorFactory,
    PlanFactory,
    VendorFactory,
)


@pytest.mark.browser
# The Editors group comes from a migration; a transactional test empties the
# tables afterwards, so restore the migrated content for the tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_changes_a_price_in_the_plan_list(live_server, page):
    zoho, hubspot = VendorFactory(name="Zoho CRM"), VendorFactory(name="HubSpot")
    plan = PlanFactory(vendor=zoho, name="Standard", price=Decimal("14.37"))
    PlanFactory(vendor=hubspot, name="Starter", price=Decimal("45.11"))
    comparison = ComparisonFactory(title="Zoho vs HubSpot", vendors=[zoho, hubspot])
    EditorFactory(username="ana")
    public_url = live_server.url + comparison.get_absolute_url()
    page.goto(public_url)  # the public page is now in the response cache
    expect(page.locator("main")).to_contain_text(re.compile(r"14[.,]37"))

    page.goto(live_server.url + "/admin/")
    page.fill("#id_username", "ana")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("input[type=submit]")
    page.goto(live_server.url + "/admin/comparisons/plan/?q=Standard")
    page.fill("input[name=form-0-price]", "19.83")
    page.click("input[name=_save]")

    expect(page.locator("ul.messagelist")).to_be_visible()
    assert Plan.objects.get(pk=plan.pk).price == Decimal("19.83")

    page.goto(public_url)
    expect(page.locator("main")).to_contain_text(re.compile(r"19[.,]83"))
    expect(page.locator("main")).not_to_contain_text(re.compile(r"14[.,]37"))

    page.goto(live_server.url + f"/admin/comparisons/plan/{plan.pk}/history/")
    history = page.locator("#change-history")
    expect(history).to_contain_text("14.37")
    expect(history).to_contain_text("19.83")
    expect(history).to_contain_text("ana")


# --- An admin that fits a 1280 px screen, as an editor sees it ---

SCREEN = {"width": 1280, "height": 800}


def _editors_group():
    """The Editors group as the migrations make it: a transactional test before this one
    may have emptied the tables, and serialized rollback does not always restore them."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name="Editors").exists():
        catalogue = importlib.import_module("comparisons.migrations.0002_admin_editors_group")
        watch = importlib.import_module("source_watch.migrations.0002_editors_view_checks")
        catalogue.create_editors_group(apps, None)
        watch.grant(apps, None)


def _log_in_as_editor(page, live_server):
    _editors_group()
    EditorFactory(username="eva")
    page.set_viewport_size(SCREEN)
    page.goto(live_server.url + "/en/admin/")
    page.fill("#id_username", "eva")
    page.fill("#id_password", TEST_PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text("eva")


def _page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def _within_first_screen(page, selector: str) -> bool:
    box = page.locator(selector).first.bounding_box()
    return (
        box is not None
        and box["y"] + box["height"] <= SCREEN["height"]
        and (box["x"] + box["width"] <= SCREEN["width"])
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_vendor_page_fits_the_screen_with_save_in_the_first_screen(live_server, page):
    from comparisons.models import Vendor
    from comparisons.seed import load_seed

    load_seed(verbosity=0)
    vendor = Vendor.objects.get(slug="zoho-crm")
    _log_in_as_editor(page, live_server)

    page.goto(live_server.url + f"/en/admin/comparisons/vendor/{vendor.pk}/change/")

    assert _page_width(page) <= SCREEN["width"]
    assert _within_first_screen(page, "input[name=_save]")
    # Each plan's often-edited fields are in its row, with a link to the plan's own page.
    plan = vendor.plans.order_by("position", "name").first()
    row = page.locator(f"tr:has(input[value='{plan.slug}'])")
    for field in ["price", "currency", "last_verified"]:
        expect(row.locator(f"[name^='plans-'][name$='-{field}']")).to_be_visible()
    expect(row.locator(f"a[href$='/comparisons/plan/{plan.pk}/change/']")).to_be_visible()
    # The long inlines are folded; opened, they fit too.
    for summary in page.locator("fieldset details > summary").all():
        summary.click()
    expect(page.locator("[name='availabilities-0-status']")).to_be_visible()
    assert _page_width(page) <= SCREEN["width"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_plan_list_fits_the_screen_with_price_currency_and_last_verified_editable(
    live_server, page
):
    from comparisons.seed import load_seed

    load_seed(verbosity=0)
    _log_in_as_editor(page, live_server)

    page.goto(live_server.url + "/en/admin/comparisons/plan/")

    assert _page_width(page) <= SCREEN["width"]
    for field in ["price", "currency", "last_verified"]:
        cell = page.locator(f"input[name=form-0-{field}]")
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] + box["width"] <= SCREEN["width"], field
    assert _within_first_screen(page, "input[name=_save]")
