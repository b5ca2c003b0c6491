from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class ComparisonsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "comparisons"
    verbose_name = _("Comparisons")

    def ready(self):
        from core.data_version import data_changed

        # Every write to the catalogue (admin, API, loaddata, shell) moves the
        # data version, which invalidates cached pages, ETags and Last-Modified.
        for model in self.get_models():
            post_save.connect(data_changed, sender=model, dispatch_uid=f"fresh-save-{model}")
            post_delete.connect(data_changed, sender=model, dispatch_uid=f"fresh-del-{model}")
        m2m_changed.connect(data_changed, dispatch_uid="fresh-m2m")
