from django.urls import path

from . import views

app_name = "comparisons"

urlpatterns = [
    path("", views.home, name="home"),
    path("comparar/<slug:slug>/", views.comparison_detail, name="comparison_detail"),
    path("crm/<slug:slug>/", views.vendor_detail, name="vendor_detail"),
]

# Buyer tools: cost calculator, fit finder and price history (comparisons.tool_views).
from . import tool_views  # noqa: E402

urlpatterns += [
    path("comparar/<slug:slug>/coste/", tool_views.comparison_cost, name="comparison_cost"),
    path("comparar/<slug:slug>/encaje/", tool_views.comparison_fit, name="comparison_fit"),
    path("coste/", tool_views.cost_calculator, name="cost_calculator"),
    path("encaje/", tool_views.fit_finder, name="fit_finder"),
    path(
        "crm/<slug:slug>/historial-de-precios/",
        tool_views.vendor_price_history,
        name="vendor_price_history",
    ),
]
