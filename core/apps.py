from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Site plumbing every app uses: response cache, data version, errors, logs, templates."""

    name = "core"
    label = "core"
    verbose_name = _("Site")

    def ready(self):
        from .version_triggers import install_after_migrate

        # Sent once per app after every migrate (and flush): listen to core's only.
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="version-triggers")
