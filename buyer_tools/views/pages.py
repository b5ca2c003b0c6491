"""Buyer tools pages: cost calculator, fit finder, recommendation, price history. GET forms only.

Each exists under a comparison (/comparar/<slug>/coste/) and for any vendors
the buyer picks (/coste/?vendors=a&vendors=b). Views parse with a form, read
with selectors, shape with the pure modules, render.
"""

from dataclasses import replace

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode

from comparisons import selectors
from comparisons.models import Comparison, Vendor
from comparisons.tables import build_comparison_table
from comparisons.views.common import conditional
from core.query_parameters import query_parameters

from ..charts import cost_charts, price_history_panels, scores_chart
from ..fit import format_weights, rank_by_fit
from ..forms import CostPageForm, FitForm, RecommendationPageForm, ToolVendorsForm
from ..inputs import team_must_haves
from ..pricing import compare_costs
from ..recommendation import CLOSE_CALL_MARGIN, recommend
from ..series import cost_series, plan_histories, score_groups


def _comparison_or_404(slug: str) -> Comparison:
    try:
        return selectors.tool_comparison(slug=slug)
    except Comparison.DoesNotExist:
        raise Http404 from None


def _picked_vendors(request):
    """The any-vendors selection, or the form to make one (with its errors)."""
    form = ToolVendorsForm(
        request.GET if ToolVendorsForm.mentioned_in(request.GET) else None,
        vendors=selectors.vendor_list(),
    )
    return form, (form.picked if form.is_valid() else None)


def tool_links(*, comparison, vendors) -> dict[str, str]:
    """URLs of the cost calculator, fit finder and recommendation for the same vendors."""
    if comparison is not None:
        slug = {"slug": comparison.slug}
        return {
            "cost_url": reverse("buyer_tools:comparison_cost", kwargs=slug),
            "fit_url": reverse("buyer_tools:comparison_fit", kwargs=slug),
            "recommendation_url": reverse("buyer_tools:comparison_recommendation", kwargs=slug),
        }
    query = "?" + urlencode([("vendors", vendor.slug) for vendor in vendors])
    return {
        "cost_url": reverse("buyer_tools:cost_calculator") + query,
        "fit_url": reverse("buyer_tools:fit_finder") + query,
        "recommendation_url": reverse("buyer_tools:recommendation") + query,
    }


def _tool_context(*, form, vendors, comparison, pick_form) -> dict:
    """What every tool page shows besides its answer: its forms, vendors and sister tools."""
    return {
        "comparison": comparison,
        "vendors": vendors,
        "form": form,
        "pick_form": pick_form,
        # The any-vendors selection travels with the tool's own form.
        "hidden_vendors": vendors if comparison is None and vendors else [],
        **tool_links(comparison=comparison, vendors=vendors or []),
    }


def _render_tool(request, template: str, context: dict):
    """The page, a 400 when either of its forms has errors (they are shown on it)."""
    pick_form = context["pick_form"]
    invalid = context["form"].errors or (pick_form is not None and pick_form.errors)
    return render(request, template, context, status=400 if invalid else 200)


def _cost_page(request, *, vendors, comparison=None, pick_form=None):
    form = CostPageForm(request.GET, features=selectors.feature_list())
    context = _tool_context(form=form, vendors=vendors, comparison=comparison, pick_form=pick_form)
    if vendors and form.is_valid():
        plans = selectors.pricing_plans(vendors=vendors)
        musts = team_must_haves(vendors=vendors, features=form.needed_features)
        series = cost_series(
            vendors=vendors, plans=plans, users=form.chart_users, must_haves=musts, **form.team
        )
        context.update(
            result=compare_costs(
                vendors=vendors, plans=plans, needs=replace(form.needs, must_haves=musts)
            ),
            series=series,
            charts=cost_charts(series),
        )
    return _render_tool(request, "buyer_tools/cost.html", context)


@query_parameters(*CostPageForm.parameter_names())
@conditional
def comparison_cost(request, slug):
    comparison = _comparison_or_404(slug)
    return _cost_page(
        request, vendors=selectors.comparison_vendors(comparison), comparison=comparison
    )


@query_parameters(*ToolVendorsForm.parameter_names(), *CostPageForm.parameter_names())
@conditional
def cost_calculator(request):
    pick_form, vendors = _picked_vendors(request)
    return _cost_page(request, vendors=vendors, pick_form=pick_form)


def _fit_page(request, *, vendors, comparison=None, pick_form=None):
    criteria, assessments = selectors.fit_inputs(vendors=vendors or [])
    form = FitForm(request.GET, criteria=criteria)
    context = _tool_context(form=form, vendors=vendors, comparison=comparison, pick_form=pick_form)
    if vendors and form.is_valid():
        context["ranking"] = rank_by_fit(
            vendors=vendors,
            criteria=criteria,
            assessments=assessments,
            weights=form.chosen_weights,
        )
        sections = selectors.comparison_sections(comparison=comparison) if comparison else []
        table = build_comparison_table(
            vendors=vendors, criteria=criteria, assessments=assessments, sections=sections
        )
        context["scores_chart"] = scores_chart(score_groups(table.criteria), vendors)
    return _render_tool(request, "buyer_tools/fit.html", context)


@query_parameters(*FitForm.parameter_names())
@conditional
def comparison_fit(request, slug):
    comparison = _comparison_or_404(slug)
    return _fit_page(
        request, vendors=selectors.comparison_vendors(comparison), comparison=comparison
    )


@query_parameters(*ToolVendorsForm.parameter_names(), *FitForm.parameter_names())
@conditional
def fit_finder(request):
    pick_form, vendors = _picked_vendors(request)
    return _fit_page(request, vendors=vendors, pick_form=pick_form)


def _recommendation_page(request, *, vendors, comparison=None, pick_form=None):
    criteria, assessments = selectors.fit_inputs(vendors=vendors or [])
    form = RecommendationPageForm(request.GET, criteria=criteria, features=selectors.feature_list())
    context = _tool_context(form=form, vendors=vendors, comparison=comparison, pick_form=pick_form)
    context["margin"] = CLOSE_CALL_MARGIN
    if vendors and form.is_valid():
        musts = team_must_haves(vendors=vendors, features=form.needed_features)
        context["answer"] = recommend(
            vendors=vendors,
            plans=selectors.pricing_plans(vendors=vendors),
            criteria=criteria,
            assessments=assessments,
            weights=form.chosen_weights,
            needs=replace(form.needs, must_haves=musts),
        )
        context["weights_text"] = format_weights(form.chosen_weights)
    return _render_tool(request, "buyer_tools/recommendation.html", context)


@query_parameters(*RecommendationPageForm.parameter_names())
@conditional
def comparison_recommendation(request, slug):
    comparison = _comparison_or_404(slug)
    return _recommendation_page(
        request, vendors=selectors.comparison_vendors(comparison), comparison=comparison
    )


@query_parameters(*ToolVendorsForm.parameter_names(), *RecommendationPageForm.parameter_names())
@conditional
def recommendation(request):
    pick_form, vendors = _picked_vendors(request)
    return _recommendation_page(request, vendors=vendors, pick_form=pick_form)


@query_parameters()
@conditional
def vendor_price_history(request, slug):
    vendor = get_object_or_404(Vendor, slug=slug)
    plans, records = selectors.plan_price_history(vendor=vendor)
    return render(
        request,
        "buyer_tools/price_history.html",
        {"vendor": vendor, "panels": price_history_panels(plan_histories(plans, records))},
    )
