"""The shared cache (django-redis) answers as an empty cache, and says so, while Redis is down."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CACHE_CALLS = """
import json
import django
django.setup()
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
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_"))}
    result = subprocess.run(
        [sys.executable, "-c", CACHE_CALLS],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "crmcompare.settings",
            "REDIS_URL": "redis://127.0.0.1:1/0",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    answers = json.loads(lines[-1])
    assert answers == {"get": None, "get_default": "default", "add": None, "get_many": {}}
    assert "Exception ignored" in result.stdout + result.stderr
