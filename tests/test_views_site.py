import json
import re

import pytest
from django.urls import reverse

from tests import factories
from tests.catalogue import build_catalogue

pytestmark = pytest.mark.django_db


def test_home_lists_comparisons_vendors_and_the_compare_form(client):
    build_catalogue()
    factories.ComparisonFactory(title="Draft comparison", is_published=False)
    html = client.get("/en/").content.decode()
    assert "Alpha CRM vs Beta CRM: which CRM?" in html
    assert "Draft comparison" not in html
    assert 'href="/en/crm/beta-crm/"' in html
    assert '<form class="compare-form" method="get" action="/en/comparar/">' in html


def test_home_is_spanish_at_the_root_with_a_language_switch(client):
    html = client.get("/").content.decode()
    assert '<html lang="es">' in html
    assert '<a href="/en/" hreflang="en" lang="en"' in html


def test_language_switch_keeps_the_page_and_its_query(client):
    build_catalogue()
    html = client.get("/comparar/?crm=alpha-crm&crm=beta-crm").content.decode()
    assert 'href="/en/comparar/?crm=alpha-crm&amp;crm=beta-crm"' in html


@pytest.mark.parametrize("size", [1, 5])
def test_home_query_count_does_not_grow(client, django_assert_num_queries, size):
    for index in range(size):
        build_catalogue(vendors=2, slug=f"comparison-{index}") if index == 0 else (
            factories.ComparisonFactory(
                vendors=[factories.VendorFactory(), factories.VendorFactory()]
            )
        )
    # The page's 3 and the data version.
    with django_assert_num_queries(4):
        assert client.get("/").status_code == 200


def test_site_faq_gathers_general_and_published_comparison_questions(client):
    build_catalogue()
    factories.FAQEntryFactory(question="What is a CRM?", answer="Customer software.")
    draft = factories.ComparisonFactory(is_published=False)
    factories.FAQEntryFactory(comparison=draft, question="Secret question?")
    html = client.get("/en" + reverse("comparisons:faq")).content.decode()
    assert "What is a CRM?" in html
    assert "Is question 1 answered?" in html
    assert "Secret question?" not in html
    assert html.index("General questions") < html.index("Alpha CRM vs Beta CRM")
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html).group(1))
    assert data["@type"] == "FAQPage" and len(data["mainEntity"]) == 3


@pytest.mark.parametrize("size", [1, 6])
def test_site_faq_query_count_does_not_grow(client, django_assert_num_queries, size):
    build_catalogue(faq=size)
    factories.FAQEntryFactory.create_batch(size)
    # The page's query and the data version.
    with django_assert_num_queries(2):
        assert client.get(reverse("comparisons:faq")).status_code == 200


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_unknown_page_is_404(client):
    assert client.get("/en/nothing-here/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/en/comparar/alpha-vs-beta/",
        "/comparar/alpha-vs-beta/preguntas-frecuentes/",
        "/comparar/?crm=alpha-crm&crm=beta-crm",
        "/crm/alpha-crm/",
        "/preguntas-frecuentes/",
    ],
)
def test_every_page_answers_conditional_gets(client, path):
    build_catalogue()
    first = client.get(path)
    assert first.status_code == 200
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_pages_link_a_print_stylesheet(client):
    html = client.get("/").content.decode()
    assert 'href="/static/css/print.css" media="print"' in html


def test_pages_that_only_set_a_title_block_still_get_the_seo_head(rf):
    from django.template import engines
    from django.utils import translation

    page = engines["jinja2"].from_string(
        '{% extends "base.html" %}{% block title %}Old page · crmcompare{% endblock %}'
    )
    request = rf.get("/en/cambios/")
    with translation.override("en"):
        html = page.render({}, request)
    assert "<title>Old page · crmcompare</title>" in html
    assert '<link rel="canonical" href="http://testserver/en/cambios/">' in html


def test_the_change_log_is_in_the_menu_and_has_the_seo_head(client):
    html = client.get("/en" + reverse("comparisons:recent_changes")).content.decode()
    assert "<title>Recent changes · crmcompare</title>" in html
    assert '<link rel="canonical" href="http://testserver/en/cambios/">' in html
    assert '<a href="/en/cambios/">Changes</a>' in html  # the menu's slot


def test_home_and_comparison_pages_link_to_the_recommendation(client):
    build_catalogue()

    home = client.get("/en/").content.decode()
    comparison = client.get("/en/comparar/alpha-vs-beta/").content.decode()

    assert '<a href="/en/recomendacion/"><strong>Which CRM for your team?</strong></a>' in home
    assert (
        '<a href="/en/comparar/alpha-vs-beta/recomendacion/"><strong>Which CRM for your '
        "team?</strong></a>" in comparison
    )
