"""A Redis cache that degrades to "no cache" when Redis is unreachable.

Django's RedisCache raises on every call while Redis is down, which would turn a
cache outage into a site outage. Here a failed call is logged once, answered as
a miss, and Redis is left alone for RETRY_AFTER seconds (so requests do not each
wait for a connect timeout); pages are then served from the database.

When Redis answers again after an outage, the data version is moved on: writes
made meanwhile could not bump it, and entries cached before them may still be
in Redis, so they must never be served.
"""

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class _Health:
    """Shared by every thread of the process (cache objects are per thread)."""

    lock = threading.Lock()
    down_until = 0.0  # time.monotonic() before which Redis is not tried
    failed = False  # a call failed since the last successful one


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a new redis.Redis per call; redis-py 8's constructor fills a
    table of ~170 response callbacks each time (about half a millisecond). One client
    per connection pool is thread-safe and saves that on every cache hit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient

    @property
    def is_available(self) -> bool:
        """False while Redis is known to be down (a call failed less than RETRY_AFTER ago)."""
        return time.monotonic() >= _Health.down_until

    def _call(self, operation: Callable[[], Any], fallback: Any) -> Any:
        if not self.is_available:
            return fallback
        try:
            result = operation()
        except (RedisError, OSError) as error:
            with _Health.lock:
                if not _Health.failed:
                    logger.warning("Cache unreachable, serving without it: %s", error)
                _Health.failed = True
                _Health.down_until = time.monotonic() + self.retry_after
            return fallback
        if _Health.failed:
            self._recovered()
        return result

    def _recovered(self) -> None:
        from .data_version import VERSION_KEY

        with _Health.lock:
            if not _Health.failed:
                return
            _Health.failed = False
        logger.warning("Cache reachable again; moving the data version on.")
        self._call(
            lambda: super(ResilientRedisCache, self).set(VERSION_KEY, time.time(), None), None
        )

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version), False
        )

    def get(self, key, default=None, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).get(key, default, version), default
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version), None
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version), False
        )

    def delete(self, key, version=None):
        return self._call(lambda: super(ResilientRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None):
        return self._call(lambda: super(ResilientRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None):
        return self._call(lambda: super(ResilientRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None):
        # Callers of incr() (e.g. rate limiters) expect ValueError for a missing key.
        result = self._call(
            lambda: super(ResilientRedisCache, self).incr(key, delta, version), None
        )
        if result is None:
            raise ValueError(f"Key '{key}' not found (cache unavailable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys, version=None):
        return self._call(lambda: super(ResilientRedisCache, self).delete_many(keys, version), None)

    def clear(self):
        return self._call(lambda: super(ResilientRedisCache, self).clear(), False)
