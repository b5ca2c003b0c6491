"""Every page and endpoint runs as many queries for 10 vendors as for 2 (cache off)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.catalogue import generate_catalogue

pytestmark = pytest.mark.django_db

COMPARISON = "/comparar/{p}-all-vendors/"
NEEDS = "&need={p}-feature-0001&need={p}-feature-0002"
URLS = [
    "/",
    "/en/",
    COMPARISON,
    COMPARISON + "?diff=1",
    COMPARISON + "preguntas-frecuentes/",
    "/crm/{p}-vendor-0001/",
    "/comparar/?crm={p}-vendor-0001&crm={p}-vendor-0002",
    "/preguntas-frecuentes/",
    "/sitemap.xml",
    "/api/v1/vendors/",
    "/api/v1/vendors/{p}-vendor-0001/",
    "/api/v1/plans/",
    "/api/v1/features/",
    "/api/v1/feature-availabilities/",
    "/api/v1/assessments/",
    "/api/v1/comparisons/",
    "/api/v1/comparisons/{p}-all-vendors/",
    "/api/v1/comparisons/{p}-all-vendors/csv/",
    "/api/v1/faq/",
    "/api/v1/plan-price-history/",
    "/api/v1/sources/",
    # The buyer tools, with must-have features.
    COMPARISON + "coste/?users=5" + NEEDS,
    COMPARISON + "recomendacion/?users=5" + NEEDS,
    "/api/v1/comparisons/{p}-all-vendors/cost/?users=5" + NEEDS,
    "/api/v1/comparisons/{p}-all-vendors/recommendation/?users=5" + NEEDS,
    "/buscar/?q=vendor",
    "/en/buscar/?q=vendr",
    "/api/v1/search/?q=feature",
]


def query_counts(client, vendors: int) -> dict[str, int]:
    prefix = f"v{vendors}"
    generate_catalogue(vendors=vendors, prefix=prefix)
    counts = {}
    for template in URLS:
        url = template.format(p=prefix)
        client.get(url)  # warm per-process caches (content types, translations)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        counts[template] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_number_of_vendors(client, settings):
    settings.RESPONSE_CACHE = False

    with_two = query_counts(client, vendors=2)
    with_ten = query_counts(client, vendors=10)

    assert with_ten == with_two
