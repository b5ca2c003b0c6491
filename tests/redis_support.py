"""Cache settings for tests that need Redis, or its absence."""


def redis_cache(location: str, *, key_prefix: str = "") -> dict:
    """CACHES as the settings configure Redis (django-redis, errors answered as misses)."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
            },
        }
    }


# Nothing listens on port 1: every call fails at once, as when Redis is down.
CLOSED_PORT_REDIS = redis_cache("redis://127.0.0.1:1/0")
