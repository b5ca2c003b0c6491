import itertools
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.utils import timezone, translation

from buyer_tools.charts import (
    FALLBACK_COLORS,
    accessible_color,
    chart_stylesheet,
    contrast_ratio,
    cost_charts,
    cost_ticks,
    label_width,
    price_history_chart,
    price_history_panels,
    scores_chart,
    spaced_labels,
    vendor_colors,
    wrap_label,
)
from buyer_tools.series import ScoreGroup, cost_series, plan_histories
from comparisons.models import Plan
from tests.factories import PlanFactory, VendorFactory

SVG = "{http://www.w3.org/2000/svg}"

pytestmark = pytest.mark.usefixtures("english")


def parse(chart) -> ElementTree.Element:
    return ElementTree.fromstring(chart.svg)


def series_groups(root) -> set[str]:
    return {
        name
        for element in root.iter(f"{SVG}g")
        for name in element.get("class", "").split()
        if name.startswith("serie-")
    }


class FakeVendor(SimpleNamespace):
    """Stands in for a Vendor row."""

    def __init__(self, name, color=""):
        super().__init__(pk=name, name=name, color=color, slug=name.lower())

    def __str__(self):
        return self.name


# --- Colours -------------------------------------------------------------------------------------


@pytest.mark.parametrize("color", ["#ffff00", "#ff7a59", "#cccccc", "#ffffff", "#1565c0"])
def test_accessible_color_reaches_3_to_1_on_white(color):
    assert contrast_ratio(accessible_color(color), "#ffffff") >= 3


def test_dark_enough_colors_are_kept():
    assert accessible_color("#1565C0") == "#1565c0"


def test_vendor_colors_use_brand_colours_then_the_fallback_palette():
    colors = vendor_colors([FakeVendor("A", "#1565C0"), FakeVendor("B"), FakeVendor("C")])

    assert colors == ["#1565c0", FALLBACK_COLORS[0], FALLBACK_COLORS[1]]
    assert all(contrast_ratio(color, "#ffffff") >= 4.5 for color in FALLBACK_COLORS)


# --- Cost chart ----------------------------------------------------------------------------------


@pytest.fixture
def cost_chart(db):
    flat = VendorFactory(name="Flat CRM", color="#C2410C")
    seats = VendorFactory(name="Seat CRM")
    PlanFactory(vendor=flat, price=Decimal("100"), pricing_unit="per_account", name="Flat")
    PlanFactory(vendor=seats, price=Decimal("0"), is_free=True, user_limit=2, name="Free")
    PlanFactory(vendor=seats, price=Decimal("14"), name="Seats")
    series = cost_series(
        vendors=[flat, seats], plans=Plan.objects.all(), users=range(1, 21), months=1
    )
    (chart,) = cost_charts(series)
    return chart


def test_cost_chart_is_valid_svg_with_title_desc_and_no_scripts(cost_chart):
    root = parse(cost_chart)

    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "cost-chart-usd-title cost-chart-usd-desc"
    assert root.find(f"{SVG}title").text == "Monthly cost by number of users (USD)"
    desc = root.find(f"{SVG}desc").text
    assert "Seat CRM: Seats from 3 users." in desc
    assert "From 8 users, Flat CRM costs less than Seat CRM." in desc
    assert not list(root.iter(f"{SVG}script"))
    assert "kozea.github.io" not in cost_chart.svg
    assert not cost_chart.svg.startswith("<?xml")


def test_cost_chart_has_one_series_per_vendor_in_its_colour(cost_chart):
    root = parse(cost_chart)

    assert series_groups(root) == {"serie-0", "serie-1"}
    fills = {
        element.get("fill")
        for element in root.iter(f"{SVG}g")
        if "serie-0" in element.get("class", "")
    }
    assert fills == {"#c2410c"}


def test_cost_chart_has_no_inline_style_for_a_strict_csp(cost_chart):
    root = parse(cost_chart)

    assert not list(root.iter(f"{SVG}style"))
    assert all(element.get("style") is None for element in root.iter())


def test_cost_chart_table_matches_the_series(cost_chart):
    assert cost_chart.table.headers == ["Users", "Flat CRM", "Seat CRM"]
    assert cost_chart.table.rows[0] == ["1", "$100.00 (Flat)", "$0.00 (Free)"]
    assert cost_chart.table.rows[7][2] == "$112.00 (Seats)"
    assert cost_chart.notes == ["from 8 users, Flat CRM costs less than Seat CRM"]


def test_cost_charts_one_per_currency(db):
    dollars, euros = VendorFactory(), VendorFactory()
    PlanFactory(vendor=dollars, currency="USD")
    PlanFactory(vendor=euros, currency="EUR")
    series = cost_series(vendors=[dollars, euros], plans=Plan.objects.all(), users=range(1, 5))

    charts = cost_charts(series)

    assert [chart.id for chart in charts] == ["cost-chart-usd", "cost-chart-eur"]
    assert [len(series_groups(parse(chart))) for chart in charts] == [1, 1]


def test_cost_chart_numbers_follow_the_language(db):
    flat = VendorFactory()
    PlanFactory(vendor=flat, price=Decimal("1500"), pricing_unit="per_account")
    series = cost_series(vendors=[flat], plans=Plan.objects.all(), users=range(1, 3))

    with translation.override("es"):
        (chart,) = cost_charts(series)

    assert chart.table.rows[0][1].startswith("1.500,00\xa0US$")


# --- Scores chart --------------------------------------------------------------------------------


def test_scores_chart_marks_the_winner_and_has_a_series_per_vendor():
    vendors = [FakeVendor("Zoho", "#1565C0"), FakeVendor("HubSpot", "#C2410C")]
    groups = [
        ScoreGroup(criterion="Ease of use", scores=[Decimal("6"), Decimal("9")], winner_index=1),
        ScoreGroup(criterion="Support", scores=[Decimal("8"), None], winner_index=None),
    ]

    chart = scores_chart(groups, vendors)

    root = parse(chart)
    assert series_groups(root) == {"serie-0", "serie-1"}
    assert "★ 9" in chart.svg
    assert "Ease of use: HubSpot wins" in root.find(f"{SVG}desc").text
    assert chart.table.rows == [["Ease of use", "6", "9 ★"], ["Support", "8", "—"]]
    # The second vendor's bars are hatched, not told apart by colour alone.
    assert root.find(f".//{SVG}pattern") is not None


def test_scores_chart_with_many_long_criteria_renders():
    # pygal 3.1 loops forever splitting an axis title when labels leave no room.
    vendors = [FakeVendor("Zoho"), FakeVendor("HubSpot")]
    groups = [
        ScoreGroup(
            criterion=f"Integración social y automatización de marketing {index}",
            scores=[Decimal("7"), Decimal("8")],
            winner_index=1,
        )
        for index in range(12)
    ]

    chart = scores_chart(groups, vendors)

    # Long names are wrapped onto lines, never cut; the table has them too.
    assert "…" not in chart.svg
    assert "<tspan" in chart.svg and ">automatización de<" in chart.svg
    assert chart.table.rows[0][0] == "Integración social y automatización de marketing 0"


def test_scores_chart_drawing_follows_every_change_of_its_inputs():
    """The SVG is memoized: a new score, colour or language must still redraw it."""
    vendors = [FakeVendor("Zoho", "#1565C0"), FakeVendor("HubSpot", "#C2410C")]

    def svg(score, vendors=vendors):
        groups = [ScoreGroup(criterion="Support", scores=[score, Decimal("6")], winner_index=0)]
        return scores_chart(groups, vendors).svg

    first = svg(Decimal("7.5"))
    assert svg(Decimal("7.5")) == first
    assert "★ 7.5" in first
    changed = svg(Decimal("8.5"))
    assert "★ 8.5" in changed and "★ 7.5" not in changed
    recoloured = svg(Decimal("7.5"), [FakeVendor("Zoho", "#2E7D32"), vendors[1]])
    assert recoloured != first
    with translation.override("es"):
        assert "★ 7,5" in svg(Decimal("7.5"))


def test_scores_chart_without_criteria_is_none():
    assert scores_chart([], [FakeVendor("Zoho")]) is None


# --- Price history -------------------------------------------------------------------------------


def record(day, price, history_id):
    return SimpleNamespace(
        id=1,
        history_id=history_id,
        history_type="~",
        history_date=timezone.make_aware(datetime(day.year, day.month, day.day, 12)),
        price=Decimal(price),
        currency="USD",
        billing_period="month",
        pricing_unit="per_user",
        is_from_price=False,
    )


PLAN = SimpleNamespace(
    pk=1, name="Standard", slug="standard", is_free=False, vendor=FakeVendor("Zoho")
)


def test_price_history_chart_steps_with_dates_in_its_table():
    (history,) = plan_histories(
        [PLAN], [record(date(2023, 1, 1), "12", 1), record(date(2024, 6, 1), "14", 2)]
    )

    chart = price_history_chart(history, today=date(2025, 1, 1))

    root = parse(chart)
    assert root.find(f"{SVG}title").text == "Price history: Standard"
    assert chart.table.rows == [
        ["Jan 1, 2023", "$12.00 per user a month"],
        ["Jun 1, 2024", "$14.00 per user a month"],
    ]
    assert "1 price change between Jan 1, 2023 and Jun 1, 2024." in chart.description


def test_a_plan_with_a_single_price_gets_a_statement_not_a_chart():
    histories = plan_histories([PLAN], [record(date(2023, 1, 1), "12", 1)])

    (panel,) = price_history_panels(histories)

    assert panel.chart is None
    assert panel.statement == "Price unchanged since Jan 1, 2023: $12.00 per user a month."


# --- Static stylesheet ---------------------------------------------------------------------------


def test_committed_chart_stylesheet_is_up_to_date():
    committed = Path(settings.BASE_DIR, "static", "css", "charts.css").read_text(encoding="utf-8")

    assert committed == chart_stylesheet(), "run `python manage.py chart_css`"


# --- Legibility: labels that do not collide, a line at zero, whole names -------------------------

AXIS_FONT = 17  # the style's label sizes (static/css/charts.css)


def axis_labels(root, axis):
    """(text, x, y) of one axis' labels; a wrapped label's text is its lines joined."""
    found = []
    for group in root.iter(f"{SVG}g"):
        if group.get("class", "").split()[:2] == ["axis", axis]:
            for text in group.iter(f"{SVG}text"):
                words = " ".join(" ".join(text.itertext()).split())
                found.append((words, float(text.get("x")), float(text.get("y"))))
    return found


def assert_no_overlap(labels):
    boxes = sorted(
        (x - label_width(t, AXIS_FONT) / 2, x + label_width(t, AXIS_FONT) / 2, t)
        for t, x, _y in labels
    )
    for (_left, right, text), (next_left, _right, following) in itertools.pairwise(boxes):
        assert right <= next_left, f"{text!r} overlaps {following!r}"


def plot_height(root):
    plot = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "plot")
    return float(plot.find(f"{SVG}rect").get("height"))


def series_points(root, index):
    group = next(
        g
        for g in root.iter(f"{SVG}g")
        if f"serie-{index}" in g.get("class", "") and g.find(f"{SVG}path") is not None
    )
    numbers = [float(n) for n in re.findall(r"-?[0-9.]+", group.find(f"{SVG}path").get("d"))]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


@pytest.fixture
def break_even_at_4(db):
    """Free for up to 3 users, then 14 a user; the other CRM 45 for the account: cheaper from 4."""
    seats, flat = VendorFactory(name="Seat CRM"), VendorFactory(name="Flat CRM")
    PlanFactory(vendor=seats, price=Decimal("0"), is_free=True, user_limit=3, name="Free")
    PlanFactory(vendor=seats, price=Decimal("14"), name="Seats")
    PlanFactory(vendor=flat, price=Decimal("0"), is_free=True, unlimited_users=True, name="Zero")
    PlanFactory(vendor=flat, price=Decimal("45"), pricing_unit="per_account", name="Flat")
    return seats, flat


def test_cost_chart_tick_labels_do_not_overlap_around_a_break_even(break_even_at_4):
    seats, _flat = break_even_at_4
    other = VendorFactory(name="Account CRM")
    PlanFactory(vendor=other, price=Decimal("45"), pricing_unit="per_account")
    series = cost_series(vendors=[seats, other], plans=Plan.objects.all(), users=range(1, 51))
    (chart,) = cost_charts(series)
    assert chart.notes == ["from 4 users, Account CRM costs less than Seat CRM"]

    labels = axis_labels(parse(chart), "x")
    shown = [text for text, _x, _y in labels]
    assert "4" in shown  # the break-even size is labelled...
    assert "5" not in shown  # ...and the label beside it, which it would cover, is not
    assert {"1", "10", "50"} <= set(shown)
    assert_no_overlap(labels)


@pytest.mark.parametrize("last", [12, 20, 50, 200])
def test_cost_chart_tick_labels_never_overlap(break_even_at_4, last):
    seats, flat = break_even_at_4
    series = cost_series(vendors=[seats, flat], plans=Plan.objects.all(), users=range(1, last + 1))
    root = parse(cost_charts(series)[0])
    assert_no_overlap(axis_labels(root, "x"))
    y_labels = axis_labels(root, "y")
    assert y_labels[0][0] == "$0"
    assert len(y_labels) <= 8


def test_a_free_plans_line_at_zero_is_drawn_inside_the_plot(break_even_at_4):
    _seats, flat = break_even_at_4
    series = cost_series(vendors=[flat], plans=Plan.objects.all(), users=range(1, 11))
    root = parse(cost_charts(series)[0])
    height = plot_height(root)
    points = series_points(root, 0)
    assert {round(y, 3) for _x, y in points} != set()
    # Above the plot's bottom edge by more than the line's half width: not hidden by the axis.
    assert all(0 < y < height - 3 for _x, y in points)


def test_cost_ticks_start_at_zero_and_pass_the_top():
    assert cost_ticks([Decimal("700")]) == [Decimal(n) for n in (0, 200, 400, 600, 800)]
    assert cost_ticks([Decimal("160"), Decimal("0")]) == [Decimal(n) for n in range(0, 201, 50)]
    assert cost_ticks([Decimal("0")]) == [Decimal(0), Decimal(1)]
    assert cost_ticks([]) == [Decimal(0), Decimal(1)]
    ticks = cost_ticks([Decimal("48000")])
    assert ticks[0] == 0 and ticks[-1] >= 48000 and len(ticks) <= 7


def test_spaced_labels_keep_the_ones_asked_for_first_then_the_ends():
    labels = [("1", 0.0), ("4", 20.0), ("5", 26.0), ("10", 60.0)]
    assert spaced_labels(labels, AXIS_FONT) == {"1", "4", "10"}
    assert spaced_labels(labels, AXIS_FONT, first=["5"]) == {"1", "5", "10"}
    # Labels asked for first win even over an end they would overlap.
    assert spaced_labels([("1", 0.0), ("2", 8.0), ("9", 60.0)], AXIS_FONT, first=["2"]) == {
        "2",
        "9",
    }
    assert spaced_labels([], AXIS_FONT) == set()


def test_wrap_label_cuts_at_spaces_and_keeps_long_words():
    assert wrap_label("Integración social y automatización de marketing", 20) == [
        "Integración social y",
        "automatización de",
        "marketing",
    ]
    assert wrap_label("Supercalifragilistic", 5) == ["Supercalifragilistic"]
    assert wrap_label("", 5) == [""]


def test_scores_chart_shows_whole_criterion_names_on_lines_that_do_not_collide():
    vendors = [FakeVendor("Zoho"), FakeVendor("HubSpot")]
    names = [
        "Gestión de clientes potenciales",
        "Integración social y automatización de marketing",
        "Administración de datos y seguridad",
        "Soporte",
    ]
    groups = [
        ScoreGroup(criterion=n, scores=[Decimal(7), Decimal(8)], winner_index=1) for n in names
    ]
    root = parse(scores_chart(groups, vendors))

    labels = axis_labels(root, "y")
    assert sorted(text for text, _x, _y in labels) == sorted(names)
    assert "…" not in ElementTree.tostring(root, encoding="unicode")
    # Each name's block of lines stays within its own group of bars.
    spans = sorted(y for _text, _x, y in labels)
    line = 1.2 * AXIS_FONT
    for upper, lower in itertools.pairwise(spans):
        assert lower - upper >= 3 * line
