"""The public response cache: hits for anonymous reads, never a stale page."""

import gzip
import json

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from comparisons.models import Comparison
from core.data_version import SELECT_VERSION
from core.middleware import PublicResponseCacheMiddleware
from tests.catalogue import build_catalogue
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


def test_accept_header_is_part_of_the_key_where_the_view_negotiates(client):
    ComparisonFactory()
    client.get("/api/v1/plans/", HTTP_ACCEPT="application/json")

    assert client.get("/api/v1/plans/", HTTP_ACCEPT="*/*")["X-Cache"] == "miss"
    # The schema view answers JSON or YAML as asked.
    json_schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    yaml_schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert json_schema["Content-Type"] != yaml_schema["Content-Type"]


def test_pages_keep_one_entry_whatever_accept_header_is_sent(client):
    """Pages are HTML whatever a client accepts: each made-up Accept value must not add an entry."""
    ComparisonFactory()

    responses = [client.get("/", HTTP_ACCEPT=f"text/html, x/{n}") for n in range(20)]

    assert len(response_entries()) == 1
    assert [response["X-Cache"] for response in responses[1:]] == ["hit"] * 19


def test_host_spellings_other_than_the_plain_one_add_no_entries(client):
    """Pages write the Host into their links, so each spelling would need its own entry."""
    ComparisonFactory()
    client.get("/")
    spellings = ["TestServer", "testserver.", *(f"testserver:{port}" for port in range(1, 9))]

    responses = [client.get("/", HTTP_HOST=host) for host in spellings]

    assert {response.status_code for response in responses} == {200}
    assert len(response_entries()) == 1
    assert f"//{spellings[-1]}/" in responses[-1].content.decode()
    assert "testserver:8" not in client.get("/").content.decode()


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


def test_with_the_database_unreachable_cached_pages_are_still_served(client, monkeypatch):
    ComparisonFactory(title="Served through the outage")
    client.get("/")
    client.get("/", HTTP_ACCEPT_ENCODING="gzip")

    def unreachable(alias):
        raise OperationalError("connection refused")

    monkeypatch.setattr("core.data_version.read_version", unreachable)
    cached = client.get("/")
    not_cached = client.get("/preguntas-frecuentes/")

    assert cached.status_code == 200
    assert cached["X-Cache"] == "stale"
    assert "Served through the outage" in cached.content.decode()
    assert not_cached.status_code == 503


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


# --- What the key holds: the query parameters each view reads ---------------------------------

COMPARISON_PAGE = "/en/comparar/alpha-vs-beta/"


def response_entries() -> list[str]:
    """Keys of the shared cache's stored responses (the local-memory backend of the tests)."""
    from django.core.cache import cache

    return [key for key in cache._cache if "response:" in key]


@pytest.mark.parametrize("path", ["/", COMPARISON_PAGE, "/api/v1/plans/"])
def test_parameters_no_view_reads_do_not_fill_the_cache(client, path):
    build_catalogue()

    responses = [client.get(f"{path}?utm_source=campaign-{n}") for n in range(60)]

    assert len(response_entries()) <= 1
    assert {response.status_code for response in responses} == {200}
    assert [response["X-Cache"] for response in responses[1:]] == ["hit"] * 59


def test_a_page_never_shows_parameters_it_does_not_read(client):
    """Entries are shared across such parameters, so they must not reach the page."""
    build_catalogue()

    html = client.get(COMPARISON_PAGE + "?utm_source=newsletter-7").content.decode()

    assert "newsletter-7" not in html


def test_api_links_never_carry_parameters_the_endpoint_does_not_read(client):
    build_catalogue()

    listing = client.get("/api/v1/plans/?limit=1&utm_source=newsletter-7").json()

    assert "limit=1" in listing["next"]
    assert "newsletter-7" not in listing["next"]


def test_parameters_a_page_reads_get_their_own_correct_entries(client):
    build_catalogue()
    full = client.get(COMPARISON_PAGE).content.decode()

    differences = client.get(COMPARISON_PAGE + "?diff=1")
    again = client.get(COMPARISON_PAGE + "?utm_source=x&diff=1")

    assert differences["X-Cache"] == "miss"
    assert again["X-Cache"] == "hit"
    # Even-numbered features are equal for every vendor: hidden with ?diff=1.
    assert ">Feature 1.1</th>" in full
    assert ">Feature 1.1</th>" not in again.content.decode()


def test_parameter_order_does_not_split_entries_but_value_order_does(client):
    build_catalogue()
    client.get("/en/comparar/?crm=alpha-crm&crm=beta-crm&diff=1")

    reordered = client.get("/en/comparar/?diff=1&crm=alpha-crm&crm=beta-crm")
    swapped = client.get("/en/comparar/?crm=beta-crm&diff=1&crm=alpha-crm")

    assert reordered["X-Cache"] == "hit"
    # The buyer's order is the order of the columns.
    assert swapped["X-Cache"] == "miss"
    html = swapped.content.decode()
    assert html.index("Beta Plan 2") < html.index("Alpha Plan 2")


def test_api_filters_pagination_and_language_get_their_own_entries(client):
    build_catalogue()
    client.get("/api/v1/plans/")

    filtered = client.get("/api/v1/plans/?vendor=beta-crm&utm_source=x")
    paged = client.get("/api/v1/plans/?limit=2")
    english = client.get("/api/v1/plans/?limit=2&lang=en")

    assert filtered["X-Cache"] == paged["X-Cache"] == english["X-Cache"] == "miss"
    assert {plan["vendor"] for plan in filtered.json()["results"]} == {"beta-crm"}
    assert len(paged.json()["results"]) == 2
    assert english["Content-Language"] == "en"


def test_tool_pages_key_on_their_form_fields(client):
    catalogue = build_catalogue()
    path = "/en/comparar/alpha-vs-beta/encaje/"
    weight = f"w-{catalogue.criteria[0].slug}"
    client.get(f"{path}?{weight}=5")

    same = client.get(f"{path}?{weight}=5&fbclid=abc")
    other = client.get(f"{path}?{weight}=0")

    assert same["X-Cache"] == "hit"
    assert other["X-Cache"] == "miss"


def test_tool_api_keys_on_its_forms_parameters_former_names_included(client):
    catalogue = build_catalogue()
    path = "/api/v1/comparisons/alpha-vs-beta/fit/"
    slug = catalogue.criteria[0].slug
    client.get(f"{path}?weights={slug}:5")

    same = client.get(f"{path}?weights={slug}:5&utm_source=x")
    other = client.get(f"{path}?weights={slug}:1")
    former = client.get(f"{path}?w-{slug}=1")

    assert same["X-Cache"] == "hit"
    assert other["X-Cache"] == former["X-Cache"] == "miss"
    assert f"{slug}:1" in other.json()["weights"]
    assert former.json()["weights"] == other.json()["weights"]


def undeclared_view(request):
    return HttpResponse(request.GET.get("q", "none"))


urlpatterns = [path("undeclared/", undeclared_view)]


@pytest.mark.urls(__name__)
def test_a_view_that_declares_no_parameters_is_cached_only_without_a_query(client):
    client.get("/undeclared/?q=1")
    client.get("/undeclared/")

    assert "X-Cache" not in client.get("/undeclared/?q=2")
    assert client.get("/undeclared/")["X-Cache"] == "hit"


# --- Stored compressed, sent as each client asks ------------------------------------------------


def test_entries_are_stored_compressed(client):
    from django.core.cache import cache

    build_catalogue()

    page = client.get(COMPARISON_PAGE)  # a client that does not accept gzip

    [key] = response_entries()
    assert "Content-Encoding" not in page
    assert len(cache._cache[key]) < len(page.content) / 2


def test_one_entry_serves_gzip_and_plain_clients(client):
    build_catalogue()
    plain = client.get(COMPARISON_PAGE)

    gzipped = client.get(COMPARISON_PAGE, HTTP_ACCEPT_ENCODING="gzip")
    plain_again = client.get(COMPARISON_PAGE)

    assert gzipped["X-Cache"] == plain_again["X-Cache"] == "hit"
    assert gzipped["Content-Encoding"] == "gzip"
    assert int(gzipped["Content-Length"]) == len(gzipped.content)
    assert gzip.decompress(gzipped.content) == plain.content
    assert "Content-Encoding" not in plain_again
    assert plain_again.content == plain.content
    assert plain_again["ETag"] == plain["ETag"]
    assert "Accept-Encoding" in plain["Vary"]


@pytest.mark.parametrize(
    "accept_encoding",
    [
        "gzip;q=0",
        "gzip; q=0.000, deflate",
        "*;q=0",
        "identity",
        "br",
        "deflate, *;q=0",
        "*, gzip;q=0",
        "gzip;q=high",
    ],
)
def test_clients_that_refuse_gzip_are_not_sent_it(client, accept_encoding):
    build_catalogue()

    miss = client.get(COMPARISON_PAGE, HTTP_ACCEPT_ENCODING=accept_encoding)
    hit = client.get(COMPARISON_PAGE, HTTP_ACCEPT_ENCODING=accept_encoding)

    assert hit["X-Cache"] == "hit"
    assert "Content-Encoding" not in miss
    assert "Content-Encoding" not in hit
    assert b"Feature 1.1" in hit.content


@pytest.mark.parametrize(
    "accept_encoding",
    ["gzip", "GZip", "deflate, gzip;q=0.5", "*", "br;q=1.0, gzip;q=0.8", "x-gzip", "gzip;Q=1"],
)
def test_clients_that_accept_gzip_are_sent_it(client, accept_encoding):
    build_catalogue()

    miss = client.get(COMPARISON_PAGE, HTTP_ACCEPT_ENCODING=accept_encoding)
    hit = client.get(COMPARISON_PAGE, HTTP_ACCEPT_ENCODING=accept_encoding)

    assert miss["Content-Encoding"] == hit["Content-Encoding"] == "gzip"
    assert b"Feature 1.1" in gzip.decompress(hit.content)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/en/comparar/",
        COMPARISON_PAGE,
        "/comparar/alpha-vs-beta/preguntas-frecuentes/",
        "/crm/alpha-crm/",
        "/crm/alpha-crm/historial-de-precios/",
        "/preguntas-frecuentes/",
        "/cambios/",
        "/cambios/rss/",
        "/cambios/atom/",
        "/comparar/alpha-vs-beta/coste/",
        "/comparar/alpha-vs-beta/encaje/",
        "/coste/?vendors=alpha-crm",
        "/encaje/?vendors=alpha-crm",
        "/sitemap.xml",
        "/robots.txt",
        "/api/v1/vendors/",
        "/api/v1/comparisons/alpha-vs-beta/",
        "/api/v1/comparisons/alpha-vs-beta/csv/",
        "/api/v1/comparisons/alpha-vs-beta/cost/?users=3",
        "/api/v1/tools/fit/?vendors=alpha-crm",
        "/api/v1/vendors/alpha-crm/price-history/",
        "/api/schema/",
    ],
)
def test_every_public_page_and_api_read_is_cached_whatever_tracking_parameters_it_carries(
    client, path
):
    build_catalogue()
    separator = "&" if "?" in path else "?"
    first = client.get(f"{path}{separator}utm_source=one")

    second = client.get(f"{path}{separator}utm_source=two")

    assert first.status_code == second.status_code == 200
    assert second["X-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.parametrize(
    "path",
    [
        "/en/comparar/alpha-vs-beta/coste/?users=2",
        "/en/comparar/alpha-vs-beta/recomendacion/?users=2",
        "/api/v1/comparisons/alpha-vs-beta/cost/?users=2",
        "/api/v1/comparisons/alpha-vs-beta/recommendation/?users=2",
    ],
)
def test_tools_key_on_their_must_have_features(client, path):
    catalogue = build_catalogue()
    feature = catalogue.features[0].slug
    client.get(f"{path}&need={feature}")

    same = client.get(f"{path}&need={feature}&utm_source=x")
    without = client.get(path)

    assert same["X-Cache"] == "hit"
    assert without["X-Cache"] == "miss"
