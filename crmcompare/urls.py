from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
]

# Spanish at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("comparisons.urls")),
    prefix_default_language=False,
)

# Buyer tools API (cost, cost series, fit, price history): outside i18n_patterns.
urlpatterns += [path("api/v1/", include("comparisons.api.tool_urls"))]
