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
