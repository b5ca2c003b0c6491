import pytest
from django.urls import reverse

from tests import factories
from tests.catalogue import build_catalogue

pytestmark = pytest.mark.django_db


def compare(client, *slugs, prefix="", extra="", name="vendors"):
    query = "&".join(f"{name}={slug}" for slug in slugs) + extra
    return client.get(prefix + reverse("comparisons:compare") + ("?" + query if query else ""))


def test_empty_compare_page_shows_the_form(client):
    build_catalogue()
    html = compare(client, prefix="/en").content.decode()
    assert "Pick 2 to 4 CRMs" in html
    assert 'name="vendors" value="alpha-crm"' in html


def test_compare_two_vendors_shows_the_same_tables(client):
    build_catalogue(vendors=3)
    response = compare(client, "gamma-crm", "alpha-crm", prefix="/en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Gamma CRM vs Alpha CRM: side-by-side comparison" in html
    assert html.index("Gamma Plan 2") < html.index("Alpha Plan 2")  # the buyer's order
    assert "Beta Plan 2" not in html
    assert ">Feature 1.2</th>" in html
    assert "Gamma CRM verdict on Criterion 1" in html
    assert (
        '<link rel="canonical" href="http://testserver/en/comparar/'
        '?vendors=gamma-crm&amp;vendors=alpha-crm">' in html
    )


def test_compare_urls_shared_with_the_former_crm_name_still_work(client):
    build_catalogue(vendors=3)

    response = compare(client, "gamma-crm", "alpha-crm", prefix="/en", name="crm")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Gamma CRM vs Alpha CRM: side-by-side comparison" in html
    assert "?vendors=gamma-crm&amp;vendors=alpha-crm" in html  # the canonical URL


def test_compare_differences_only(client):
    build_catalogue(vendors=2)
    html = compare(client, "alpha-crm", "beta-crm", extra="&diff=1").content.decode()
    assert ">Feature 1.1</th>" not in html
    assert ">Feature 1.2</th>" in html


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        (["alpha-crm"], "Pick at least 2 CRMs to compare."),
        (["alpha-crm", "nope"], "We do not know this CRM: “nope”."),
        (["a-crm", "b-crm", "c-crm"], "We do not know these CRMs: “a-crm”, “b-crm”, “c-crm”."),
        (
            ["alpha-crm", "beta-crm", "gamma-crm", "delta-crm", "epsilon-crm"],
            "Pick at most 4 CRMs to compare.",
        ),
    ],
)
def test_bad_choices_get_a_clear_message_not_an_error_page(client, slugs, message):
    build_catalogue(vendors=5)
    response = compare(client, *slugs, prefix="/en")
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert '<meta name="robots" content="noindex">' in html
    assert "At a glance" not in html


@pytest.mark.parametrize("size", [1, 3])
def test_compare_query_count_does_not_grow(client, django_assert_num_queries, size):
    catalogue = build_catalogue(
        vendors=1 + size, plans=size + 1, features_per_category=3 * size, criteria=2 * size
    )
    slugs = [vendor.slug for vendor in catalogue.vendors[:4]]
    # The page's 7 and the data version.
    with django_assert_num_queries(8):
        assert compare(client, *slugs).status_code == 200


def test_compare_page_points_to_the_editors_comparison_of_the_same_vendors(client):
    catalogue = build_catalogue(vendors=3)  # a three-way comparison only
    alpha, beta = catalogue.vendors[:2]
    assert (
        "Our editors have written" not in compare(client, "beta-crm", "alpha-crm").content.decode()
    )
    factories.ComparisonFactory(title="Alpha or Beta", slug="alpha-or-beta", vendors=[alpha, beta])
    factories.ComparisonFactory(slug="draft", vendors=[alpha, beta], is_published=False)
    html = compare(client, "beta-crm", "alpha-crm", prefix="/en").content.decode()
    assert "Our editors have written a full comparison of these CRMs" in html
    assert '<a href="/en/comparar/alpha-or-beta/">Alpha or Beta</a>' in html
    assert "/comparar/draft/" not in html
