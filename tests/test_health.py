"""Probes: /healthz never touches the database, /readyz reports database and cache."""

import json

import pytest
from django.db import OperationalError, connections
from django.test import override_settings

from tests.fresh_python import run_django
from tests.redis_support import CLOSED_PORT_REDIS


def test_healthz_answers_without_the_database(client):
    # No django_db mark: any database access would raise.
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_database_and_cache_ok(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@pytest.mark.django_db
@override_settings(CACHES=CLOSED_PORT_REDIS)
def test_readyz_says_the_cache_is_down_but_stays_ready(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "unavailable"


@pytest.mark.django_db
def test_readyz_tells_anonymous_clients_only_unavailable_and_logs_the_cause(
    client, monkeypatch, caplog
):
    secret = 'could not connect to server: host "db-primary.internal" (10.1.2.3)'

    def refuse():
        raise OperationalError(secret)

    monkeypatch.setattr(connections["default"], "cursor", refuse)
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "cache": "ok"},
    }
    assert "db-primary" not in response.content.decode()
    assert any("db-primary.internal" in record.getMessage() for record in caplog.records)


def run_client(script: str, **env: str) -> dict:
    """Requests made in a fresh interpreter whose settings point at closed ports."""
    result = run_django(script, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


DATABASE_DOWN_SCRIPT = """
import json
from django.test import Client
client = Client()
answers = {}
for path in ("/", "/en/", "/healthz", "/readyz"):
    response = client.get(path)
    answers[path] = [response.status_code, response.content.decode(), response.get("Retry-After")]
print(json.dumps(answers))
"""


def test_with_the_database_unreachable_pages_answer_503_with_a_clear_page():
    answers = run_client(
        DATABASE_DOWN_SCRIPT,
        DATABASE_URL="postgres://postgres@127.0.0.1:1/crm_prod",
        DJANGO_LOG_LEVEL="CRITICAL",
    )

    status, body, retry_after = answers["/"]
    assert status == 503
    assert "El sitio no está disponible temporalmente" in body or "temporarily" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert retry_after == "30"
    assert answers["/en/"][0] == 503
    assert "temporarily unavailable" in answers["/en/"][1]
    assert answers["/healthz"][0] == 200
    assert answers["/readyz"][0] == 503
    readiness = json.loads(answers["/readyz"][1])
    assert readiness["status"] == "unavailable"
    assert readiness["checks"]["database"] == "unavailable"
    assert "OperationalError" not in answers["/readyz"][1]
