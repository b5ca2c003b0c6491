"""The editors' admin: one module per group of models, plus the "needs checking" view."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import catalog, editorial  # noqa: F401 — registers the ModelAdmins

admin.site.site_header = _("crmcompare editors")
admin.site.site_title = _("crmcompare admin")
admin.site.index_title = _("Catalogue and comparisons")
# A quarter of a 1280 px screen went to a list the home page already gives: the plan
# list's last column and the vendor page's rows ran off the side.
admin.site.enable_nav_sidebar = False
