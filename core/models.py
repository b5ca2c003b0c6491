from django.db import models


class DataVersion(models.Model):
    """The catalogue's data version: one row (pk 1), moved by database triggers on every write.

    Every table of the apps in settings.DATA_VERSION_APPS has triggers that add 1
    to `version` and stamp `changed_at` in the same transaction as the write
    (core/version_triggers.py), so the version becomes visible together with the
    rows it describes, whoever wrote them: the admin, the API, a command, a shell.
    Cached responses, ETags and Last-Modified are derived from it (docs/caching.md).
    """

    version = models.BigIntegerField()
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="data_version_single_row"),
        ]

    def __str__(self) -> str:
        return f"{self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
