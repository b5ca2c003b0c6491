"""Server-side SVG charts (pygal) drawn from the pure series in `series.py`.

Every chart is a `Chart`: inline SVG markup with <title> and <desc>, no
scripts (pygal's tooltip script is left out and its inline config removed),
plus the same figures as a table the template shows right after it. Colours
come from Vendor.color, darkened where needed to reach 3:1 contrast on white
(WCAG 1.4.11), and lines also differ by dash pattern, so colour never carries
meaning alone.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

import pygal
import pygal.graph.graph
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, ngettext
from pygal.style import Style
from pygal.util import reverse_text_len
from pygal.util import split_title as _pygal_split_title

from comparisons.models.ratings import SCORE_MAX
from core.formatting import format_day, format_money, format_money_compact, format_number

from .series import CostSeries, CurrencyGroup, PlanPriceHistory, ScoreGroup, step_points

SVG_NS = "http://www.w3.org/2000/svg"

# Okabe–Ito-like hues darkened to at least 4.5:1 on white, for vendors without a colour.
FALLBACK_COLORS = ("#0a5fa3", "#a34a00", "#00715a", "#9c3d74", "#5b5b00", "#3d4fa3")
# Distinct strokes, so lines can be told apart without colour.
DASHES = ("", "10,5", "3,4", "12,4,3,4", "6,3", "2,2")
MIN_CONTRAST = 3.0
BACKGROUND = "#ffffff"
FOREGROUND = "#1b1f24"
MUTED = "#57606a"
# An axis label's width, estimated from its length: digits and most letters of a
# sans-serif face are narrower than this share of the font size.
CHAR_WIDTH = 0.62
LABEL_GAP = 6  # at least this much space between two axis labels, in chart units


def _safe_split_title(title, width, font_size):
    """pygal's split_title, minus its endless loop.

    When less than one character fits (long labels on a narrow chart leave no
    room for an axis title), pygal 3.1 loops forever, and the request with it.
    """
    if title and reverse_text_len(width, font_size * 1.1) < 1:
        return [title]
    return _pygal_split_title(title, width, font_size)


pygal.graph.graph.split_title = _safe_split_title


@dataclass(frozen=True)
class ChartTable:
    caption: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Chart:
    """A rendered chart and the figures it shows, for the template to place side by side."""

    id: str
    title: str
    description: str
    svg: SafeString
    table: ChartTable
    notes: list[str] = field(default_factory=list)


# --- Colours ------------------------------------------------------------------------


def _channel(value: float) -> float:
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_color: str) -> float:
    red, green, blue = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first: str, second: str) -> float:
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def accessible_color(hex_color: str, background: str = BACKGROUND) -> str:
    """The colour, darkened step by step until it reaches 3:1 against the background."""
    red, green, blue = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    color = hex_color.lower()
    while contrast_ratio(color, background) < MIN_CONTRAST:
        red, green, blue = (int(channel * 0.9) for channel in (red, green, blue))
        color = f"#{red:02x}{green:02x}{blue:02x}"
    return color


def vendor_colors(vendors: Sequence[Any]) -> list[str]:
    """One colour per vendor: its brand colour where set, else the next fallback."""
    fallback = itertools.cycle(FALLBACK_COLORS)
    return [accessible_color(vendor.color or next(fallback)) for vendor in vendors]


# --- Rendering ------------------------------------------------------------------------


def _style(colors: Sequence[str]) -> Style:
    return Style(
        background=BACKGROUND,
        plot_background=BACKGROUND,
        foreground=FOREGROUND,
        foreground_strong=FOREGROUND,
        foreground_subtle=MUTED,
        colors=tuple(colors) or FALLBACK_COLORS,
        font_family="system-ui, sans-serif",
        # Drawn 480 units wide and shown at a phone's full width (about 350 px),
        # these sizes still give text of 12 px or more there.
        title_font_size=20,
        label_font_size=17,
        major_label_font_size=17,
        legend_font_size=17,
        value_font_size=16,
        value_label_font_size=16,
        tooltip_font_size=14,
        opacity="1",
        opacity_hover="1",
        stroke_width="3",
        stroke_width_hover="4",
        stroke_opacity="1",
        stroke_opacity_hover="1",
        guide_stroke_color="#8c959f",
        major_guide_stroke_color="#57606a",
    )


def _tag(root, name: str) -> str:
    return f"{{{SVG_NS}}}{name}" if root.tag.startswith("{") else name


# Bars of the second, third... vendor are hatched at these angles: told apart without colour.
HATCH_ANGLES = (45, -45, 90, 0, 30)


def _hatch(root, chart_id: str, index: int, color: str) -> str:
    """Define (once) a hatched fill of `color` for series `index`; return its url()."""
    pattern_id = f"{chart_id}-hatch-{index}"
    defs = root.find(_tag(root, "defs"))
    if defs.find(f"*[@id='{pattern_id}']") is None:
        angle = HATCH_ANGLES[(index - 1) % len(HATCH_ANGLES)]
        pattern = ElementTree.SubElement(
            defs,
            _tag(root, "pattern"),
            {
                "id": pattern_id,
                "width": "8",
                "height": "8",
                "patternUnits": "userSpaceOnUse",
                "patternTransform": f"rotate({angle})",
            },
        )
        ElementTree.SubElement(
            pattern, _tag(root, "rect"), {"width": "8", "height": "8", "fill": color}
        )
        ElementTree.SubElement(
            pattern,
            _tag(root, "line"),
            {"x1": "0", "y1": "0", "x2": "0", "y2": "8", "stroke": BACKGROUND, "stroke-width": "3"},
        )
    return f"url(#{pattern_id})"


def _finish(
    chart_id: str,
    description: str,
    colors: Sequence[str],
    bars: bool = False,
    steps: Sequence[Any] = (),
):
    """An xml_filter making pygal's SVG accessible and fit for a strict CSP.

    - no <script> (pygal's inline config) and no tooltip group (it needs scripts
      and carries an inline style attribute);
    - no <style>: the rules live in static/css/charts.css, and each series'
      colour and dash pattern become presentation attributes, which a
      Content-Security-Policy without 'unsafe-inline' allows;
    - lines differ by dash pattern and bars (after the first series) by hatching;
    - an id'd <title>, a <desc>, role="img" and aria-labelledby;
    - then each of `steps`, a function of the root, in turn.
    """

    def apply(root):
        for parent in list(root.iter()):
            for child in list(parent):
                classes = child.get("class", "").split()
                if child.tag in (_tag(root, "script"), _tag(root, "style")) or (
                    "tooltip" in classes
                ):
                    parent.remove(child)
        for element in root.iter():
            for name in element.get("class", "").split():
                if name.startswith("color-"):
                    index = int(name[6:])
                    color = colors[index % len(colors)]
                    fill = _hatch(root, chart_id, index, color) if bars and index else color
                    element.set("fill", fill)
                    element.set("stroke", color)
                elif name.startswith("serie-") and not bars:
                    index = int(name[6:])
                    element.set("stroke-width", "3")
                    if DASHES[index % len(DASHES)]:
                        element.set("stroke-dasharray", DASHES[index % len(DASHES)])
        title = root.find(_tag(root, "title"))
        title.set("id", f"{chart_id}-title")
        desc = ElementTree.Element(_tag(root, "desc"), {"id": f"{chart_id}-desc"})
        desc.text = description
        root.insert(list(root).index(title) + 1, desc)
        root.set("role", "img")
        root.set("aria-labelledby", f"{chart_id}-title {chart_id}-desc")
        root.set("class", (root.get("class", "") + " chart-svg").strip())
        for step in steps:
            step(root)
        return root

    return apply


def _base_config(chart_id: str, title: str, description: str, colors: Sequence[str]) -> dict:
    return {
        "title": title,
        "style": _style(colors),
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        # A narrow canvas keeps the text readable when scaled down to a phone.
        "width": 480,
        "height": 400,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,
        "truncate_label": -1,
        "margin": 12,
        "no_data_text": gettext("No data"),
    }


def _render(
    chart, chart_id: str, description: str, bars: bool = False, steps: Sequence[Any] = ()
) -> SafeString:
    chart.add_xml_filter(_finish(chart_id, description, chart.config.style.colors, bars, steps))
    return mark_safe(chart.render(is_unicode=True))  # pygal escapes every text it writes


def _axis_texts(root, axis: str) -> list:
    """The label <text>s of one axis ("x" or "y"), in the order pygal drew them."""
    texts = []
    for group in root.iter(_tag(root, "g")):
        if f"axis {axis}" in group.get("class", "") or group.get("class", "") == f"axis {axis}":
            texts += list(group.iter(_tag(root, "text")))
    return texts


def label_width(text: str, font_size: float) -> float:
    return len(text) * font_size * CHAR_WIDTH


def label_box(x: float, width: float, bounds: tuple[float, float]) -> tuple[float, float, str]:
    """Where a label centred on `x` is drawn: (left, right, text-anchor).

    A label that would cross an edge of `bounds` is set against that edge instead
    (its start or end at `x`), so the chart does not cut it.
    """
    if x + width / 2 > bounds[1]:
        return x - width, x, "end"
    if x - width / 2 < bounds[0]:
        return x, x + width, "start"
    return x - width / 2, x + width / 2, "middle"


def spaced_labels(
    labels: Sequence[tuple[str, float]],
    font_size: float,
    first: Sequence[str] = (),
    bounds: tuple[float, float] = (-math.inf, math.inf),
) -> set[str]:
    """Which of the axis `labels` (text, centre x) to keep so that none overlaps another.

    Labels in `first` are placed first, then the two ends, then the rest from
    left to right; a label that would overlap one already placed is left out.
    """
    if not labels:
        return set()
    ends = {labels[0][0], labels[-1][0]}
    order = sorted(labels, key=lambda item: (item[0] not in first, item[0] not in ends, item[1]))
    placed: list[tuple[float, float]] = []
    kept = set()
    for text, x in order:
        left, right, _anchor = label_box(x, label_width(text, font_size), bounds)
        if all(right + LABEL_GAP <= a or left - LABEL_GAP >= b for a, b in placed):
            placed.append((left, right))
            kept.add(text)
    return kept


def _space_x_labels(first: Sequence[str], font_size: float):
    """An xml step: drop the x-axis labels that would overlap (their guide lines stay),
    and set those at an edge of the chart against it rather than past it."""

    def apply(root):
        plot = next(g for g in root.iter(_tag(root, "g")) if g.get("class") == "plot")
        offset = float(re.search(r"translate\(([-0-9.]+)", plot.get("transform", "")).group(1))
        width = float(root.get("viewBox", "0 0 480 0").split()[2])
        bounds = (-offset, width - offset)
        texts = _axis_texts(root, "x")
        labels = [(t.text or "", float(t.get("x", 0))) for t in texts]
        kept = spaced_labels(labels, font_size, first, bounds)
        for group in root.iter(_tag(root, "g")):
            for text in list(group.findall(_tag(root, "text"))):
                if text not in texts:
                    continue
                if (text.text or "") not in kept:
                    group.remove(text)
                    continue
                x = float(text.get("x", 0))
                anchor = label_box(x, label_width(text.text or "", font_size), bounds)[2]
                if anchor != "middle":
                    # A class, not an attribute: charts.css centres axis labels.
                    text.set("class", f"{text.get('class', '')} anchor-{anchor}".strip())

    return apply


def wrap_label(label: str, width: int) -> list[str]:
    """A label in lines of at most `width` characters, cut at spaces (a long word stays whole)."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _wrap_y_labels(wrapped: Sequence[Sequence[str]]):
    """An xml step: each y-axis label as its lines (<tspan>s), centred on its bars."""

    def apply(root):
        for text, lines in zip(_axis_texts(root, "y"), wrapped, strict=False):
            text.text = None
            x = text.get("x", "0")
            for number, line in enumerate(lines):
                span = ElementTree.SubElement(text, _tag(root, "tspan"), {"x": x})
                # The first line moves up so that the block is centred where one line was.
                span.set("dy", f"{-(len(lines) - 1) * 0.6:.2f}em" if number == 0 else "1.2em")
                span.text = line

    return apply


def chart_stylesheet() -> str:
    """The rules pygal would inline in every chart, minus colours, for static/css/charts.css.

    Scoped to `.chart-svg` (the class `_finish` gives each chart). Regenerate
    with `python manage.py chart_css` after changing `_style`.
    """
    chart = pygal.Line(**_base_config("stylesheet", "", "", FALLBACK_COLORS))
    chart.add("", [1, 2])
    root = ElementTree.fromstring(chart.render(is_unicode=True))
    css = root.find(f".//{{{SVG_NS}}}style").text
    css = re.sub(r"#chart-[0-9a-f-]+ ?", ".chart-svg ", css)
    rules = [rule.strip() + "}" for rule in css.split("}") if rule.strip()]
    kept = [rule for rule in rules if ".color-" not in rule and ".serie-" not in rule]
    kept.append(f".chart-svg .text-overlay text{{fill:{FOREGROUND}}}")
    kept.append(".chart-svg .axis.x text.anchor-start{text-anchor:start}")
    kept.append(".chart-svg .axis.x text.anchor-end{text-anchor:end}")
    header = (
        "/* Generated by `python manage.py chart_css` from pygal's stylesheets: do not edit. */"
    )
    return "\n".join([header, *kept]) + "\n"


# --- Monthly cost by number of users ------------------------------------------------------


def cost_chart(group: CurrencyGroup, users: Sequence[int], chart_id: str = "cost-chart") -> Chart:
    """One line per vendor: its cheapest fitting plan's monthly cost at each team size."""
    currency = group.currency
    vendors = [series.vendor for series in group.series]
    title = gettext("Monthly cost by number of users (%(currency)s)") % {"currency": currency}
    description = _cost_description(group, users)
    config = _base_config(chart_id, title, description, vendor_colors(vendors))
    break_even_labels = [format_number(b.users) for b in group.break_evens]
    ticks = cost_ticks([p.cost for s in group.series for p in s.points if p.cost is not None])
    chart = pygal.Line(
        **config,
        x_title=gettext("Users"),
        y_title=gettext("Cost a month (%(currency)s)") % {"currency": currency},
        value_formatter=lambda value: format_money_compact(Decimal(str(value)), currency),
        x_labels=[format_number(size) for size in users],
        # Label the ends, every fifth size and the break-even sizes; those that
        # would overlap another are dropped once drawn (_space_x_labels).
        x_labels_major=[
            format_number(size)
            for size in users
            if size in (users[0], users[-1])
            or size % 5 == 0
            or size in {b.users for b in group.break_evens}
        ],
        show_minor_x_labels=len(users) <= 12,
        show_dots=len(users) <= 20,
        dots_size=3,
        allow_interruptions=True,
        # The axis starts a little below zero, so a free plan's line is drawn
        # inside the plot, not under its bottom edge.
        y_labels=[float(tick) for tick in ticks],
        range=(-float(ticks[-1]) * ZERO_MARGIN, float(ticks[-1])),
    )
    for series in group.series:
        chart.add(
            str(series.vendor),
            [None if p.cost is None else float(p.cost) for p in series.points],
        )
    headers = [gettext("Users"), *(str(vendor) for vendor in vendors)]
    rows = [
        [
            format_number(size),
            *(
                gettext("no plan fits")
                if point.cost is None
                else f"{format_money(point.cost, currency)} ({point.plan.name})"
                for point in points
            ),
        ]
        for size, points in zip(users, _columns(group), strict=True)
    ]
    font_size = config["style"].major_label_font_size
    svg = _render(
        chart, chart_id, description, steps=[_space_x_labels(break_even_labels, font_size)]
    )
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=svg,
        table=ChartTable(caption=title, headers=headers, rows=rows),
        notes=[b.label for b in group.break_evens],
    )


# How far below zero the cost axis starts, as a share of its top.
ZERO_MARGIN = 0.04


def cost_ticks(costs: Sequence[Decimal], most: int = 6) -> list[Decimal]:
    """The cost axis' ticks: 0, then steps of 1, 2, 5 or 10 × 10ⁿ past the highest cost.

    At most `most` steps, so that the tick labels never crowd.
    """
    top = max(costs, default=Decimal(0))
    if top <= 0:
        return [Decimal(0), Decimal(1)]
    magnitude = Decimal(10) ** (top / most).adjusted()
    step = next(magnitude * f for f in (1, 2, 5, 10) if magnitude * f * most >= top)
    return [step * n for n in range(math.ceil(top / step) + 1)]


def _columns(group: CurrencyGroup) -> list[list[Any]]:
    return [list(points) for points in zip(*(s.points for s in group.series), strict=True)]


def _cost_description(group: CurrencyGroup, users: Sequence[int]) -> str:
    parts = [
        gettext(
            "Lines for %(vendors)s, from %(first)s to %(last)s users, following each vendor's "
            "cheapest plan that fits."
        )
        % {
            "vendors": ", ".join(str(s.vendor) for s in group.series),
            "first": format_number(users[0]),
            "last": format_number(users[-1]),
        }
    ]
    for series in group.series:
        for step in series.steps:
            if step.after is None:
                parts.append(
                    gettext("%(vendor)s: no plan fits from %(users)s users.")
                    % {"vendor": series.vendor, "users": format_number(step.users)}
                )
            else:
                parts.append(
                    gettext("%(vendor)s: %(plan)s from %(users)s users.")
                    % {
                        "vendor": series.vendor,
                        "plan": step.after.name,
                        "users": format_number(step.users),
                    }
                )
    parts += [b.label[:1].upper() + b.label[1:] + "." for b in group.break_evens]
    return " ".join(parts)


def cost_charts(series: CostSeries) -> list[Chart]:
    """One chart per currency: amounts in different currencies never share an axis."""
    return [
        cost_chart(group, series.users, chart_id=f"cost-chart-{group.currency.lower()}")
        for group in series.groups
    ]


# --- Scores by criterion ----------------------------------------------------------------


# Characters per line of a criterion's name beside its bars: about a third of the chart.
LABEL_LINE = 20


@functools.lru_cache(maxsize=64)
def _scores_svg(
    language: str,
    chart_id: str,
    title: str,
    description: str,
    colors: tuple[str, ...],
    vendors: tuple[str, ...],
    groups: tuple[tuple[str, tuple[float | None, ...], int | None], ...],
) -> SafeString:
    """The scores chart's SVG; `language` is in the key because the numbers are localized."""
    config = _base_config(chart_id, title, description, list(colors))
    # Horizontal bars keep criterion names readable (no rotation) at any count.
    # pygal draws the first label at the bottom: reverse, to read top-down. Long
    # names are wrapped onto lines, not cut: pygal gets each name's longest line to
    # make room for, and the finished SVG the lines themselves. The chart grows
    # with the number of criteria, each group as tall as its bars or its name.
    wrapped = [wrap_label(criterion, LABEL_LINE) for criterion, _, _ in reversed(groups)]
    line_height = 1.2 * config["style"].label_font_size
    bars_height = 24 + 22 * len(vendors)
    group_height = max(bars_height, 8 + line_height * max(len(lines) for lines in wrapped))
    config["height"] = max(300, int(130 + len(groups) * group_height))
    config["legend_at_bottom_columns"] = 1
    chart = pygal.HorizontalBar(
        **config,
        range=(0, float(SCORE_MAX)),
        x_labels=[max(lines, key=len) for lines in wrapped],
        print_values=True,
        print_values_position="top",
        value_formatter=lambda value: format_number(Decimal(str(value))),
    )
    for column, vendor in enumerate(vendors):
        values = []
        for _criterion, scores, winner_index in reversed(groups):
            score = scores[column]
            if score is None:
                values.append(None)
            elif winner_index == column:
                values.append(
                    {
                        "value": score,
                        "formatter": lambda value: "★ " + format_number(Decimal(str(value))),
                    }
                )
            else:
                values.append(score)
        chart.add(vendor, values)
    return _render(chart, chart_id, description, bars=True, steps=[_wrap_y_labels(wrapped)])


def scores_chart(
    groups: Sequence[ScoreGroup], vendors: Sequence[Any], chart_id: str = "scores-chart"
) -> Chart | None:
    """One group of bars per criterion, one bar per vendor; the winner's bar marked ★."""
    if not groups or not vendors:
        return None
    title = gettext("Scores by criterion (out of %(max)s)") % {"max": format_number(SCORE_MAX)}
    winners = [
        gettext("%(criterion)s: %(vendor)s wins") % {"criterion": g.criterion, "vendor": vendors[i]}
        for g in groups
        if (i := g.winner_index) is not None
    ]
    description = (
        gettext("Bars for %(vendors)s on each criterion; ★ marks the winner.")
        % {"vendors": ", ".join(str(v) for v in vendors)}
        + " "
        + "; ".join(winners)
    ).strip()
    # Drawing it with pygal costs more than the rest of a comparison page's
    # shaping: it is memoized on everything it depends on (texts, colours,
    # scores, the language its numbers are in); see docs/performance.md.
    svg = _scores_svg(
        get_language(),
        chart_id,
        title,
        description,
        tuple(vendor_colors(vendors)),
        tuple(str(vendor) for vendor in vendors),
        tuple(
            (
                str(group.criterion),
                tuple(None if score is None else float(score) for score in group.scores),
                group.winner_index,
            )
            for group in groups
        ),
    )
    rows = []
    for group in groups:
        cells = [
            "—"
            if score is None
            else format_number(score) + (" ★" if i == group.winner_index else "")
            for i, score in enumerate(group.scores)
        ]
        rows.append([str(group.criterion), *cells])
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=svg,
        table=ChartTable(
            caption=title, headers=[gettext("Criterion"), *(str(v) for v in vendors)], rows=rows
        ),
    )


# --- Price history ----------------------------------------------------------------------------


def _unit_label(change) -> str:
    if change.pricing_unit == "per_use":
        return gettext("each time")
    per_user = change.pricing_unit == "per_user"
    if change.billing_period == "year":
        return gettext("per user a year") if per_user else gettext("a year")
    return gettext("per user a month") if per_user else gettext("a month")


def _price_text(change) -> str:
    if change.pricing_unit == "percent":
        return gettext("a percentage of the subscription")
    if change.price is None:
        return gettext("not published")
    text = f"{format_money(change.price, change.currency)} {_unit_label(change)}"
    if change.is_from_price:
        text += " " + gettext("(“from” price)")
    return text


def price_history_chart(
    history: PlanPriceHistory, today: date | None = None, chart_id: str | None = None
) -> Chart | None:
    """A step line of the plan's price over time; None when the price never changed."""
    if not history.has_changed:
        return None
    today = today or timezone.localdate()
    plan = history.plan
    chart_id = chart_id or f"price-history-{plan.pk}"
    title = gettext("Price history: %(plan)s") % {"plan": plan.name}
    changes = history.changes
    description = ngettext(
        "%(count)s price change between %(first)s and %(last)s.",
        "%(count)s price changes between %(first)s and %(last)s.",
        len(changes) - 1,
    ) % {
        "count": format_number(len(changes) - 1),
        "first": format_day(changes[0].day),
        "last": format_day(changes[-1].day),
    }
    currencies = history.currencies
    colors = [accessible_color(plan.vendor.color or FALLBACK_COLORS[0])] * len(currencies)
    config = _base_config(chart_id, title, description, colors)
    config["show_legend"] = len(currencies) > 1
    ticks = cost_ticks([change.price for change in changes if change.price is not None])
    # Dates are labelled where the price changed and today, level (no rotation);
    # those that would overlap are dropped once drawn, the latest change kept first.
    days = sorted({change.day for change in changes} | {max(today, changes[-1].day)})
    chart = pygal.DateLine(
        **config,
        x_title=gettext("Date"),
        y_title=gettext("Price"),
        x_value_formatter=format_day,
        x_labels=days,
        dots_size=4,
        allow_interruptions=True,
        # As on the cost chart: a price of zero is drawn inside the plot.
        y_labels=[float(tick) for tick in ticks],
        range=(-float(ticks[-1]) * ZERO_MARGIN, float(ticks[-1])),
    )
    for currency in currencies:
        # Currencies never share a line; a change of currency starts a new one.
        one = PlanPriceHistory(plan, [c for c in changes if c.currency == currency])
        chart.add(
            currency,
            [(day, float(price)) for day, price in step_points(one, today)],
            formatter=lambda value, currency=currency: format_money_compact(
                Decimal(str(value[1] if isinstance(value, (tuple, list)) else value)), currency
            ),
        )
    rows = [[format_day(change.day), _price_text(change)] for change in changes]
    # The last change's date is the one label that must show: the others give way to it.
    spacing = _space_x_labels([format_day(changes[-1].day)], config["style"].major_label_font_size)
    return Chart(
        id=chart_id,
        title=title,
        description=description,
        svg=_render(chart, chart_id, description, steps=[spacing]),
        table=ChartTable(caption=title, headers=[gettext("Since"), gettext("Price")], rows=rows),
    )


@dataclass(frozen=True)
class PriceHistoryPanel:
    """A plan on the vendor page: its chart, or a statement when its price never changed."""

    plan: Any
    chart: Chart | None
    statement: str


def price_history_panels(
    histories: Sequence[PlanPriceHistory], today: date | None = None
) -> list[PriceHistoryPanel]:
    panels = []
    for history in histories:
        chart = price_history_chart(history, today)
        current = history.current
        if current is None:
            statement = gettext("No recorded price.")
        elif chart is None and current.price is not None and current.pricing_unit != "percent":
            statement = gettext("Price unchanged since %(day)s: %(price)s.") % {
                "day": format_day(current.day),
                "price": gettext("free") if history.plan.is_free else _price_text(current),
            }
        else:
            statement = gettext("Since %(day)s: %(price)s.") % {
                "day": format_day(current.day),
                "price": _price_text(current),
            }
        panels.append(PriceHistoryPanel(plan=history.plan, chart=chart, statement=statement))
    return panels
