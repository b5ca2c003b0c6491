"""End to end in real Chromium: an editor updates a price in the plan list."""

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
