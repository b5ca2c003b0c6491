"""The public response cache: hits for anonymous reads, never a stale page."""

import gzip
import json

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import override_settings

from comparisons.models import Comparison
from core.data_version import SELECT_VERSION
from core.middleware import PublicResponseCacheMiddleware
from tests.factories import ComparisonFactory
from tests.redis_support import CLOSED_PORT_REDIS

pytestmark = pytest.mark.django_db


def test_anonymous_page_is_served_from_the_cache_the_second_time(client):
    ComparisonFactory(title="Zoho vs HubSpot")

    first = client.get("/")
    second = client.get("/")

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert "Zoho vs HubSpot" in second.content.decode()


def test_cache_hit_runs_one_query_the_data_version(client, django_assert_num_queries):
    ComparisonFactory()
    client.get("/")

    with django_assert_num_queries(1) as queries:
        assert client.get("/")["X-Cache"] == "hit"
    assert queries.captured_queries[0]["sql"] == SELECT_VERSION


def test_any_write_invalidates_cached_pages(client):
    comparison = ComparisonFactory(title="Old title")
    assert "Old title" in client.get("/").content.decode()

    comparison.title = "New title"
    comparison.save()
    response = client.get("/")

    assert response["X-Cache"] == "miss"
    assert "New title" in response.content.decode()


def test_loaddata_invalidates_cached_pages(client, tmp_path):
    comparison = ComparisonFactory(title="Before the fixture")
    assert "Before the fixture" in client.get("/").content.decode()
    fixture = tmp_path / "update.json"
    fixture.write_text(
        json.dumps(
            [
                {
                    "model": "comparisons.comparison",
                    "pk": comparison.pk,
                    "fields": {
                        "title": "Loaded from a fixture",
                        "slug": comparison.slug,
                        "is_published": True,
                        "updated_on": "2026-01-01",
                        "updated_at": "2026-01-01T00:00:00Z",
                    },
                }
            ]
        )
    )

    call_command("loaddata", str(fixture), verbosity=0)

    assert "Loaded from a fixture" in client.get("/").content.decode()


def test_languages_are_cached_apart(client):
    ComparisonFactory()

    spanish = client.get("/")
    english = client.get("/en/")

    assert english["X-Cache"] == "miss"
    assert english["Content-Language"] == "en"
    assert spanish["Content-Language"] == "es"
    assert client.get("/en/").content == english.content


def test_accept_header_is_part_of_the_key(client):
    ComparisonFactory()
    client.get("/", HTTP_ACCEPT="text/html")

    assert client.get("/", HTTP_ACCEPT="application/json")["X-Cache"] == "miss"


def test_conditional_get_on_a_cached_page_answers_304(client):
    ComparisonFactory()
    etag = client.get("/")["ETag"]

    response = client.get("/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def test_editors_with_a_session_are_never_served_the_cache(client, admin_user):
    ComparisonFactory()
    client.get("/")
    client.force_login(admin_user)

    response = client.get("/")

    assert "X-Cache" not in response


def test_authenticated_api_clients_bypass_the_cache(client):
    ComparisonFactory()
    client.get("/")

    assert "X-Cache" not in client.get("/", HTTP_AUTHORIZATION="Token abc")


@pytest.mark.parametrize("path", ["/admin/login/", "/en/admin/login/", "/healthz", "/readyz"])
def test_admin_and_probes_are_not_cached(client, path):
    client.get(path)

    assert "X-Cache" not in client.get(path)


def test_post_is_not_cached(client):
    assert "X-Cache" not in client.post("/")


def test_response_cache_can_be_switched_off(client, settings):
    settings.RESPONSE_CACHE = False
    ComparisonFactory()
    client.get("/")

    assert "X-Cache" not in client.get("/")


def test_responses_that_set_cookies_are_not_stored(rf):
    # e.g. a page with a CSRF token: its cookie must never be shared.
    response = HttpResponse("x")
    response.set_cookie("csrftoken", "secret")

    assert not PublicResponseCacheMiddleware.is_storable(rf.get("/"), response)


@override_settings(CACHES=CLOSED_PORT_REDIS)
def test_with_redis_unreachable_pages_are_served_and_never_stale(client):
    ComparisonFactory(title="Still served")
    first, second = client.get("/"), client.get("/")
    Comparison.objects.update(title="Still served, fresh")

    third = client.get("/")

    assert first.status_code == second.status_code == third.status_code == 200
    assert "Still served" in second.content.decode()
    # This worker's own copy, valid while the version (in the database) is.
    assert second["X-Cache"] == "hit"
    assert "Still served, fresh" in third.content.decode()


def test_api_reads_are_cached_per_requested_language(client):
    ComparisonFactory()
    client.get("/api/v1/plans/", HTTP_ACCEPT_LANGUAGE="es")

    english = client.get("/api/v1/plans/", HTTP_ACCEPT_LANGUAGE="en")

    assert english["X-Cache"] == "miss"
    assert english["Content-Language"] == "en"


def test_cached_pages_are_sent_gzipped_to_clients_that_accept_it(client):
    ComparisonFactory(title="Compressed comparison")
    plain = client.get("/")

    first = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    second = client.get("/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert first["Content-Encoding"] == second["Content-Encoding"] == "gzip"
    assert second["X-Cache"] == "hit"
    assert "Accept-Encoding" in second["Vary"]
    assert gzip.decompress(second.content) == plain.content
    assert "Content-Encoding" not in client.get("/")


def test_gzipped_pages_answer_conditional_gets(client):
    ComparisonFactory()
    etag = client.get("/", HTTP_ACCEPT_ENCODING="gzip")["ETag"]

    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304


def test_hot_hits_read_nothing_from_the_shared_cache(client, monkeypatch):
    from django.core.cache import caches

    ComparisonFactory()
    client.get("/")
    backend = type(caches["default"])
    reads = []
    for method in ("get", "get_many"):
        original = getattr(backend, method)
        monkeypatch.setattr(
            backend,
            method,
            lambda self, key, *a, _original=original, **kw: (
                reads.append(key) or _original(self, key, *a, **kw)
            ),
        )

    assert client.get("/")["X-Cache"] == "hit"
    assert reads == []


def test_a_raw_update_makes_this_workers_copy_unreachable(client):
    ComparisonFactory(title="Before")
    client.get("/")
    assert "Before" in client.get("/").content.decode()

    Comparison.objects.update(title="After")
    response = client.get("/")

    assert response["X-Cache"] == "miss"
    assert "After" in response.content.decode()


def test_big_responses_are_not_copied_into_each_worker():
    from core.middleware import HotEntries

    hot = HotEntries(max_entries=10)
    hot.put("small", (1.0, (200, [], b"x" * 1000)))
    hot.put("big", (1.0, (200, [], b"x" * (hot.max_body + 1))))

    assert hot.get("small", 1.0) is not None
    assert hot.get("big", 1.0) is None
    assert hot.get("small", 2.0) is None  # another data version: gone
