"""API routes of the buyer tools, included from crmcompare/urls.py under api/v1/."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "comparisons/<slug:slug>/cost/",
        views.ComparisonCostView.as_view(),
        name="api-comparison-cost",
    ),
    path(
        "comparisons/<slug:slug>/cost-series/",
        views.ComparisonCostSeriesView.as_view(),
        name="api-comparison-cost-series",
    ),
    path(
        "comparisons/<slug:slug>/fit/",
        views.ComparisonFitView.as_view(),
        name="api-comparison-fit",
    ),
    path(
        "comparisons/<slug:slug>/recommendation/",
        views.ComparisonRecommendationView.as_view(),
        name="api-comparison-recommendation",
    ),
    path("tools/cost/", views.PickedCostView.as_view(), name="api-cost"),
    path(
        "tools/recommendation/", views.PickedRecommendationView.as_view(), name="api-recommendation"
    ),
    path("tools/cost-series/", views.PickedCostSeriesView.as_view(), name="api-cost-series"),
    path("tools/fit/", views.PickedFitView.as_view(), name="api-fit"),
    path(
        "vendors/<slug:slug>/price-history/",
        views.PriceHistoryView.as_view(),
        name="api-vendor-price-history",
    ),
]
