from django.urls import path

from core.query_parameters import query_parameters

from . import views

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

# The public change log.
from .views import changes  # noqa: E402

urlpatterns += [
    path("cambios/", changes.recent_changes, name="recent_changes"),
    path(
        "cambios/rss/", query_parameters()(changes.RecentChangesFeed()), name="recent_changes_rss"
    ),
    path(
        "cambios/atom/",
        query_parameters()(changes.RecentChangesAtomFeed()),
        name="recent_changes_atom",
    ),
]
