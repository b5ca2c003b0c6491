from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site plumbing every app uses: response cache, data version, errors, logs, templates."""

    name = "core"
    label = "core"
    verbose_name = _("Site")
