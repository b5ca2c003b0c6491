"""The public pages at a phone's and a desktop's width, in real Chromium.

At 375 and 1280 px: nothing wider than the screen, every table of a two-CRM
comparison without sideways scrolling, chart labels that do not overlap and chart
text readable on the phone; three or more CRMs scroll sideways with a cue. Each
page is photographed into test-artifacts/ for a person to look at.
"""

import itertools
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from comparisons.models import Plan
from tests.catalogue import build_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
SEED_SLUG = "zoho-crm-vs-hubspot-crm"
WIDTHS = [375, 1280]
PAGES = {
    "comparison": f"/comparar/{SEED_SLUG}/",
    "comparison-en": f"/en/comparar/{SEED_SLUG}/",
    "compare": "/comparar/?vendors=zoho-crm&vendors=hubspot-crm",
    "vendor": "/crm/hubspot-crm/",
    "cost": f"/comparar/{SEED_SLUG}/coste/?users=5",
    "fit": f"/comparar/{SEED_SLUG}/encaje/?weights=facilidad-de-uso:5",
    "changes": "/cambios/",
    "price-history": "/crm/zoho-crm/historial-de-precios/",
    "home": "/",
    "faq": "/preguntas-frecuentes/",
}

# What the page measures of itself: its width, its tables' and their boxes'.
MEASURE = """() => ({
  page: document.documentElement.scrollWidth,
  viewport: document.documentElement.clientWidth,
  boxes: [...document.querySelectorAll("main .table-scroll")]
    .filter(box => box.offsetParent !== null)
    .map(box => ({
      table: box.querySelector("table").className || box.querySelector("caption")?.textContent,
      content: box.scrollWidth,
      width: box.clientWidth,
    })),
})"""

# Each chart's axis labels, as laid out, and the smallest text size it shows.
CHART_TEXT = """scope => [...document.querySelectorAll(scope + " svg.chart-svg")]
  .filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const boxes = axis => [...svg.querySelectorAll(`g.axis.${axis} text`)].map(text => {
      const box = text.getBoundingClientRect();
      return {text: text.textContent, left: box.left, right: box.right, top: box.top,
              bottom: box.bottom};
    });
    const sizes = [...svg.querySelectorAll("text")]
      .filter(text => text.getBoundingClientRect().width > 0)
      .map(text => parseFloat(getComputedStyle(text).fontSize) * scale);
    return {id: svg.id, x: boxes("x"), y: boxes("y"), smallest: Math.min(...sizes)};
  })"""


@pytest.fixture
def seed():
    call_command("load_seed", verbosity=0)
    # A change for the change log and a price history with a step.
    plan = Plan.objects.get(vendor__slug="zoho-crm", slug="standard")
    plan.price = Decimal("16")
    plan.save()


@pytest.fixture
def sized_page(browser):
    contexts = []

    def open_page(width):
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def overlapping(boxes, along="x"):
    """Pairs of label boxes that overlap along one direction (those beside each other)."""
    start, end = ("left", "right") if along == "x" else ("top", "bottom")
    ordered = sorted((box for box in boxes if box[end] > box[start]), key=lambda box: box[start])
    return [
        (first["text"], second["text"])
        for first, second in itertools.pairwise(ordered)
        if first[end] > second[start] + 0.5
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen_and_two_crm_tables_do_not_scroll(
    live_server, sized_page, seed, width
):
    page = sized_page(width)
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in PAGES.items():
        page.goto(live_server.url + path)
        # The charts' figures too, which sit in closed <details>.
        page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
        measured = page.evaluate(MEASURE)
        assert measured["page"] <= measured["viewport"], (name, measured["page"])
        # Two CRMs (or one): every table fits its box, no sideways scrolling.
        too_wide = [box for box in measured["boxes"] if box["content"] > box["width"] + 1]
        assert too_wide == [], (name, width)
        page.screenshot(path=str(ARTIFACTS / f"page-{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_labels_do_not_overlap_and_are_readable(live_server, sized_page, seed, width):
    page = sized_page(width)
    for path in (PAGES["cost"], PAGES["comparison"], PAGES["fit"], PAGES["price-history"]):
        page.goto(live_server.url + path)
        charts = page.evaluate(CHART_TEXT, "main")
        assert charts, path
        for chart in charts:
            assert overlapping(chart["x"], "x") == [], (path, chart["id"])
            assert overlapping(chart["y"], "y") == [], (path, chart["id"])
            if width == 375:
                assert chart["smallest"] >= 11.5, (path, chart["id"], chart["smallest"])


def test_the_cost_chart_labels_the_break_even_without_a_collision(live_server, sized_page, seed):
    page = sized_page(375)
    page.goto(live_server.url + PAGES["cost"])
    (chart,) = page.evaluate(CHART_TEXT, "#cost-chart")
    labels = [box["text"] for box in chart["x"]]
    assert "4" in labels and "5" not in labels
    assert "A partir de 4 usuarios" in page.inner_text("#cost-chart")


def test_three_or_more_crms_scroll_sideways_with_a_cue_and_the_first_column_kept(
    live_server, sized_page
):
    build_catalogue(vendors=4)
    page = sized_page(375)
    page.goto(f"{live_server.url}/en/comparar/alpha-vs-beta/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    box = page.locator("#pricing .table-scroll")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")
    # The cue: a shadow on the side with more to see.
    assert "gradient" in box.evaluate("el => getComputedStyle(el).backgroundImage")
    header = page.locator("#pricing table th[scope=row]").first
    before = header.bounding_box()["x"]
    box.evaluate("el => el.scrollBy(300, 0)")
    assert header.bounding_box()["x"] == before


@pytest.mark.parametrize("language", ["", "/en"])
def test_the_menu_fits_on_one_line_at_1280_with_room_for_a_search_box(
    live_server, sized_page, language
):
    build_catalogue()
    page = sized_page(1280)
    page.goto(f"{live_server.url}{language}/")
    # The room a compact search box will take between the menu and the languages.
    page.evaluate(
        """() => {
          const box = document.createElement("div");
          box.style.width = "12rem";
          box.style.height = "2rem";
          document.querySelector(".language-switcher").before(box);
        }"""
    )
    link_height = page.locator(".site-nav a").first.bounding_box()["height"]
    nav = page.locator(".site-nav ul").bounding_box()
    assert nav["height"] < 1.5 * link_height
    tops = page.locator(".site-nav li").evaluate_all(
        "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1


def test_stacked_two_crm_tables_keep_their_columns_for_screen_readers(
    live_server, sized_page, seed
):
    page = sized_page(375)
    page.goto(live_server.url + PAGES["comparison"])
    snapshot = page.locator("#verdicts table").first.aria_snapshot()
    # The empty corner cell stays in the table, so each CRM's header heads its own cells.
    head = snapshot.split("- rowgroup:")[1]
    assert head.index("- cell") < head.index('columnheader "Zoho CRM"')
    assert "rowheader" in snapshot
