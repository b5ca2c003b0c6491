"""Request rates, read from settings on every request so tests and deployments can change them.

DRF's own throttles copy `DEFAULT_THROTTLE_RATES` once at import time, which would
make `override_settings` (and the schemathesis run) silently keep the old limits.

Clients are told apart by `client_address` (X-Forwarded-For only as far as the
deployment's own proxies vouch for it), and request histories live in the shared
cache; while that is unreachable, in this process's memory, so the limits hold
per process instead of silently lifting.
"""

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from rest_framework import throttling
from rest_framework.settings import api_settings

from core.client_address import client_address


class FallbackThrottleCache:
    """The shared cache while it answers, else a cache in this process's memory.

    django-redis answers a miss when Redis is down (IGNORE_EXCEPTIONS), which
    would give every client an empty history: no limit at all. Its client, one
    layer down, raises ConnectionInterrupted instead, so the histories are read
    and written through it and an outage is told apart from a miss. The other
    backends (local memory, a disk cache) have no outage to tell.
    """

    def __init__(self) -> None:
        self.local = LocMemCache("throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})

    def get(self, key, default=None):
        shared = caches["default"]
        if not isinstance(shared, RedisCache):
            return shared.get(key, default)
        try:
            return shared.client.get(key, default=default)
        except ConnectionInterrupted:
            return self.local.get(key, default)

    def set(self, key, value, timeout=None):
        shared = caches["default"]
        if not isinstance(shared, RedisCache):
            shared.set(key, value, timeout)
            return
        try:
            shared.client.set(key, value, timeout)
        except ConnectionInterrupted:
            self.local.set(key, value, timeout)


fallback_throttle_cache = FallbackThrottleCache()


class _RatesFromSettings:
    cache = fallback_throttle_cache

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_address(request)


class AnonRateThrottle(_RatesFromSettings, throttling.AnonRateThrottle):
    """Anonymous clients: API_THROTTLE_ANON requests per period, per IP address."""


class UserRateThrottle(_RatesFromSettings, throttling.UserRateThrottle):
    """Signed-in clients: API_THROTTLE_USER requests per period, per user."""
