"""Anonymous clients are throttled at a configurable rate, with Retry-After."""

import pytest
from django.urls import reverse

from tests.api_support import user_with_permissions
from tests.redis_support import CLOSED_PORT_REDIS

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


def test_forged_x_forwarded_for_headers_do_not_escape_the_limit(client, low_rates):
    url = reverse("api:vendor-list")

    statuses = [
        client.get(url, {"offset": n}, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(3)
    ]

    assert statuses == [200, 200, 429]


def test_behind_trusted_proxies_each_client_has_its_own_budget(client, low_rates, settings):
    settings.NUM_PROXIES = 1
    url = reverse("api:vendor-list")

    def get(n, forwarded_for):
        return client.get(url, {"offset": n}, HTTP_X_FORWARDED_FOR=forwarded_for).status_code

    # Whatever the client wrote, the proxy's entry (the rightmost) names it.
    first_client = [get(n, f"10.0.0.{n}, 203.0.113.5") for n in range(3)]
    second_client = get(3, "203.0.113.6")

    assert first_client == [200, 200, 429]
    assert second_client == 200


@pytest.fixture
def redis_unreachable(settings):
    from comparisons.api.throttling import fallback_throttle_cache

    settings.CACHES = CLOSED_PORT_REDIS
    fallback_throttle_cache.local.clear()
    yield
    fallback_throttle_cache.local.clear()


def test_the_limit_holds_while_redis_is_unreachable(client, low_rates, redis_unreachable):
    url = reverse("api:vendor-list")

    statuses = [client.get(url, {"offset": n}).status_code for n in range(3)]

    assert statuses == [200, 200, 429]


def test_wrong_passwords_are_still_locked_out_while_redis_is_unreachable(client, redis_unreachable):
    from tests.factories import EditorFactory

    editor = EditorFactory()
    url = reverse("api:token")

    statuses = [
        client.post(url, {"username": editor.username, "password": "wrong"}).status_code
        for _ in range(30)
    ]

    assert statuses[-1] == 429
