from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from comparisons import health
from comparisons.admin.needs_checking import needs_checking_view
from comparisons.query_parameters import query_parameters
from comparisons.sitemaps import sitemaps
from comparisons.views import robots_txt

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
    prefix_default_language=False,
)

# The API is language-neutral in its URLs: ?lang= or Accept-Language picks the labels.
urlpatterns += [
    # Buyer tools (cost, cost series, fit, price history) first: the API's own
    # URLs end in a catch-all that answers unknown API paths with a JSON 404.
    path("api/v1/", include("comparisons.api.tool_urls")),
    path("api/", include("comparisons.api.urls")),
]

# A database outage met outside a view answers 503 with a clear page, not a 500.
handler500 = "comparisons.errors.server_error"
