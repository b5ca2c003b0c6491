"""Send reads to a read replica when DATABASE_REPLICA_URL configures one.

Writes go to "default". The reads of a GET or HEAD request go to the replica
once it has caught up with the data version the request serves, which is read
from "default" (core.data_version.replica_is_current): a page built from a
lagging replica could otherwise be cached as current right after an edit.
Other requests (writes) and commands read from "default".
"""

from .data_version import replica_is_current


class ReadReplicaRouter:
    def db_for_read(self, model, **hints):
        return "replica" if replica_is_current() else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
