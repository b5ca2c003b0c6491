"""The read-replica router: a GET's reads go to the replica once it has the primary's version."""

import pytest
from django.db import OperationalError

from comparisons.models import Plan
from core import data_version
from core.data_version import Version, request_scope
from core.routers import ReadReplicaRouter

pytestmark = pytest.mark.django_db


@pytest.fixture
def replica_at(monkeypatch):
    """Make the replica answer with a version of the test's choosing (or fail)."""
    primary_read = data_version.read_version

    def use(number=None, *, error=None):
        def read(alias):
            if alias != "replica":
                return primary_read(alias)
            if error:
                raise error
            return Version(number, data_version.current_version().changed_at)

        monkeypatch.setattr(data_version, "read_version", read)

    return use


def test_reads_go_to_the_replica_when_it_has_the_current_version(replica_at):
    with request_scope():
        replica_at(data_version.current_version().number)

        assert ReadReplicaRouter().db_for_read(Plan) == "replica"


def test_reads_go_to_the_primary_while_the_replica_lags_behind_a_write(replica_at):
    with request_scope():
        replica_at(data_version.current_version().number - 1)

        assert ReadReplicaRouter().db_for_read(Plan) == "default"


def test_an_unreachable_replica_sends_reads_to_the_primary(replica_at):
    replica_at(error=OperationalError("replica down"))

    with request_scope():
        assert ReadReplicaRouter().db_for_read(Plan) == "default"


def test_reads_outside_a_get_request_go_to_the_primary(replica_at):
    replica_at(data_version.current_version().number)

    assert ReadReplicaRouter().db_for_read(Plan) == "default"


def test_writes_and_migrations_go_to_the_primary():
    router = ReadReplicaRouter()

    assert router.db_for_write(Plan) == "default"
    assert router.allow_migrate("default", "comparisons") is True
    assert router.allow_migrate("replica", "comparisons") is False
