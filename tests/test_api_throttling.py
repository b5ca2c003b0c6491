"""Anonymous clients are throttled at a configurable rate, with Retry-After."""

import pytest
from django.urls import reverse

from tests.api_support import user_with_permissions

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute"},
    }


def test_anonymous_client_gets_429_with_retry_after(client, low_rates):
    # Distinct URLs: a response served from the public cache costs nothing and is
    # not counted; every request that reaches the API is.
    url = reverse("api:vendor-list")
    statuses = [client.get(url, {"offset": n}).status_code for n in range(3)]

    assert statuses == [200, 200, 429]
    response = client.get(url, {"offset": 3})
    assert int(response["Retry-After"]) > 0
    assert "detail" in response.json()


def test_cached_reads_are_not_counted_against_the_rate(client, low_rates):
    """A cache hit costs less than the 429 that would refuse it."""
    url = reverse("api:vendor-list")

    responses = [client.get(url) for _ in range(5)]

    assert [r.status_code for r in responses] == [200] * 5
    assert [r["X-Cache"] for r in responses] == ["miss"] + ["hit"] * 4
    # Reads that reach the API are still counted: one so far, one left.
    assert client.get(url, {"offset": 1}).status_code == 200
    assert client.get(url, {"offset": 2}).status_code == 429


def test_signed_in_clients_have_their_own_rate(client, low_rates):
    client.force_login(user_with_permissions())
    url = reverse("api:vendor-list")

    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_token_view_is_throttled_too(client, low_rates):
    url = reverse("api:token")
    statuses = [client.post(url, {"username": "x", "password": "y"}).status_code for _ in range(3)]

    assert statuses == [400, 400, 429]
