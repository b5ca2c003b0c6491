"""Send reads to a read replica when DATABASE_REPLICA_URL configures one.

Writes, and reads inside a transaction that wrote, go to "default". A replica
lags a little behind; the pages it serves are cached under the data version,
which only moves on writes to "default", so a page built from a lagging replica
right after an edit could be cached under the new version. Hence reads within
REPLICA_LAG_GUARD of the latest write go to "default" too.
"""

import time

from django.conf import settings

from .data_version import data_timestamp


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        guard = getattr(settings, "REPLICA_LAG_GUARD", 5.0)
        if time.time() - data_timestamp() < guard:
            return "default"
        return "replica"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
