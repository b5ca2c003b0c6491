"""Settings read from the environment, checked in fresh interpreters."""

import os

from tests.fresh_python import make_dry_run, run_django, run_python

STRONG_KEY = "k3y-" + "x9Qm2Lr7Tz" * 6

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_ALLOWED_HOSTS": "crm.example.com",
}


def settings_value(expression: str, **env: str) -> str:
    result = run_django(f"from django.conf import settings; print({expression})", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_refuses_to_start_without_secret_key():
    result = run_django("", DJANGO_DEBUG="0")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_with_the_production_environment():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_follow_the_environment():
    behind_proxy = {
        **PRODUCTION,
        "DJANGO_TRUST_X_FORWARDED_PROTO": "1",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_HSTS_SECONDS": "600",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "DATABASE_REPLICA_URL": "sqlite:////tmp/crm-replica.sqlite3",
    }
    values = settings_value(
        "settings.SECURE_PROXY_SSL_HEADER, settings.SECURE_SSL_REDIRECT, "
        "settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE, "
        "settings.CSRF_COOKIE_SECURE, settings.EMAIL_BACKEND, settings.LOG_FORMAT, "
        "settings.CACHES['default']['BACKEND'], sorted(settings.DATABASES), "
        "settings.DATABASE_ROUTERS",
        **behind_proxy,
    )

    assert values.split(" ", 6) == [
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "False",
        "600",
        "True",
        "True",
        "django.core.mail.backends.locmem.EmailBackend json django_redis.cache.RedisCache"
        " ['default', 'replica'] ['core.routers.ReadReplicaRouter']",
    ]


def test_production_without_redis_shares_the_cache_between_workers_on_disk():
    value = settings_value("settings.CACHES['default']['BACKEND']", **PRODUCTION)

    assert value == "django.core.cache.backends.filebased.FileBasedCache"


def test_client_address_and_login_lockout_settings_follow_the_environment():
    defaults = settings_value(
        "settings.NUM_PROXIES, settings.REST_FRAMEWORK['NUM_PROXIES'], "
        "settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds(), "
        "settings.AXES_LOCKOUT_PARAMETERS",
        **PRODUCTION,
    )
    configured = settings_value(
        "settings.NUM_PROXIES, settings.REST_FRAMEWORK['NUM_PROXIES'], "
        "settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds(), "
        "settings.AXES_LOCKOUT_PARAMETERS",
        **PRODUCTION,
        DJANGO_NUM_PROXIES="2",
        LOGIN_FAILURE_LIMIT="5",
        LOGIN_COOLOFF_MINUTES="30",
        LOGIN_LOCKOUT_PARAMETERS="username+ip_address",
    )

    # 0, not DRF's unset None, which would trust the whole X-Forwarded-For header.
    assert defaults == "0 0 10 900.0 ['ip_address', 'username']"
    assert configured == "2 2 5 1800.0 [['username', 'ip_address']]"


def test_make_serve_names_the_proxies_gunicorn_trusts():
    def dry_run(*args: str) -> str:
        env = {k: v for k, v in os.environ.items() if k != "FORWARDED_ALLOW_IPS"}
        return make_dry_run("serve", *args, env=env)

    assert "--forwarded-allow-ips '127.0.0.1'" in dry_run()
    assert "--forwarded-allow-ips '10.0.0.2'" in dry_run("FORWARDED_ALLOW_IPS=10.0.0.2")
