from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BuyerToolsConfig(AppConfig):
    """Cost calculator, fit finder, price history and their charts: no models of their own."""

    name = "buyer_tools"
    verbose_name = _("Buyer tools")
