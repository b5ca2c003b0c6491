"""Page routes of the buyer tools, under the public pages' language prefixes."""

from django.urls import path

from .views import pages

app_name = "buyer_tools"

urlpatterns = [
    path("comparar/<slug:slug>/coste/", pages.comparison_cost, name="comparison_cost"),
    path("comparar/<slug:slug>/encaje/", pages.comparison_fit, name="comparison_fit"),
    path(
        "comparar/<slug:slug>/recomendacion/",
        pages.comparison_recommendation,
        name="comparison_recommendation",
    ),
    path("coste/", pages.cost_calculator, name="cost_calculator"),
    path("recomendacion/", pages.recommendation, name="recommendation"),
    path("encaje/", pages.fit_finder, name="fit_finder"),
    path(
        "crm/<slug:slug>/historial-de-precios/",
        pages.vendor_price_history,
        name="vendor_price_history",
    ),
]
