"""Template helpers of the buyer tools: money and numbers in the page's language, charts."""

from decimal import Decimal

from django import template

from ..charts import scores_chart
from ..formatting import format_money, format_number
from ..series import score_groups

register = template.Library()


@register.filter
def money(amount, currency):
    """{{ cost.total|money:cost.currency }} → "70,00 US$" / "$70.00"."""
    if amount is None or amount == "":
        return ""
    return format_money(Decimal(amount), currency)


@register.filter
def number(value):
    """{{ 1000000|number }} → "1.000.000" / "1,000,000"."""
    if value is None or value == "":
        return ""
    return format_number(value)


@register.inclusion_tag("comparisons/tools/_scores_chart.html")
def scores_chart_for(table):
    """{% scores_chart_for table %}: the scores chart of a ComparisonTable (no queries)."""
    return {"chart": scores_chart(score_groups(table.criteria), table.vendors)}


@register.simple_tag
def tool_links(comparison, vendors):
    """{% tool_links comparison table.vendors as links %}: links.cost_url, links.fit_url."""
    from ..tool_views import tool_links as build

    return build(comparison=comparison, vendors=vendors)
