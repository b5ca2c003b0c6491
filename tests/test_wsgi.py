"""The WSGI entry point: long-lived objects leave the garbage collector's sight after warm-up."""

import gc

import pytest

from crmcompare.wsgi import freeze_after_warm_up


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]


def call(app):
    statuses = []
    body = b"".join(app({}, lambda status, headers: statuses.append(status)))
    return statuses[0], body


def test_objects_are_frozen_once_the_warm_up_requests_are_served(unfrozen):
    app = freeze_after_warm_up(hello, after=(3,))

    for _ in range(2):
        assert call(app) == ("200 OK", b"ok")
    assert gc.get_freeze_count() == 0

    assert call(app) == ("200 OK", b"ok")
    assert gc.get_freeze_count() > 0
