"""The data version moves on every write, and again once the write is committed."""

import pytest

from core.data_version import data_timestamp
from tests.factories import VendorFactory

pytestmark = pytest.mark.django_db


def test_version_moves_again_when_the_write_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        VendorFactory()
        during = data_timestamp()

    for callback in callbacks:
        callback()

    assert callbacks
    assert data_timestamp() != during
