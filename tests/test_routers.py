"""The read-replica router: reads to the replica, except just after a write."""

import time

from django.core.cache import cache

from comparisons.models import Plan
from core.data_version import VERSION_KEY
from core.routers import ReadReplicaRouter


def test_reads_go_to_the_replica_when_nothing_was_written_lately(settings):
    settings.REPLICA_LAG_GUARD = 5
    cache.set(VERSION_KEY, time.time() - 60, None)

    assert ReadReplicaRouter().db_for_read(Plan) == "replica"


def test_reads_just_after_a_write_go_to_the_primary(settings):
    settings.REPLICA_LAG_GUARD = 5
    cache.set(VERSION_KEY, time.time(), None)

    assert ReadReplicaRouter().db_for_read(Plan) == "default"


def test_writes_and_migrations_go_to_the_primary():
    router = ReadReplicaRouter()

    assert router.db_for_write(Plan) == "default"
    assert router.allow_migrate("default", "comparisons") is True
    assert router.allow_migrate("replica", "comparisons") is False
