"""API URLs, all in the "api" namespace: the v1 resources, the token view, the schema and docs.

Other modules can add routes to `router` (or @action methods to the viewsets)
before this module's urlpatterns are built.
"""

from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from . import views
from .auth import ObtainTokenView

app_name = "api"

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

# drf-spectacular's Swagger UI and ReDoc pages start with an inline script and
# style; the site-wide Content-Security-Policy allows them on these two pages only.
DOCS_CSP = csp_update(
    {"script-src": ["'unsafe-inline'"], "style-src": ["'unsafe-inline'"], "worker-src": ["blob:"]}
)

urlpatterns = [
    path("v1/auth/token/", ObtainTokenView.as_view(), name="token"),
    path("v1/", include(router.urls)),
    # Only paths ending in "/", so APPEND_SLASH still redirects "/api/v1/vendors".
    re_path(r"^v1/[\s\S]*/$", views.UnknownEndpointView.as_view(), name="unknown"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        DOCS_CSP(SpectacularSwaggerView.as_view(url_name="api:schema")),
        name="swagger-ui",
    ),
    path("redoc/", DOCS_CSP(SpectacularRedocView.as_view(url_name="api:schema")), name="redoc"),
]
