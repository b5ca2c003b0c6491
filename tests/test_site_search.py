"""Site search through the page and the API, on whichever database the suite runs on."""

import re
from decimal import Decimal
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from site_search.text import query_words
from tests.api_support import user_with_permissions
from tests.catalogue import generate_catalogue
from tests.factories import (
    FeatureAvailabilityFactory,
    FeatureFactory,
    PlanFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db

SEED_FEATURE = (
    "Marketing por correo electrónico — HubSpot CRM: complemento de pago · "
    "Zoho CRM: desde Professional"
)


@pytest.fixture
def seed(settings):
    settings.RESPONSE_CACHE = False
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "seed.json"), verbosity=0)


def page_titles(client, query: str, path: str = "/buscar/") -> list[str]:
    response = client.get(path, {"q": query})
    assert response.status_code == 200
    titles = re.findall(r'class="search-result-title" href="[^"]*">(.*?)</a>', response.text)
    return [unescape(re.sub(r"</?mark>", "", title)) for title in titles]


def api_titles(client, query: str) -> list[str]:
    response = client.get("/api/v1/search/", {"q": query})
    assert response.status_code == 200
    return [result["title"] for result in response.json()["results"]]


@pytest.fixture(params=["page", "api"])
def titles(request, client):
    if request.param == "page":
        return lambda query: page_titles(client, query)
    return lambda query: api_titles(client, query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("gestion", "Gestión de cuentas"),
        ("GESTIÓN", "Gestión de cuentas"),
        ("correos", "Marketing por correo electrónico"),
        ("correo", "Correos de arrastrar y soltar"),
        ("hubspt", "HubSpot CRM"),
        ("zoho", "Zoho CRM"),
        ("Gestión de cuentas", "Gestión de cuentas"),
    ],
)
def test_search_finds_the_seed_by_forgiving_words(seed, titles, query, expected):
    assert expected in titles(query)


def test_search_finds_english_plurals(client, settings):
    settings.RESPONSE_CACHE = False
    feature = FeatureFactory(name="Email sequences")
    FeatureAvailabilityFactory(feature=feature, status="available", plan=None)

    assert "Email sequences" in page_titles(client, "emails")
    assert "Email sequences" in api_titles(client, "emails")


def test_feature_result_says_which_crms_have_it_and_from_which_plan(seed, client):
    response = client.get("/buscar/", {"q": "marketing por correo", "type": "feature"})

    result = re.search(
        r'<li class="search-result">\s*<a[^>]*>((?:(?!</a>).)*)</a>\s*'
        r'<p class="search-offers">((?:(?!</p>).)*)</p>',
        response.text,
    )
    title = unescape(re.sub(r"</?mark>", "", result[1]))
    offers = unescape(re.sub(r"</?span>", "", result[2]))
    assert f"{title} — {offers}" == SEED_FEATURE
    api = client.get("/api/v1/search/", {"q": "marketing por correo", "type": "feature"}).json()
    first = api["results"][0]
    assert first["title"] == "Marketing por correo electrónico"
    assert [(offer["vendor_name"], offer["label"]) for offer in first["offers"]] == [
        ("HubSpot CRM", "complemento de pago"),
        ("Zoho CRM", "desde Professional"),
    ]
    assert first["url"].endswith("#feature-correo-marketing")


def test_vendor_result_shows_its_price_from_and_links_to_its_page(seed, client):
    response = client.get("/en/buscar/", {"q": "zoho"})

    assert 'href="/en/crm/zoho-crm/"' in response.text
    assert "Price from" in response.text
    vendor = next(r for r in client.get("/api/v1/search/?q=zoho&type=vendor").json()["results"])
    assert vendor["price"]["currency"] == "USD"
    assert vendor["url"] == "http://testserver/crm/zoho-crm/"


def test_vendor_result_says_when_the_vendor_has_a_free_plan(seed, client):
    # As the vendor page does: HubSpot's "price from" is a paid plan, but it starts free.
    PlanFactory(vendor=VendorFactory(name="Paid CRM"), price=Decimal("9"))

    page = client.get("/en/buscar/", {"q": "hubspot", "type": "vendor"}).text
    vendors = client.get("/api/v1/search/?q=crm&type=vendor").json()["results"]

    assert "Free plan available" in page
    assert {v["title"]: v["has_free_plan"] for v in vendors} == {
        "HubSpot CRM": True,
        "Paid CRM": False,
        "Zoho CRM": True,
    }


def test_typo_offers_did_you_mean_with_its_results(seed, client):
    response = client.get("/buscar/", {"q": "hubspt"})

    assert "¿Quiso decir" in response.text
    assert "<strong>hubspot</strong>" in response.text
    assert client.get("/api/v1/search/?q=hubspt").json()["suggestion"] == "hubspot"


def test_matched_words_are_marked_in_escaped_text(client, settings):
    settings.RESPONSE_CACHE = False
    payload = '"><img src=x onerror=alert(1)>'
    FeatureFactory(name=f"Alerts {payload}", description=f"Onerror {payload}")

    body = client.get("/buscar/", {"q": "onerror"}).text

    assert "<img" not in body
    assert "<mark>onerror</mark>" in body
    assert "&lt;img src=x <mark>onerror</mark>=alert(1)&gt;" in body


def test_results_are_grouped_by_kind_and_restricted_by_type(seed, client):
    body = client.get("/buscar/", {"q": "hubspot"}).text
    headings = re.findall(r'<h2 id="search-(\w+)">', body)
    assert headings[0] == "vendor"
    assert len(headings) == len(set(headings)) > 1

    results = client.get("/api/v1/search/", {"q": "hubspot", "type": "plan"}).json()["results"]
    assert results and {result["kind"] for result in results} == {"plan"}


def test_empty_query_shows_the_form(client):
    response = client.get("/buscar/")

    assert response.status_code == 200
    assert 'name="q"' in response.text
    assert "search-results" not in response.text
    assert client.get("/api/v1/search/").json()["results"] == []


ODD = [
    "\x00",
    "a\x00b",
    "x" * 10_000,
    "%",
    "_",
    "%_%",
    "'\"",
    "\"'; DROP TABLE x; --",
    "&|!:*()",
    "a & b | !c",
    "foo:* <-> bar",
    "NEAR(a b)",
    '"unterminated',
    "-^*",
    "…¿¡",
    "日本語",
    " ",
    "a " * 300,
]


@pytest.mark.parametrize("query", ODD)
def test_odd_input_gets_a_page_or_a_400_never_a_500(seed, client, query):
    for path in ("/buscar/", "/en/buscar/", "/api/v1/search/"):
        response = client.get(path, {"q": query})
        assert response.status_code in (200, 400), (path, query, response.status_code)


def test_bad_parameters_are_400s_naming_the_field(client):
    errors = client.get("/api/v1/search/", {"q": "x" * 201, "type": "nope", "limit": "0"})

    assert errors.status_code == 400
    assert set(errors.json()) == {"q", "type", "limit"}
    assert client.get("/api/v1/search/", {"offset": "-1"}).json().keys() == {"offset"}
    page = client.get("/buscar/", {"q": "x" * 10_000})
    assert page.status_code == 400
    assert 'href="#id_q"' in page.text


def test_an_editors_change_is_found_at_once(seed, client):
    assert "Marketing por correo electrónico" in api_titles(client, "marketing por correo")
    editor = user_with_permissions("change_feature")
    client.force_login(editor)
    response = client.patch(
        "/api/v1/features/correo-marketing/",
        {"name": "Campañas de newsletter"},
        content_type="application/json",
    )
    assert response.status_code == 200
    client.logout()

    assert "Campañas de newsletter" in api_titles(client, "newsletter")
    assert "Campañas de newsletter" in page_titles(client, "newsletter")
    assert "Marketing por correo electrónico" not in api_titles(client, "marketing por correo")


def test_unpublished_comparisons_and_their_faq_are_not_found(client, settings):
    from tests.factories import ComparisonFactory, FAQEntryFactory

    settings.RESPONSE_CACHE = False
    comparison = ComparisonFactory(title="Secret draft", is_published=False)
    FAQEntryFactory(comparison=comparison, question="Secret question?")

    assert api_titles(client, "secret") == []


def test_results_page_is_noindex_and_not_in_the_sitemap(seed, client):
    body = client.get("/buscar/", {"q": "zoho"}).text
    assert '<meta name="robots" content="noindex">' in body
    assert "buscar" not in client.get("/sitemap.xml").text


def test_every_public_page_has_the_search_box(seed, client):
    for path in ("/", "/en/", "/crm/zoho-crm/", "/preguntas-frecuentes/", "/en/coste/"):
        body = client.get(path).text
        assert 'role="search"' in body and 'action="' in body, path
    assert 'action="/en/buscar/"' in client.get("/en/").text


def test_the_page_is_rate_limited_like_anonymous_api_reads(client, settings):
    settings.RESPONSE_CACHE = False
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "2/minute", "user": "3/minute"},
    }
    statuses = [client.get("/buscar/", {"q": f"w{n}"}).status_code for n in range(3)]

    assert statuses == [200, 200, 429]
    assert int(client.get("/buscar/", {"q": "x"})["Retry-After"]) > 0


def test_search_cache_keys_on_its_declared_parameters(seed, client, settings):
    settings.RESPONSE_CACHE = True
    first = client.get("/buscar/", {"q": "zoho", "utm_source": "x"})
    second = client.get("/buscar/", {"q": "zoho", "utm_source": "y"})
    other = client.get("/buscar/", {"q": "hubspot"})

    assert (first["X-Cache"], second["X-Cache"], other["X-Cache"]) == ("miss", "hit", "miss")


def search_query_counts(client, vendors: int) -> dict[str, int]:
    generate_catalogue(vendors=vendors, prefix=f"v{vendors}")
    counts = {}
    for url in ("/buscar/?q=vendor", "/buscar/?q=vendr", "/api/v1/search/?q=feature"):
        client.get(url)  # rebuilds the index for this data version
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_catalogue(client, settings):
    settings.RESPONSE_CACHE = False

    assert search_query_counts(client, 2) == search_query_counts(client, 10)


def test_query_words_drop_stop_words_and_keep_a_bounded_number():
    assert query_words("¿Qué CRM tiene correo?") == ["crm", "tiene", "correo"]
    assert len(query_words(" ".join(f"w{n}" for n in range(100)))) == 8
    assert query_words("&|!:*()") == []


def test_an_editors_admin_save_is_found_at_once(seed, superuser_client):
    from comparisons.models import Feature
    from tests.admin_forms import change_form_data

    feature = Feature.objects.get(slug="correo-marketing")
    url = reverse("admin:comparisons_feature_change", args=[feature.pk])
    assert "Boletines de noticias" not in api_titles(superuser_client, "boletines")

    page = superuser_client.get(url)
    data = change_form_data(page, name="Boletines de noticias")
    response = superuser_client.post(url, data)
    assert response.status_code == 302, getattr(response, "context", None)

    assert "Boletines de noticias" in api_titles(superuser_client, "boletines")
    assert "Boletines de noticias" in page_titles(superuser_client, "boletin")
