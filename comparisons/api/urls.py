"""API URLs, all in the "api" namespace: the v1 resources, the token view, the schema and docs.

Other modules can add routes to `router` (or @action methods to the viewsets)
before this module's urlpatterns are built.
"""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings

from core.query_parameters import query_parameters

from . import views
from .auth import ObtainTokenView

app_name = "api"

# The documentation apps build their styles at run time (ReDoc also a web worker
# from a blob): allowed on these two pages only. Scripts stay the site's own files
# (the split Swagger view serves its start-up script as a file, not inline).
docs_csp = csp_update({"style-src": ["'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})
swagger_ui = query_parameters("lang", "version", "script")(
    SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html")
)
redoc = query_parameters("lang", "version")(
    SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
)
schema = query_parameters("lang", "version", api_settings.URL_FORMAT_OVERRIDE)(
    views.SchemaView.as_view()
)

router = DefaultRouter()
router.register("vendors", views.VendorViewSet, basename="vendor")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("plan-price-history", views.PlanPriceHistoryViewSet, basename="plan-price-history")
router.register("feature-categories", views.FeatureCategoryViewSet, basename="feature-category")
router.register("features", views.FeatureViewSet, basename="feature")
router.register(
    "feature-availabilities", views.FeatureAvailabilityViewSet, basename="feature-availability"
)
router.register("criteria", views.CriterionViewSet, basename="criterion")
router.register("assessments", views.AssessmentViewSet, basename="assessment")
router.register("comparisons", views.ComparisonViewSet, basename="comparison")
router.register("faq", views.FAQEntryViewSet, basename="faq-entry")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("v1/auth/token/", ObtainTokenView.as_view(), name="token"),
    path("v1/", include(router.urls)),
    path("schema/", schema, name="schema"),
    path("docs/", docs_csp(swagger_ui), name="swagger-ui"),
    path("redoc/", docs_csp(redoc), name="redoc"),
]
