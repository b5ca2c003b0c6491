"""The Redis cache degrades to "no cache" and never serves pre-outage pages after it."""

import uuid

import pytest

from core import cache as resilient
from core.data_version import VERSION_KEY


def make_cache(location: str) -> resilient.ResilientRedisCache:
    return resilient.ResilientRedisCache(
        location,
        {
            "KEY_PREFIX": f"crm-test-{uuid.uuid4().hex}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": 60},
        },
    )


@pytest.fixture(autouse=True)
def _redis_considered_up():
    resilient._Health.down_until, resilient._Health.failed = 0.0, False
    yield
    resilient._Health.down_until, resilient._Health.failed = 0.0, False


def test_unreachable_redis_answers_as_an_empty_cache():
    cache = make_cache("redis://127.0.0.1:1/0")

    cache.set("price", 14)
    assert cache.get("price") is None
    assert cache.get("price", "default") == "default"
    assert cache.add("price", 14) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.is_available is False
    with pytest.raises(ValueError):
        cache.incr("hits")


def test_failure_is_remembered_so_requests_do_not_each_wait_for_a_timeout(monkeypatch):
    cache = make_cache("redis://127.0.0.1:1/0")
    cache.get("price")
    calls = []
    monkeypatch.setattr(
        resilient.RedisCache, "get", lambda *args, **kwargs: calls.append(args) or "hit"
    )

    assert cache.get("price") is None
    assert calls == []


def test_cache_back_after_an_outage_moves_the_data_version_on():
    cache = make_cache("redis://127.0.0.1:6379/0")
    cache.set(VERSION_KEY, 1.0, None)
    # A write happened while Redis was unreachable: its version bump was lost.
    resilient._Health.failed = True

    cache.get("anything")

    assert cache.get(VERSION_KEY) != 1.0
    assert resilient._Health.failed is False
    cache.delete(VERSION_KEY)


def test_one_redis_client_is_reused_for_every_call():
    cache = make_cache("redis://127.0.0.1:6379/0")

    assert cache._cache.get_client() is cache._cache.get_client(write=True)
