from django.urls import path

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

# The public change log (issue 4).
from .views import changes  # noqa: E402

urlpatterns += [
    path("cambios/", changes.recent_changes, name="recent_changes"),
    path("cambios/rss/", changes.RecentChangesFeed(), name="recent_changes_rss"),
    path("cambios/atom/", changes.RecentChangesAtomFeed(), name="recent_changes_atom"),
]
