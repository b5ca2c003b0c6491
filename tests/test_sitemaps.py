import pytest

from tests import factories
from tests.catalogue import build_catalogue

pytestmark = pytest.mark.django_db


def test_sitemap_lists_every_public_page_in_both_languages(client):
    build_catalogue()
    factories.ComparisonFactory(slug="draft", is_published=False)
    xml = client.get("/sitemap.xml").content.decode()
    for path in [
        "/",
        "/en/",
        "/comparar/",
        "/preguntas-frecuentes/",
        "/en/cambios/",
        "/comparar/alpha-vs-beta/",
        "/en/comparar/alpha-vs-beta/",
        "/comparar/alpha-vs-beta/preguntas-frecuentes/",
        "/crm/alpha-crm/",
        "/en/crm/beta-crm/",
        "/coste/",
        "/en/encaje/",
        "/comparar/alpha-vs-beta/coste/",
        "/en/comparar/alpha-vs-beta/encaje/",
        "/recomendacion/",
        "/en/comparar/alpha-vs-beta/recomendacion/",
        "/crm/alpha-crm/historial-de-precios/",
    ]:
        assert f"<loc>http://testserver{path}</loc>" in xml, path
    assert "draft" not in xml
    assert 'hreflang="en" href="http://testserver/en/crm/alpha-crm/"' in xml


@pytest.mark.parametrize("size", [1, 4])
def test_sitemap_query_count_does_not_grow(client, django_assert_num_queries, size):
    build_catalogue(vendors=1 + size)
    # The data version, and one per sitemap section with items from the database.
    with django_assert_num_queries(8):
        assert client.get("/sitemap.xml").status_code == 200
