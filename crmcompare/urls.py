from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from comparisons.admin.needs_checking import needs_checking_view

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
]

# Spanish at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("admin/needs-checking/", needs_checking_view, name="admin_needs_checking"),
    path("admin/", admin.site.urls),
    path("", include("comparisons.urls")),
    prefix_default_language=False,
)
