"""The WSGI entry point: long-lived objects leave the garbage collector's sight after warm-up."""

import gc

import pytest
from django.core.wsgi import get_wsgi_application
from django.test.client import RequestFactory

from crmcompare.wsgi import freeze_after_warm_up


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def call(app, path="/healthz"):
    environ = RequestFactory().get(path).environ
    statuses = []
    body = b"".join(app(environ, lambda status, headers: statuses.append(status)))
    return statuses[0], body


def test_objects_are_frozen_once_the_warm_up_requests_are_served(unfrozen):
    app = freeze_after_warm_up(get_wsgi_application(), after=(3,))

    for _ in range(2):
        assert call(app)[0].startswith("200")
    assert gc.get_freeze_count() == 0

    status, body = call(app)

    assert status.startswith("200")
    assert b"ok" in body
    assert gc.get_freeze_count() > 0
