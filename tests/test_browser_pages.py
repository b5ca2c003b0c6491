"""End-to-end tests of the public pages in real headless Chromium (Playwright).

Factory data for the interactions; the seed comparison for what a buyer of the
article sees; axe-core for WCAG 2.1 AA on every kind of page.
"""

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import factories
from tests.browser import axe_page, axe_violations, needs_axe, record_problems
from tests.catalogue import build_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEED = str(settings.BASE_DIR / "fixtures" / "seed.json")
SEED_SLUG = "zoho-crm-vs-hubspot-crm"


@pytest.fixture
def console_errors(page):
    """Every console error and failed request of the page, to assert there are none."""
    return record_problems(page)


@pytest.fixture
def seed():
    call_command("loaddata", SEED, verbosity=0)


def test_compare_form_on_home_opens_a_shareable_comparison(live_server, page, console_errors):
    build_catalogue(vendors=3)
    page.goto(f"{live_server.url}/en/")
    page.get_by_label("Gamma CRM").check()
    page.get_by_label("Alpha CRM").check()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/en/comparar/?vendors=*")
    assert "vendors=alpha-crm" in page.url and "vendors=gamma-crm" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Alpha CRM vs Gamma CRM: side-by-side comparison"
    )
    assert page.locator("table.glance thead th").all_inner_texts() == ["Alpha CRM", "Gamma CRM"]
    # The address alone reproduces the page.
    shared = page.context.new_page()
    shared.goto(page.url)
    assert "Gamma Plan 2" in shared.content()
    assert console_errors == []


def test_compare_form_with_one_vendor_explains_what_is_missing(live_server, page):
    build_catalogue(vendors=3)
    page.goto(f"{live_server.url}/en/comparar/")
    page.get_by_label("Beta CRM").check()
    page.get_by_role("button", name="Compare").click()
    assert page.get_by_role("alert").inner_text() == "Pick at least 2 CRMs to compare."


def test_language_switch_keeps_the_page(live_server, page, console_errors):
    build_catalogue()
    page.goto(f"{live_server.url}/comparar/alpha-vs-beta/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_role("navigation", name="Idioma").get_by_role("link", name="EN").click()
    page.wait_for_url("**/en/comparar/alpha-vs-beta/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="At a glance").is_visible()
    page.get_by_role("navigation", name="Language").get_by_role("link", name="ES").click()
    page.wait_for_url(f"{live_server.url}/comparar/alpha-vs-beta/")
    assert console_errors == []


def test_differences_switch_works_without_javascript(live_server, browser):
    build_catalogue()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/comparar/alpha-vs-beta/")
    rows = page.locator("table.matrix tbody th[scope=row]")
    assert "Feature 1.1" in rows.all_inner_texts()
    page.get_by_label("Show differences only").check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**diff=on*")
    shown = rows.all_inner_texts()
    assert shown and all(name.endswith((".2", ".4", ".6")) for name in shown)
    context.close()


def test_first_column_stays_in_view_on_a_phone(live_server, browser):
    build_catalogue(vendors=4)
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/comparar/alpha-vs-beta/")
    scroller = page.locator("#features .table-scroll")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
    header = page.locator("table.matrix tbody th[scope=row]").first
    before = header.bounding_box()["x"]
    scroller.evaluate("el => el.scrollBy(300, 0)")
    assert header.bounding_box()["x"] == before
    # The page itself does not scroll sideways: only the tables do.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_seed_comparison_shows_the_articles_prices_and_verdicts(
    live_server, page, seed, console_errors
):
    page.goto(f"{live_server.url}/comparar/{SEED_SLUG}/")
    glance = page.locator("table.glance")
    assert glance.locator("thead th").all_inner_texts() == ["Zoho CRM", "HubSpot CRM"]
    price_row = glance.locator("tr", has=page.locator("th", has_text="Precio desde"))
    prices = price_row.locator("td").all_inner_texts()
    assert "14\xa0US$" in prices[0] and "45\xa0US$" in prices[1]
    ease = glance.locator("tr", has=page.locator("th", has_text="Facilidad de uso"))
    verdicts = ease.locator("td").all_inner_texts()
    assert "complicado" in verdicts[0] and "fácil" in verdicts[1]
    assert page.locator("#pricing").get_by_text("48.000\xa0US$").is_visible()
    assert page.locator("#conclusion").is_visible()
    assert console_errors == []


def test_seed_comparison_in_english_and_through_the_compare_form(
    live_server, page, seed, console_errors
):
    page.goto(f"{live_server.url}/en/")
    page.get_by_role("link", name="Zoho CRM", exact=False).first.is_visible()
    form = page.locator("#compare form")
    form.get_by_label("Zoho CRM").check()
    form.get_by_label("HubSpot CRM").check()
    form.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/en/comparar/?vendors=*")
    prices = page.locator("table.glance tr", has=page.locator("th", has_text="Price from"))
    text = prices.inner_text()
    assert "$14" in text and "$45" in text
    page.get_by_role("navigation", name="Language").get_by_role("link", name="ES").click()
    page.wait_for_url("**/comparar/?vendors=*")
    assert page.locator("html").get_attribute("lang") == "es"
    assert "14\xa0US$" in page.locator("table.glance").inner_text()
    assert console_errors == []


@needs_axe
@pytest.mark.parametrize("width", [1280, 375])
def test_pages_have_no_wcag_21_aa_violations(live_server, browser, width):
    build_catalogue(vendors=3)
    factories.FAQEntryFactory(question="What is a CRM?")
    with axe_page(browser, width=width) as page:
        for path in [
            "/",
            "/comparar/alpha-vs-beta/",
            "/en/comparar/alpha-vs-beta/?diff=1",
            "/crm/alpha-crm/",
            "/preguntas-frecuentes/",
            "/comparar/alpha-vs-beta/preguntas-frecuentes/",
            "/en/comparar/?vendors=alpha-crm&vendors=gamma-crm",
            "/comparar/?vendors=alpha-crm&vendors=nope",
            "/buscar/?q=alpha",
            "/en/buscar/?q=alpah",
            "/buscar/?type=nope",
        ]:
            assert axe_violations(page, live_server.url + path) == [], path


def test_keyboard_user_can_skip_to_content_and_reach_the_tables(live_server, page):
    build_catalogue()
    page.goto(f"{live_server.url}/en/comparar/alpha-vs-beta/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"
    # The scrollable tables take keyboard focus, so arrow keys can scroll them.
    focusable = page.locator(".table-scroll[tabindex='0']")
    assert focusable.count() >= 4


@needs_axe
def test_seed_pages_have_no_wcag_21_aa_violations(live_server, browser, seed):
    pages = [
        f"/comparar/{SEED_SLUG}/",
        "/en/crm/hubspot-crm/",
        f"/en/comparar/{SEED_SLUG}/",
        f"/comparar/{SEED_SLUG}/recomendacion/?users=5&need=correo-marketing",
        f"/en/comparar/{SEED_SLUG}/coste/?users=5&need=correo-marketing",
        "/buscar/?q=correo",
        "/en/buscar/?q=hubspt",
    ]
    with axe_page(browser, width=375) as page:
        for path in pages:
            assert axe_violations(page, live_server.url + path) == [], path


@pytest.mark.parametrize("width", [375, 1280])
def test_header_search_box_finds_a_feature_without_javascript(live_server, browser, seed, width):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 800}
    )
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/crm/zoho-crm/")
        box = page.get_by_role("search").get_by_label("Buscar en el sitio")
        assert box.is_visible()
        # The box and its button fit the screen, with no sideways scrolling.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        button = page.get_by_role("search").get_by_role("button", name="Buscar")
        assert button.bounding_box()["x"] + button.bounding_box()["width"] <= width
        box.fill("correos")
        box.press("Enter")
        page.wait_for_url("**/buscar/?q=correos")
        result = page.get_by_role("link", name="Marketing por correo electrónico")
        assert result.get_attribute("href").endswith("#feature-correo-marketing")
        result.click()
        page.wait_for_url("**/comparar/?vendors=*")
        assert page.locator("#feature-correo-marketing").is_visible()
    finally:
        context.close()
