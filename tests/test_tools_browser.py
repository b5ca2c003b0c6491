"""End to end in real Chromium: the tools' GET forms work without JavaScript and charts render."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.browser import axe_page, axe_violations, needs_axe, record_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"


@pytest.fixture
def article(article):
    """The shared article, with a price change in Zoho Standard's history to chart."""
    plan = article["zoho_standard"]
    plan.history.update(history_date="2023-01-10T10:00:00Z")
    plan.price = Decimal("16")
    plan.save()
    return article


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    yield page
    context.close()


def shoot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def chart_is_drawn(page, selector):
    """The SVG is laid out inside the viewport's width and styled by charts.css."""
    svg = page.locator(f"{selector} svg.chart-svg").first
    svg.wait_for()
    box = svg.bounding_box()
    assert 250 < box["width"] <= PHONE["width"]
    assert box["height"] > 150
    # charts.css loaded (not blocked): the plot background rule applies.
    fill = page.evaluate(
        "s => getComputedStyle(document.querySelector(s + ' .plot > .background')).fill",
        f"{selector} svg.chart-svg",
    )
    assert fill in ("rgb(255, 255, 255)", "#ffffff")


def test_cost_form_without_javascript_recalculates_and_draws_the_chart(
    live_server, no_js_page, article
):
    page = no_js_page
    page.goto(f"{live_server.url}/en/comparar/zoho-vs-hubspot/coste/")

    page.fill("#id_users", "4")
    page.fill("#id_months", "1")
    page.click("button:has-text('Calculate')")

    assert "users=4" in page.url
    assert page.locator("#cost-zoho-crm .arithmetic li").first.inner_text() == (
        "$16.00 a month per user × 4 users × 1 month = $64.00"
    )
    assert "the free edition allows at most 3 users" in page.locator("#cost-zoho-crm").inner_text()
    chart_is_drawn(page, "#cost-chart")
    assert "From 4 users, HubSpot costs less than Zoho CRM" in page.inner_text("#cost-chart")
    shoot(page, "tools-cost-375")


def test_cost_form_shows_a_clear_error_for_zero_users(live_server, no_js_page, article):
    page = no_js_page
    page.goto(f"{live_server.url}/en/comparar/zoho-vs-hubspot/coste/")

    page.fill("#id_users", "0")
    page.click("button:has-text('Calculate')")
    # The browser's own check (min="1") stops the form before it is sent...
    assert "users=0" not in page.url
    assert page.evaluate("document.querySelector('#id_users').validity.rangeUnderflow")

    # ...and a URL typed or shared with 0 users gets the server's message.
    page.goto(f"{live_server.url}/en/comparar/zoho-vs-hubspot/coste/?users=0")
    assert "Enter at least 1 user." in page.inner_text(".form-errors")
    assert page.get_attribute("#id_users", "aria-invalid") == "true"


def test_chart_figures_are_disclosed_as_a_table_without_javascript(
    live_server, no_js_page, article
):
    page = no_js_page
    page.goto(f"{live_server.url}/en/comparar/zoho-vs-hubspot/coste/?users_to=10")

    table = page.locator("#cost-chart details table")
    assert not table.is_visible()
    page.click("#cost-chart details summary")
    assert table.is_visible()
    assert "$64.00 (Standard)" in table.inner_text()


def test_fit_finder_without_javascript_ranks_by_the_chosen_weights(
    live_server, no_js_page, article
):
    page = no_js_page
    page.goto(f"{live_server.url}/en/comparar/zoho-vs-hubspot/encaje/")

    page.get_by_label("Ease of use:", exact=True).select_option("ease-of-use:5")
    page.get_by_label("Value for money:", exact=True).select_option("value-for-money:1")
    page.click("button:has-text('Rank the CRMs')")

    assert "weights=ease-of-use%3A5" in page.url
    first = page.locator(".fit-result h3").first.inner_text()
    assert first == "1. HubSpot: 8.5 out of 10"
    chart_is_drawn(page, ".scores-chart")
    shoot(page, "tools-fit-375")


def test_any_vendors_cost_calculator_from_the_checkbox_list(live_server, no_js_page, article):
    page = no_js_page
    page.goto(f"{live_server.url}/en/coste/")

    page.check("input[value='hubspot']")
    page.click("button:has-text('Compare costs')")
    page.fill("#id_users", "2")
    page.click("button:has-text('Calculate')")

    assert "vendors=hubspot" in page.url and "users=2" in page.url
    assert page.locator("#cost-hubspot").is_visible()
    assert page.locator("#cost-zoho-crm").count() == 0


def test_comparison_page_offers_the_tools_and_the_scores_chart(live_server, no_js_page, article):
    page = no_js_page
    page.goto(f"{live_server.url}/en/comparar/zoho-vs-hubspot/")

    chart_is_drawn(page, "#tools")
    page.click("#tools a:has-text('Cost calculator')")
    assert page.url.endswith("/en/comparar/zoho-vs-hubspot/coste/")


def test_price_history_chart_renders_with_the_change_dates(live_server, no_js_page, article):
    page = no_js_page
    page.goto(f"{live_server.url}/en/crm/zoho-crm/historial-de-precios/")

    chart_is_drawn(page, "#price-history-standard")
    page.click("#price-history-standard summary")
    assert "Jan 10, 2023" in page.inner_text("#price-history-standard table")
    assert "Price unchanged since" in page.inner_text("#price-history-free")
    shoot(page, "tools-price-history-375")


def test_pages_raise_no_content_security_policy_errors(live_server, browser, article):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    problems = record_problems(page)
    for path in (
        "/en/comparar/zoho-vs-hubspot/coste/",
        "/en/comparar/zoho-vs-hubspot/encaje/",
        "/en/crm/zoho-crm/historial-de-precios/",
    ):
        page.goto(live_server.url + path)
    context.close()

    assert problems == []


TOOL_PAGES = (
    "/en/comparar/zoho-vs-hubspot/coste/",
    "/comparar/zoho-vs-hubspot/coste/?users=0",
    "/en/comparar/zoho-vs-hubspot/encaje/?weights=ease-of-use:5",
    "/en/coste/",
    "/coste/?vendors=hubspot&vendors=zoho-crm&users=12",
    "/en/encaje/?vendors=zoho-crm",
    "/crm/zoho-crm/historial-de-precios/",
    "/en/comparar/zoho-vs-hubspot/recomendacion/?users=4",
    "/recomendacion/?vendors=hubspot&users=0",
    "/en/recomendacion/",
)


@needs_axe
@pytest.mark.parametrize("width", [1280, 375])
def test_tool_pages_have_no_wcag_21_aa_violations(live_server, browser, article, width):
    found = {}
    with axe_page(browser, width=width) as page:
        for path in TOOL_PAGES:
            violations = axe_violations(page, live_server.url + path)
            if violations:
                found[path] = violations

    assert found == {}


# Elements whose right edge passes the viewport's, outside the containers that scroll.
WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
    .filter(e => !e.closest('.table-scroll') && e.getBoundingClientRect().right > innerWidth + 1)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className)"""


def test_recommendation_answers_the_seed_team_of_five_on_a_phone_without_javascript(
    live_server, no_js_page
):
    call_command("loaddata", str(Path(settings.BASE_DIR) / "fixtures" / "seed.json"), verbosity=0)
    page = no_js_page
    page.goto(f"{live_server.url}/en/comparar/zoho-crm-vs-hubspot-crm/recomendacion/")

    page.fill("#id_users", "5")
    page.click(".need-groups summary")
    page.check("#id_need-correo-marketing")
    page.click("button:has-text('Recommend')")

    assert "need=correo-marketing" in page.url
    answer = page.inner_text(".recommendation")
    assert "CRM gratuito + Marketing Hub Professional: $800.00 a month, $9,600.00 a year" in answer
    assert (
        "The cheapest plan that serves your team is Professional, and we cannot price it" in answer
    )
    assert "Too close to call on your priorities" in answer
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(WIDER_THAN_THE_SCREEN) == []
    shoot(page, "tools-recommendation-375")
