"""The shared cache (django-redis) answers as an empty cache, and says so, while Redis is down."""

import json

from tests.fresh_python import run_django

CACHE_CALLS = """
import json
from django.core.cache import cache
cache.set("price", 14)
print(json.dumps({
    "get": cache.get("price"),
    "get_default": cache.get("price", "default"),
    "add": cache.add("price", 14),
    "get_many": cache.get_many(["a", "b"]),
}))
"""


def test_unreachable_redis_answers_as_an_empty_cache_and_logs_it():
    # The settings as deployed, with nothing listening at REDIS_URL.
    result = run_django(CACHE_CALLS, REDIS_URL="redis://127.0.0.1:1/0")

    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers == {"get": None, "get_default": "default", "add": None, "get_many": {}}
    assert "Exception ignored" in result.stdout + result.stderr
