import json
import re

import pytest
from django.test.utils import override_script_prefix
from django.urls import reverse

from comparisons.models import FeatureAvailability
from tests import factories
from tests.catalogue import build_catalogue, make_stale

pytestmark = pytest.mark.django_db


def url(slug="alpha-vs-beta", **params):
    path = reverse("comparisons:comparison_detail", kwargs={"slug": slug})
    return path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def jsonld(html):
    return json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )


def test_comparison_page_shows_tables_verdicts_faq_and_conclusion(client):
    build_catalogue()
    response = client.get(url(), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    for text in [
        "Alpha CRM vs Beta CRM: which CRM?",
        "20\xa0US$",  # Alpha's cheapest paid plan, "from"
        "25\xa0US$",
        "Alpha Plan 3",
        "Extra storage",
        "Feature 1.2",
        "Alpha CRM verdict on Criterion 1",
        "Criterion 1 compared",
        "Is question 1 answered?",
        "Alpha wins for small teams.",
        "Vendor pricing page",
        "An Editor",
    ]:
        assert text in html, text
    assert "<caption" in html and 'scope="row"' in html and 'scope="col"' in html


def test_comparison_page_in_english_under_en(client):
    build_catalogue()
    html = client.get("/en" + url()).content.decode()
    assert '<html lang="en">' in html
    assert "At a glance" in html
    assert "$20" in html


def test_differences_only_hides_equal_rows_without_javascript(client):
    build_catalogue()
    full = client.get(url()).content.decode()
    differences = client.get(url(diff=1)).content.decode()
    # Even-numbered features are equal for every vendor in the catalogue.
    assert ">Feature 1.1</th>" in full and ">Feature 1.1</th>" not in differences
    assert ">Feature 1.2</th>" in differences


def test_stale_facts_are_marked_possibly_out_of_date(client):
    catalogue = build_catalogue()
    path = "/en" + url()
    fresh = client.get(path).content.decode()
    assert 'class="stale"' not in fresh
    make_stale(FeatureAvailability.objects.filter(vendor=catalogue.vendors[0]).first())
    stale = client.get(path).content.decode()
    assert (
        '<span class="stale">⚠<span class="visually-hidden"> possibly out of date</span></span>'
        in stale
    )


def test_facts_carry_their_source_and_last_verification(client):
    build_catalogue()
    html = client.get("/en" + url()).content.decode()
    assert 'title="Source: Vendor pricing page (Example) · Last verified:' in html


def test_language_links_follow_the_script_prefix_the_site_is_mounted_under(client):
    """Alternate-language URLs are remembered per path, yet each mount point gets its own."""
    build_catalogue()
    path = url()
    for _ in range(2):  # the second time from memory
        plain = client.get(path).content.decode()
        # As the WSGI handler does (the test client leaves the prefix alone).
        with override_script_prefix("/shop/"):
            mounted = client.get(path, SCRIPT_NAME="/shop").content.decode()
        assert 'hreflang="en" href="http://testserver/en/comparar/alpha-vs-beta/"' in plain
        assert 'hreflang="en" href="http://testserver/shop/en/comparar/alpha-vs-beta/"' in mounted
        assert 'href="/shop/en/comparar/alpha-vs-beta/" hreflang="en"' in mounted


def test_three_vendors_render_three_columns(client):
    build_catalogue(vendors=3)
    html = client.get(url()).content.decode()
    assert "Gamma CRM" in html
    assert 'colspan="4"' in html


def test_unknown_comparison_is_404(client):
    assert client.get(url("nope")).status_code == 404


def test_unpublished_comparison_is_404_for_visitors_and_users(client, django_user_model):
    build_catalogue(published=False)
    assert client.get(url()).status_code == 404
    client.force_login(django_user_model.objects.create_user("reader"))
    assert client.get(url()).status_code == 404


def test_staff_preview_unpublished_comparison(client, django_user_model):
    build_catalogue(published=False)
    client.force_login(django_user_model.objects.create_user("editor", is_staff=True))
    response = client.get("/en" + url())
    assert response.status_code == 200
    assert "Preview: this comparison is not published" in response.content.decode()


def test_seo_head_canonical_hreflang_open_graph_and_json_ld(client):
    build_catalogue()
    html = client.get(url(diff=1)).content.decode()
    assert '<link rel="canonical" href="http://testserver/comparar/alpha-vs-beta/">' in html
    assert 'hreflang="en" href="http://testserver/en/comparar/alpha-vs-beta/"' in html
    assert 'hreflang="es" href="http://testserver/comparar/alpha-vs-beta/"' in html
    assert '<meta property="og:title" content="Alpha CRM vs Beta CRM: which CRM?">' in html
    graph = jsonld(html)["@graph"]
    types = [item["@type"] for item in graph]
    assert types == ["FAQPage", "Product", "Product"]
    offers = graph[1]["offers"]
    assert {"name": "Alpha Plan 2", "price": "20.00", "priceCurrency": "USD"}.items() <= offers[
        1
    ].items()


def test_conditional_get_answers_304(client):
    build_catalogue()
    first = client.get(url())
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    again = client.get(url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    factories.FAQEntryFactory(question="New?")  # any write moves the data version
    assert client.get(url(), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


# size 6: 7 vendors, 108 features, 12 criteria, 18 FAQ entries (the article: 2, 58, 10, 5).
@pytest.mark.parametrize("size", [1, 6])
def test_comparison_page_query_count_does_not_grow(client, django_assert_num_queries, size):
    build_catalogue(
        vendors=1 + size,
        plans=size + 1,
        categories=size,
        features_per_category=3 * size,
        criteria=2 * size,
        faq=3 * size,
    )
    # The page's 10 and the data version.
    with django_assert_num_queries(11):
        assert client.get(url()).status_code == 200


def test_comparison_faq_page(client):
    catalogue = build_catalogue()
    response = client.get(
        reverse("comparisons:comparison_faq", kwargs={"slug": catalogue.comparison.slug})
    )
    html = response.content.decode()
    assert "Is question 2 answered?" in html
    assert jsonld(html)["@type"] == "FAQPage"


def test_unpublished_comparison_faq_is_404(client):
    build_catalogue(published=False)
    path = reverse("comparisons:comparison_faq", kwargs={"slug": "alpha-vs-beta"})
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("size", [1, 5])
def test_comparison_faq_query_count_does_not_grow(client, django_assert_num_queries, size):
    build_catalogue(faq=size * 3, vendors=1 + size)
    path = reverse("comparisons:comparison_faq", kwargs={"slug": "alpha-vs-beta"})
    # The page's 5 and the data version.
    with django_assert_num_queries(6):
        assert client.get(path).status_code == 200


def test_page_says_how_many_facts_are_possibly_out_of_date(client):
    catalogue = build_catalogue()
    path = "/en" + url()
    assert "stale-notice" not in client.get(path).content.decode()
    make_stale(catalogue.vendors[0].plans.first())
    make_stale(FeatureAvailability.objects.filter(vendor=catalogue.vendors[1]).first())
    assert "2 facts on this page were last verified more than 90 days ago" in (
        client.get(path).content.decode()
    )


def test_json_ld_cannot_be_broken_out_of_by_editors_text(client):
    catalogue = build_catalogue(faq=0)
    factories.FAQEntryFactory(
        comparison=catalogue.comparison, question="</script><script>alert(1)</script>?"
    )
    html = client.get(url()).content.decode()
    assert "</script><script>alert(1)" not in html
    assert jsonld(html)["@graph"][0]["mainEntity"][0]["name"].startswith("</script>")


def test_a_section_whose_facts_are_mostly_stale_says_so_once(client):
    catalogue = build_catalogue()
    for availability in FeatureAvailability.objects.all():
        make_stale(availability)
    html = client.get("/en" + url()).content.decode()
    features = html[html.index('id="features"') : html.index('id="verdicts"')]
    assert features.count('class="stale-notice section-stale"') == 1
    assert "facts in this section were last verified more than 90 days ago" in features
    assert '<span class="stale">' not in features
    # Each fact still gives its source and date.
    assert features.count("Last verified") >= FeatureAvailability.objects.count()
    # The other sections are fresh: no notice there.
    pricing = html[html.index('id="pricing"') : html.index('id="features"')]
    assert "section-stale" not in pricing
    assert catalogue.vendors
