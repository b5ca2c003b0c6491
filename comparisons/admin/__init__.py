"""The editors' admin: one module per group of models, plus the "needs checking" view."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import catalog, editorial  # noqa: F401 — registers the ModelAdmins

admin.site.site_header = _("crmcompare editors")
admin.site.site_title = _("crmcompare admin")
admin.site.index_title = _("Catalogue and comparisons")
