from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from buyer_tools.sitemaps import sitemaps as tool_sitemaps
from comparisons.admin.needs_checking import needs_checking_view
from comparisons.sitemaps import sitemaps as catalogue_sitemaps
from comparisons.views import robots_txt
from core.query_parameters import query_parameters
from core.views import errors, health

sitemaps = {**catalogue_sitemaps, **tool_sitemaps}

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", query_parameters("p")(sitemap), {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    # Probes: outside i18n_patterns, so no language redirect.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

# Spanish at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("admin/needs-checking/", needs_checking_view, name="admin_needs_checking"),
    path("admin/", admin.site.urls),
    path("", include("comparisons.urls")),
    path("", include("buyer_tools.urls")),
    path("", include("site_search.urls")),
    prefix_default_language=False,
)

# The API is language-neutral in its URLs: ?lang= or Accept-Language picks the labels.
urlpatterns += [
    path("api/", include("comparisons.api.urls")),
    path("api/v1/", include("buyer_tools.api.urls")),
    path("api/v1/", include("site_search.api_urls")),
    # Unknown API paths answer a JSON 404, with DEBUG on too (Django's debug 404 page
    # replaces handler404 then). Only paths ending in "/", so APPEND_SLASH still
    # redirects "/api/v1/vendors".
    re_path(r"^api/[\s\S]*/$", errors.page_not_found),
]

handler400 = "core.views.errors.bad_request"
handler404 = "core.views.errors.page_not_found"
# A database outage met outside a view answers 503 with a clear page, not a 500.
handler500 = "core.views.errors.server_error"
