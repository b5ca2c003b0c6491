"""A database outage shows a clear 503 page, never a stack trace."""

import json

import pytest
from django.db import InterfaceError, OperationalError

from core.middleware import DatabaseUnavailableMiddleware
from core.views.errors import server_error


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_database_error_in_a_view_answers_503(rf, error, english):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)

    response = middleware.process_exception(rf.get("/comparar/x/"), error("connection refused"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Temporarily unavailable" in body
    assert "connection refused" not in body


def test_api_clients_get_json(rf, english):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)

    response = middleware.process_exception(rf.get("/api/v1/plans/"), OperationalError("down"))

    assert response.status_code == 503
    assert "temporarily unavailable" in json.loads(response.content)["detail"]


def test_other_errors_are_left_to_django(rf):
    middleware = DatabaseUnavailableMiddleware(lambda request: None)

    assert middleware.process_exception(rf.get("/"), ValueError("bug")) is None


def test_database_error_outside_a_view_answers_503(rf):
    try:
        raise OperationalError("server closed the connection")
    except OperationalError:
        response = server_error(rf.get("/"))

    assert response.status_code == 503


def test_other_server_errors_stay_500(rf):
    try:
        raise ValueError("bug")
    except ValueError:
        response = server_error(rf.get("/"))

    assert response.status_code == 500


# --- The API answers its errors in JSON, whatever raised them -------------------------


@pytest.mark.django_db
def test_a_malformed_api_request_is_a_json_400(client, settings, english):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1_000
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    too_many_fields = "&".join(f"vendor=v{n}" for n in range(11))

    answers = [
        client.get(f"/api/v1/plans/?{too_many_fields}"),
        client.post(
            "/api/v1/auth/token/",
            json.dumps({"username": "x" * 2_000, "password": "y"}),
            content_type="application/json",
        ),
    ]

    for response in answers:
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": "Malformed request."}
    page = client.get(f"/comparar/?{too_many_fields}")
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")


def test_an_api_server_error_is_json_without_a_trace(rf, english):
    try:
        raise ValueError("secret detail")
    except ValueError:
        response = server_error(rf.get("/api/v1/plans/"))

    assert response.status_code == 500
    assert json.loads(response.content) == {"detail": "A server error occurred."}
