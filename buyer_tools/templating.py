"""Template globals the buyer tools lend the catalogue's pages (collected by core/jinja2.py).

The comparison page links to the tools and shows the scores chart, and the vendor
page its price history: through these globals, so `comparisons` never imports
the tools.
"""

from .charts import price_history_panels, scores_chart
from .series import plan_histories, score_groups
from .views.pages import tool_links as build_tool_links


def tool_links(comparison, vendors) -> dict[str, str]:
    """links.cost_url, links.fit_url and links.recommendation_url of the buyer tools."""
    return build_tool_links(comparison=comparison, vendors=vendors)


def scores_chart_for(table):
    """The scores chart of a ComparisonTable (no queries), or None."""
    return scores_chart(score_groups(table.criteria), table.vendors)


def price_history_panels_for(plans, records):
    """Price history panels of `plans` from their recorded versions (no queries)."""
    return price_history_panels(plan_histories(plans, records))


JINJA_GLOBALS = {
    "tool_links": tool_links,
    "scores_chart_for": scores_chart_for,
    "price_history_panels_for": price_history_panels_for,
}
