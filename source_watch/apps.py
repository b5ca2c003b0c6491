from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourceWatchConfig(AppConfig):
    """Checks watched sources for changes; depends on comparisons, never the reverse."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "source_watch"
    verbose_name = _("Source watch")
