from django.urls import path

from . import views
from .query_parameters import query_parameters

app_name = "comparisons"

urlpatterns = [
    path("", views.home, name="home"),
    path("comparar/", views.compare, name="compare"),
    path("comparar/<slug:slug>/", views.comparison_detail, name="comparison_detail"),
    path(
        "comparar/<slug:slug>/preguntas-frecuentes/",
        views.comparison_faq,
        name="comparison_faq",
    ),
    path("crm/<slug:slug>/", views.vendor_detail, name="vendor_detail"),
    path("preguntas-frecuentes/", views.faq, name="faq"),
]

# The public change log (issue 4).
from . import feeds  # noqa: E402

urlpatterns += [
    path("cambios/", feeds.recent_changes, name="recent_changes"),
    path("cambios/rss/", query_parameters()(feeds.RecentChangesFeed()), name="recent_changes_rss"),
    path(
        "cambios/atom/",
        query_parameters()(feeds.RecentChangesAtomFeed()),
        name="recent_changes_atom",
    ),
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
