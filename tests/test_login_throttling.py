"""Repeated failed logins are refused with 429, per address and per username, on the
admin and the API token view alike; forged X-Forwarded-For headers and a Redis
outage do not lift the limit, and a correct password waits for the cool-off."""

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, EditorFactory

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/"
TOKEN = "/api/v1/auth/token/"
ENDPOINTS = [ADMIN_LOGIN, TOKEN]
WRONG = "not-the-password"


@pytest.fixture(autouse=True)
def _only_the_login_lockout_refuses(settings):
    # The API's own request rate must not be what answers 429 here.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "1000/minute", "user": "1000/minute"},
    }


def attempt(client, endpoint, username, password, **extra):
    return client.post(
        endpoint, {"username": username, "password": password, "next": "/admin/"}, **extra
    )


def refused(response) -> bool:
    return response.status_code == 429


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_thirty_wrong_passwords_end_in_429(client, endpoint):
    editor = EditorFactory()

    responses = [attempt(client, endpoint, editor.username, WRONG) for _ in range(30)]

    assert responses[0].status_code in (200, 400)  # the form again / "wrong credentials"
    assert [r.status_code for r in responses[-20:]] == [429] * 20


def test_admin_lockout_page_says_why_in_the_visitors_language(client):
    editor = EditorFactory()
    for _ in range(30):
        response = attempt(client, ADMIN_LOGIN, editor.username, WRONG)

    assert response.status_code == 429
    assert "text/html" in response["Content-Type"]
    assert "Demasiados intentos fallidos" in response.content.decode()
    assert int(response["Retry-After"]) > 0

    english = attempt(client, "/en/admin/login/", editor.username, WRONG)
    assert english.status_code == 429
    assert "Too many failed sign-in attempts" in english.content.decode()


def test_api_lockout_answers_json_with_a_detail_and_retry_after(client):
    editor = EditorFactory()
    for _ in range(30):
        response = attempt(client, TOKEN, editor.username, WRONG, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.json()["detail"]
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_forging_x_forwarded_for_does_not_reset_the_count(client, endpoint):
    # A different username and a different forged address each time: only the
    # socket's address ties the attempts together.
    responses = [
        attempt(client, endpoint, f"guess{n}", WRONG, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
        for n in range(30)
    ]

    assert refused(responses[-1])
    assert sum(refused(r) for r in responses) >= 20


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_one_username_is_locked_whatever_address_the_guesses_come_from(client, endpoint):
    editor = EditorFactory()
    for n in range(30):
        attempt(client, endpoint, editor.username, WRONG, REMOTE_ADDR=f"203.0.113.{n}")

    response = attempt(client, endpoint, editor.username, TEST_PASSWORD, REMOTE_ADDR="192.0.2.1")

    assert refused(response)


def test_a_correct_password_is_refused_until_the_cool_off_has_passed(client, settings):
    from axes.models import AccessAttempt

    editor = EditorFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, TOKEN, editor.username, WRONG)

    on_admin = attempt(client, ADMIN_LOGIN, editor.username, TEST_PASSWORD)
    on_api = attempt(client, TOKEN, editor.username, TEST_PASSWORD)

    assert refused(on_admin) and refused(on_api)
    assert "token" not in on_api.json()
    assert "_auth_user_id" not in client.session

    # As if the cool-off had passed since the last failure.
    for failure in AccessAttempt.objects.all():
        failure.attempt_time -= settings.AXES_COOLOFF_TIME
        failure.save()

    on_api = attempt(client, TOKEN, editor.username, TEST_PASSWORD)
    on_admin = attempt(client, ADMIN_LOGIN, editor.username, TEST_PASSWORD)
    assert on_api.status_code == 200 and on_api.json()["token"]
    assert on_admin.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_attempts_during_a_lockout_do_not_prolong_it(client, settings):
    from axes.models import AccessAttempt

    editor = EditorFactory()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, ADMIN_LOGIN, editor.username, WRONG)
    locked_at = {a.pk: a.attempt_time for a in AccessAttempt.objects.all()}

    for _ in range(5):
        assert refused(attempt(client, ADMIN_LOGIN, editor.username, WRONG))

    assert {a.pk: a.attempt_time for a in AccessAttempt.objects.all()} == locked_at


def test_a_few_mistakes_then_the_right_password_signs_in(client):
    editor = EditorFactory()
    for _ in range(3):
        assert attempt(client, ADMIN_LOGIN, editor.username, WRONG).status_code == 200

    assert attempt(client, ADMIN_LOGIN, editor.username, TEST_PASSWORD).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    assert attempt(client, TOKEN, editor.username, TEST_PASSWORD).status_code == 200


def test_trusted_proxies_tell_clients_apart_and_ignore_what_clients_wrote(client, settings):
    settings.NUM_PROXIES = 1
    for n in range(30):
        # The proxy appends the address it was reached from; the rest is the client's.
        attempt(client, TOKEN, f"guess{n}", WRONG, HTTP_X_FORWARDED_FOR=f"10.9.9.{n}, 203.0.113.5")

    from_attacker = attempt(client, TOKEN, "someone", WRONG, HTTP_X_FORWARDED_FOR="203.0.113.5")
    from_another_client = attempt(
        client, TOKEN, "someone", WRONG, HTTP_X_FORWARDED_FOR="203.0.113.6"
    )

    assert refused(from_attacker)
    assert from_another_client.status_code == 400


def test_a_malformed_forwarded_address_is_a_login_failure_not_a_server_error(client, settings):
    settings.NUM_PROXIES = 2

    response = attempt(client, TOKEN, "someone", WRONG, HTTP_X_FORWARDED_FOR="not-an-address")

    assert response.status_code == 400
