"""API routes of the buyer tools, included from crmcompare/urls.py under api/v1/."""

from django.urls import path

from . import tools

urlpatterns = [
    path(
        "comparisons/<slug:slug>/cost/",
        tools.ComparisonCostView.as_view(),
        name="api-comparison-cost",
    ),
    path(
        "comparisons/<slug:slug>/cost-series/",
        tools.ComparisonCostSeriesView.as_view(),
        name="api-comparison-cost-series",
    ),
    path(
        "comparisons/<slug:slug>/fit/",
        tools.ComparisonFitView.as_view(),
        name="api-comparison-fit",
    ),
    path("tools/cost/", tools.PickedCostView.as_view(), name="api-cost"),
    path("tools/cost-series/", tools.PickedCostSeriesView.as_view(), name="api-cost-series"),
    path("tools/fit/", tools.PickedFitView.as_view(), name="api-fit"),
    path(
        "vendors/<slug:slug>/price-history/",
        tools.PriceHistoryView.as_view(),
        name="api-vendor-price-history",
    ),
]
