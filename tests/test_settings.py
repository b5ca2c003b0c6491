"""Settings come from the environment: checked in a fresh interpreter per case."""

import json

import pytest

from tests.fresh_python import ROOT, run_python

PRINT_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "host": settings.DATABASES["default"].get("HOST"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "hosts": settings.ALLOWED_HOSTS,
    "language": settings.LANGUAGE_CODE,
    "languages": [code for code, _ in settings.LANGUAGES],
}))
"""


def settings_with(**env) -> dict:
    result = run_python("-c", PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_serve_debug_on_sqlite_in_the_project_folder():
    values = settings_with()
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["cache"].endswith("LocMemCache")
    assert values["language"] == "es"
    assert values["languages"] == ["es", "en"]


def test_database_url_selects_postgresql_through_psycopg():
    values = settings_with(DATABASE_URL="postgres://postgres@127.0.0.1:5432/shop")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "shop"
    assert values["host"] == "127.0.0.1"


def test_redis_url_enables_the_redis_cache():
    values = settings_with(REDIS_URL="redis://127.0.0.1:6379/3")
    # django-redis, which degrades to "no cache" when Redis is unreachable (test_cache.py).
    assert values["cache"] == "django_redis.cache.RedisCache"
    assert values["cache_location"] == "redis://127.0.0.1:6379/3"


def test_debug_off_refuses_to_start_without_a_secret_key():
    result = run_python("-c", PRINT_SETTINGS, DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_debug_off_with_secret_key_and_hosts_starts():
    values = settings_with(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="crm.example.com, www.crm.example.com",
    )
    assert values["debug"] is False
    assert values["hosts"] == ["crm.example.com", "www.crm.example.com"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_DEBUG", "maybe"),
        ("DJANGO_NUM_PROXIES", "two"),
        ("DJANGO_NUM_PROXIES", "-1"),
        ("STALE_AFTER_DAYS", "90 days"),
        ("DATABASE_URL", "nonsense"),
    ],
)
def test_a_value_that_does_not_parse_stops_the_start_naming_the_variable(name, value):
    result = run_python("-c", PRINT_SETTINGS, **{name: value})

    assert result.returncode != 0
    # The last line of the traceback: the error itself, not the line of code.
    assert name in result.stderr.strip().splitlines()[-1]
