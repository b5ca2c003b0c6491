from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import (
    AssessmentFactory,
    ComparisonFactory,
    CriterionFactory,
    FeatureAvailabilityFactory,
    FeatureCategoryFactory,
    FeatureFactory,
    PlanFactory,
    VendorFactory,
)
from tests.html_check import assert_valid_html, needs_vnu

pytestmark = pytest.mark.django_db


def en(name, **kwargs):
    """The English URL (under /en/), whatever language the last request left active."""
    with translation.override("en"):
        return reverse(f"buyer_tools:{name}", kwargs=kwargs)


def cost_url(slug="zoho-vs-hubspot"):
    return en("comparison_cost", slug=slug)


def fit_url(slug="zoho-vs-hubspot"):
    return en("comparison_fit", slug=slug)


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


# --- Cost calculator -----------------------------------------------------------------


def test_cost_page_urls_are_spanish_at_the_root_and_english_under_en():
    assert cost_url("a") == "/en/comparar/a/coste/"
    translation.activate("es")
    assert reverse("buyer_tools:comparison_cost", kwargs={"slug": "a"}) == "/comparar/a/coste/"
    assert reverse("buyer_tools:comparison_fit", kwargs={"slug": "a"}) == "/comparar/a/encaje/"
    assert reverse("buyer_tools:cost_calculator") == "/coste/"
    assert reverse("buyer_tools:fit_finder") == "/encaje/"


def test_cost_page_shows_zoho_standard_for_five_users_with_the_arithmetic(client, article):
    response = client.get(cost_url(), {"users": 5, "contacts": 1000, "months": 1})

    assert response.status_code == 200
    page = text_of(response)
    assert "$14.00 a month per user × 5 users × 1 month = $70.00" in page
    assert "the free edition allows at most 3 users" in page
    assert "Standard</strong>: $70.00 for 1 month ($70.00 a month)" in page


def test_cost_page_ranks_hubspot_free_first_and_lists_optional_addons(client, article):
    response = client.get(cost_url(), {"users": 5, "contacts": 1000, "months": 12})

    page = text_of(response)
    assert page.index('href="#cost-hubspot">HubSpot</a>: $0.00 a month') < page.index(
        'href="#cost-zoho-crm">Zoho CRM</a>: $70.00 a month'
    )
    assert "Optional add-ons (not in the total)" in page
    assert "20 %–25 % of the subscription × $840.00 = $168.00–$210.00" in page


def test_cost_page_bare_url_shows_a_worked_example(client, article):
    response = client.get(cost_url())

    assert response.status_code == 200
    assert 'name="users" value="5"' in response.content.decode()
    assert "Cost for your team" in text_of(response)


@pytest.mark.parametrize("users", ["0", "-3"])
def test_cost_page_zero_or_negative_users_is_a_clear_form_error(client, article, users):
    response = client.get(cost_url(), {"users": users})

    assert response.status_code == 400
    page = text_of(response)
    assert "Enter at least 1 user." in page
    assert 'aria-invalid="true"' in page
    assert "Cost for your team" not in page


def test_cost_page_says_plainly_when_no_plan_fits(client, article):
    response = client.get(cost_url(), {"users": 5, "contacts": 200_000_000})

    assert response.status_code == 400  # beyond the form's maximum
    response = client.get(cost_url(), {"users": 5, "contacts": 2_000_000, "billing": "month"})

    page = text_of(response)
    assert "it allows at most 1,000,000 contacts" in page
    assert "it is billed yearly only, and you asked for monthly billing" in page
    slug = article["zoho"].slug
    zoho = page.split(f'<article class="vendor-cost" id="cost-{slug}">')[1].split("</article>")[0]
    assert "No plan of this CRM fits your team and can be priced from the data we hold." in zoho


def test_cost_page_with_nothing_fitting_anywhere(client):
    vendor = VendorFactory(name="Tiny CRM", slug="tiny")
    PlanFactory(vendor=vendor, name="Solo", user_limit=1)
    ComparisonFactory(slug="tiny", vendors=[vendor])

    page = text_of(client.get(cost_url("tiny"), {"users": 2}))

    assert "No plan of these CRMs fits your team and can be priced." in page
    assert "Solo</strong>: this plan allows at most 1 user" in page


def test_cost_page_shows_the_chart_with_break_even_and_its_table(client, article):
    response = client.get(cost_url(), {"users": 5, "months": 1, "users_to": 10})

    page = response.content.decode()
    assert page.count("<svg") == 1
    assert "From 4 users, HubSpot costs less than Zoho CRM" in text_of(response)
    assert "Show the figures as a table" in page
    assert "<script" not in page


def test_cost_page_in_spanish_formats_numbers_the_spanish_way(client, article):
    response = client.get(
        cost_url().removeprefix("/en"),
        {"users": 5, "months": 12},
    )

    assert response.status_code == 200
    assert "840,00" in response.content.decode()


def test_cost_page_of_unknown_or_unpublished_comparison_is_404(client, article):
    ComparisonFactory(slug="draft", is_published=False)

    assert client.get(cost_url("nope")).status_code == 404
    assert client.get(cost_url("draft")).status_code == 404


def test_cost_page_query_count_does_not_grow_with_plans(client, article, django_assert_num_queries):
    # the data version, comparison, its vendors, the features (must-have choices), their plans.
    with django_assert_num_queries(5):
        client.get(cost_url(), {"users": 5})
    for index in range(10):
        PlanFactory(vendor=article["zoho"], price=Decimal(20 + index))
        PlanFactory(vendor=article["hubspot"], price=Decimal(30 + index), user_limit=index + 1)
    with django_assert_num_queries(5):
        client.get(cost_url(), {"users": 5})


def test_cost_page_answers_not_modified_to_a_matching_etag(client, article):
    first = client.get(cost_url(), {"users": 5})

    again = client.get(cost_url(), {"users": 5}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


# --- Any-vendors cost calculator -----------------------------------------------------------


def test_any_vendors_cost_page_without_a_selection_offers_the_vendor_list(client, article):
    response = client.get("/en/coste/")

    assert response.status_code == 200
    page = text_of(response)
    assert 'value="zoho-crm"' in page and 'value="hubspot"' in page
    assert "Cost for your team" not in page


def test_any_vendors_cost_page_keeps_the_selection_order_in_its_form(client, article):
    response = client.get("/en/coste/", {"vendors": ["hubspot", "zoho-crm"], "users": 5})

    assert response.status_code == 200
    page = response.content.decode()
    assert page.index('id="cost-hubspot"') < page.index('id="cost-zoho-crm"')
    assert '<input type="hidden" name="vendors" value="hubspot">' in page


def test_any_vendors_cost_page_rejects_unknown_vendors(client, article):
    response = client.get("/en/coste/", {"vendors": ["zoho-crm", "nope"]})

    assert response.status_code == 400
    assert "We do not know this CRM: “nope”." in text_of(response)


def test_any_vendors_cost_page_query_count(client, article, django_assert_num_queries):
    # the data version, vendor list (for the choices), features (must-have choices) and plans.
    with django_assert_num_queries(4):
        client.get("/en/coste/", {"vendors": ["zoho-crm", "hubspot"], "users": 3})


# --- Fit finder --------------------------------------------------------------------------


def test_fit_page_with_default_weights_ties_and_shows_contributions(client, article):
    response = client.get(fit_url())

    assert response.status_code == 200
    page = text_of(response)
    assert "1. Zoho CRM: 7.5 out of 10" in page
    assert "1. HubSpot: 7.5 out of 10" in page
    assert '<select name="weights" id="id_weights-ease-of-use">' in page
    assert '<option value="ease-of-use:3" selected>' in page


@pytest.mark.parametrize(
    "query",
    [
        {"weights": ["ease-of-use:5", "value-for-money:1"]},  # what the page's form sends
        {"weights": "ease-of-use:5,value-for-money:1"},  # as the API takes them too
        {"w-ease-of-use": 5, "w-value-for-money": 1},  # the page's former names
    ],
)
def test_fit_page_weights_in_the_url_change_the_ranking(client, article, query):
    response = client.get(fit_url(), query)

    page = text_of(response)
    assert page.index("1. HubSpot: 8.5 out of 10") < page.index("2. Zoho CRM: 6.5 out of 10")
    assert '<option value="ease-of-use:5" selected>' in page
    assert '<option value="value-for-money:1" selected>' in page


def test_fit_page_rejects_all_zero_weights_and_out_of_range_weights(client, article):
    zero = client.get(fit_url(), {"weights": ["ease-of-use:0", "value-for-money:0"]})
    too_big = client.get(fit_url(), {"weights": "ease-of-use:9"})
    former = client.get(fit_url(), {"w-ease-of-use": 9})

    assert zero.status_code == too_big.status_code == former.status_code == 400
    assert "Give at least one criterion a weight above 0." in text_of(zero)
    message = "The weight of “ease-of-use” must be between 0 and 5."
    assert message in text_of(too_big)
    assert message in text_of(former)


def test_fit_page_shows_the_scores_chart_with_the_winner_marked(client, article):
    response = client.get(fit_url())

    page = response.content.decode()
    assert page.count("<svg") == 1
    assert "★ 9" in page
    assert "Ease of use: HubSpot wins" in page


def test_fit_page_links_to_the_cost_calculator(client, article):
    page = client.get(fit_url()).content.decode()

    assert 'href="/en/comparar/zoho-vs-hubspot/coste/"' in page


def test_fit_page_query_count_does_not_grow(client, article, django_assert_num_queries):
    # the data version, comparison, vendors, criteria, assessments, sections.
    with django_assert_num_queries(6):
        client.get(fit_url())
    for _ in range(5):
        criterion = CriterionFactory()
        AssessmentFactory(vendor=article["zoho"], criterion=criterion)
        AssessmentFactory(vendor=article["hubspot"], criterion=criterion)
    with django_assert_num_queries(6):
        client.get(fit_url())


def test_any_vendors_fit_page(client, article):
    response = client.get("/en/encaje/", {"vendors": ["hubspot"], "w-ease-of-use": 5})

    assert response.status_code == 200
    assert "1. HubSpot:" in text_of(response)
    assert 'href="/en/coste/?vendors=hubspot"' in response.content.decode()


# --- Must-have features ------------------------------------------------------------------


@pytest.fixture
def email(article):
    """Email marketing: in Zoho from Standard, HubSpot says nothing; plus a second category."""
    marketing = FeatureCategoryFactory(name="Marketing", position=1)
    feature = FeatureFactory(name="Email marketing", slug="email-marketing", category=marketing)
    FeatureFactory(name="API", slug="api", category=FeatureCategoryFactory(name="Platform"))
    FeatureAvailabilityFactory(
        vendor=article["zoho"], feature=feature, plan=article["zoho_standard"]
    )
    return feature


def test_cost_page_offers_must_haves_as_checkboxes_grouped_by_category(client, email):
    page = client.get(cost_url(), {"users": 2, "need": "email-marketing"}).content.decode()

    assert "<legend>Marketing</legend>" in page and "<legend>Platform</legend>" in page
    assert (
        '<input type="checkbox" name="need" value="email-marketing" id="id_need-email-marketing"'
        " checked" in page
    )
    assert '<input type="checkbox" name="need" value="api" id="id_need-api" aria' in page
    assert '<details class="need-groups" open>' in page


def test_cost_page_with_a_must_have_rules_out_lower_tiers_and_vendors_without_data(client, email):
    response = client.get(cost_url(), {"users": 2, "need": "email-marketing"})

    page = text_of(response)
    assert response.status_code == 200
    assert "Must have: Email marketing." in page
    assert "<strong>Free Edition</strong>: “Email marketing” starts from the Standard plan" in page
    assert "HubSpot is ruled out by your must-have features:" in page
    assert "no data about “Email marketing” for HubSpot: check with the vendor" in page


def test_cost_page_unknown_must_have_is_a_form_error_naming_it(client, email):
    response = client.get(cost_url(), {"users": 2, "need": ["email-marketing", "nope"]})

    assert response.status_code == 400
    assert (
        '<a href="#id_need-email-marketing">Must-have features</a>: '
        "We do not know this feature: “nope”." in text_of(response)
    )


@pytest.mark.parametrize("extra", [0, 20])
def test_cost_page_with_must_haves_query_count_does_not_grow(
    client, email, django_assert_num_queries, extra
):
    for _ in range(extra):
        feature = FeatureFactory()
        FeatureAvailabilityFactory(vendor=email.availabilities.first().vendor, feature=feature)
    # the data version, comparison, its vendors, the features, their plans, the availabilities.
    with django_assert_num_queries(6):
        response = client.get(cost_url(), {"users": 2, "need": "email-marketing"})
    assert response.status_code == 200


# --- Recommendation -------------------------------------------------------------------------


def answer_url(slug="zoho-vs-hubspot"):
    return en("comparison_recommendation", slug=slug)


def test_recommendation_page_answers_in_one_view(client, email):
    response = client.get(answer_url(), {"users": 2, "need": "email-marketing"})

    assert response.status_code == 200
    page = text_of(response)
    assert "1. Zoho CRM: fit 7.5 out of 10" in page
    assert "<strong>Standard</strong>: $28.00 a month, $336.00 a year" in page
    assert "Ruled out" in page
    assert (
        "<strong>HubSpot</strong>: no data about “Email marketing” for HubSpot: check with "
        "the vendor" in page
    )
    assert "within 0.5 points out of 10" in page


def test_recommendation_page_says_when_it_is_a_close_call(client, article):
    page = text_of(client.get(answer_url(), {"users": 4}))

    assert (
        "Too close to call on your priorities (Zoho CRM 7.5, HubSpot 7.5 out of 10): HubSpot is "
        "cheaper for your team ($0.00 a month against $56.00)." in page
    )
    assert (
        "“Ease of use” favours HubSpot by 1.5; “Value for money” favours Zoho CRM by 1.5." in page
    )


def test_recommendation_url_keeps_every_choice_so_it_can_be_shared(client, email):
    query = {
        "users": 7,
        "contacts": 300,
        "billing": "month",
        "need": "email-marketing",
        "weights": ["ease-of-use:5", "value-for-money:1"],
    }

    page = client.get(answer_url(), query).content.decode()

    assert 'name="users" value="7"' in page
    assert 'name="contacts" value="300"' in page
    assert '<option value="month" selected>' in page
    assert 'value="email-marketing" id="id_need-email-marketing" checked' in page
    assert '<option value="ease-of-use:5" selected>' in page
    assert '<form class="tool-form recommendation-form" method="get"' in page


def test_recommendation_page_bad_input_is_a_form_error_not_a_500(client, email):
    response = client.get(answer_url(), {"users": 0, "need": "nope", "weights": "ease-of-use:9"})

    assert response.status_code == 400
    page = text_of(response)
    assert "Enter at least 1 user." in page
    assert "We do not know this feature: “nope”." in page
    assert "The weight of “ease-of-use” must be between 0 and 5." in page


def test_recommendation_page_links_from_the_other_tools(client, article):
    page = client.get(cost_url(), {"users": 2}).content.decode()

    assert 'href="/en/comparar/zoho-vs-hubspot/recomendacion/"' in page


def test_any_vendors_recommendation_page(client, article):
    response = client.get("/en/recomendacion/", {"vendors": ["hubspot"], "users": 2})

    assert response.status_code == 200
    assert "1. HubSpot: fit" in text_of(response)
    assert 'href="/en/coste/?vendors=hubspot"' in response.content.decode()
    assert '<input type="hidden" name="vendors" value="hubspot">' in response.content.decode()


@pytest.mark.parametrize("extra", [0, 8])
def test_recommendation_page_query_count_does_not_grow(
    client, email, django_assert_num_queries, extra
):
    for _ in range(extra):
        criterion = CriterionFactory()
        feature = FeatureFactory()
        PlanFactory(vendor=email.availabilities.first().vendor)
        for vendor in (email.availabilities.first().vendor,):
            AssessmentFactory(vendor=vendor, criterion=criterion)
            FeatureAvailabilityFactory(vendor=vendor, feature=feature)
    # the data version, comparison, vendors, criteria, assessments, features, availabilities,
    # plans.
    with django_assert_num_queries(8):
        response = client.get(answer_url(), {"users": 2, "need": "email-marketing"})
    assert response.status_code == 200


# --- Price history -------------------------------------------------------------------------


def test_price_history_page_charts_a_changed_plan_and_states_an_unchanged_one(client, article):
    plan = article["zoho_standard"]
    plan.history.update(history_date="2023-01-10T10:00:00Z")
    plan.price = Decimal("20")
    plan.save()

    response = client.get(en("vendor_price_history", slug="zoho-crm"))

    assert response.status_code == 200
    page = text_of(response)
    assert page.count("<svg") == 1
    assert "Price history: Standard" in page
    assert "Jan 10, 2023" in page
    assert "Since Jan 10, 2023: $20.00 per user a month." not in page  # changed today
    assert "Price unchanged since" in page and ": free." in page  # the free edition
    assert "Extra backup</h3> <p>Price unchanged since" in page
    assert "$6.00 each time." in page


def test_price_history_page_query_count(client, article, django_assert_num_queries):
    # the data version, vendor, its plans, their history.
    with django_assert_num_queries(4):
        client.get(en("vendor_price_history", slug="hubspot"))


def test_every_chart_on_the_pages_is_well_formed_svg(client, article):
    pages = [client.get(cost_url()), client.get(fit_url())]
    for response in pages:
        html = response.content.decode()
        start = html.index("<svg")
        svg = html[start : html.index("</svg>", start) + len("</svg>")]
        root = ElementTree.fromstring(svg)
        assert root.get("role") == "img"


@needs_vnu
def test_tool_pages_are_valid_html5(client, article, tmp_path):
    plan = article["zoho_standard"]
    plan.history.update(history_date="2023-01-10T10:00:00Z")
    plan.price = Decimal("20")
    plan.save()
    paths = [
        cost_url(),
        cost_url() + "?users=0",
        fit_url(),
        fit_url() + "?w-ease-of-use=9",
        "/coste/",
        "/coste/?vendors=hubspot&vendors=zoho-crm",
        "/encaje/?vendors=hubspot",
        en("vendor_price_history", slug="zoho-crm"),
    ]
    assert_valid_html(client, paths, tmp_path, statuses=(200, 400))
