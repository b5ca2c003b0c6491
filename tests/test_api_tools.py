from decimal import Decimal

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from comparisons.models import Feature, FeatureAvailability, Plan
from tests.api_support import build_catalogue
from tests.factories import (
    AddonFactory,
    ComparisonFactory,
    FeatureAvailabilityFactory,
    FeatureFactory,
    PlanFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


COST = "/api/v1/comparisons/zoho-vs-hubspot/cost/"
SERIES = "/api/v1/comparisons/zoho-vs-hubspot/cost-series/"
FIT = "/api/v1/comparisons/zoho-vs-hubspot/fit/"


def vendor_entry(data, slug):
    return next(entry for entry in data["vendors"] if entry["vendor"] == slug)


# --- Cost ---------------------------------------------------------------------------------------


def test_cost_for_five_users_picks_zoho_standard_at_70_a_month(client, article):
    response = client.get(COST, {"users": 5, "contacts": 5000, "months": 12}, **ENGLISH)

    assert response.status_code == 200
    data = response.json()
    assert data["needs"] == {
        "users": 5,
        "contacts": 5000,
        "months": 12,
        "billing": "any",
        "need": [],
    }
    zoho = vendor_entry(data, "zoho-crm")
    (cheapest,) = zoho["cheapest"]
    assert (cheapest["plan"], cheapest["total"], cheapest["per_month"]) == (
        "standard",
        "840.00",
        "70.00",
    )
    assert cheapest["lines"][0] == {
        "label": "$14.00 a month per user × 5 users × 12 months = $840.00",
        "amount": "840.00",
    }
    assert zoho["ruled_out"] == [
        {
            "plan": "free",
            "plan_name": "Free Edition",
            "reasons": ["the free edition allows at most 3 users"],
        }
    ]


def test_cost_ranks_per_currency_and_says_when_a_vendor_fits_nothing(client, article):
    response = client.get(COST, {"users": 5, "contacts": 2_000_000, "billing": "month"})

    data = response.json()
    assert data["nothing_fits"] is False
    zoho = vendor_entry(data, "zoho-crm")
    assert zoho["fits"] is False
    assert zoho["message"]
    assert [r["currency"] for r in data["rankings"]] == ["USD"]
    assert [e["vendor"] for e in data["rankings"][0]["entries"]] == ["hubspot"]


def test_cost_marketing_hub_extra_blocks_are_in_the_arithmetic(client, article):
    response = client.get(COST, {"users": 1, "contacts": 5000, "months": 1}, **ENGLISH)

    hubspot = vendor_entry(response.json(), "hubspot")
    marketing = next(o for o in hubspot["options"] if o["plan"] == "marketing-hub-professional")
    assert marketing["total"] == "950.00"
    assert [line["label"] for line in marketing["lines"]][-2:] == [
        "3 blocks of 1,000 contacts × $50.00 per block × 1 month = $150.00",
        "Total = $950.00",
    ]


@pytest.mark.parametrize("users", ["0", "-2", "abc", ""])
def test_cost_rejects_bad_users_with_400_naming_the_field(client, article, users):
    response = client.get(COST, {"users": users}, **ENGLISH)

    assert response.status_code == 400
    assert list(response.json()) == ["users"]


def test_cost_zero_users_message_is_plain(client, article):
    response = client.get(COST, {"users": 0}, **ENGLISH)

    assert response.json() == {"users": ["Enter at least 1 user."]}


def test_cost_messages_follow_lang(client, article):
    response = client.get(COST, {"users": 5, "months": 1, "lang": "es"})

    zoho = vendor_entry(response.json(), "zoho-crm")
    assert "70,00" in zoho["cheapest"][0]["lines"][0]["label"]


def test_cost_of_unknown_or_unpublished_comparison_is_404(client, article):
    ComparisonFactory(slug="draft", is_published=False)

    assert client.get("/api/v1/comparisons/nope/cost/", {"users": 1}).status_code == 404
    assert client.get("/api/v1/comparisons/draft/cost/", {"users": 1}).status_code == 404


@pytest.mark.parametrize("vendor_count", [2, 6])
def test_cost_query_count_is_fixed(client, django_assert_num_queries, vendor_count):
    build_catalogue(vendor_count=vendor_count)

    # the data version, comparison, its vendors, their plans.
    with django_assert_num_queries(4):
        response = client.get("/api/v1/comparisons/the-comparison/cost/", {"users": 3})
    assert len(response.json()["vendors"]) == vendor_count
    # Plans in USD and EUR: two rankings, never one.
    assert [r["currency"] for r in response.json()["rankings"]] == ["USD", "EUR"]


def test_cost_answers_304_to_its_etag(client, article):
    first = client.get(COST, {"users": 5})

    again = client.get(COST, {"users": 5}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def test_cost_is_read_only(client, article):
    assert client.post(COST, {"users": 5}).status_code == 405


# --- Any vendors --------------------------------------------------------------------------------


def test_picked_vendors_cost_keeps_their_order(client, article):
    response = client.get("/api/v1/tools/cost/", {"vendors": ["hubspot", "zoho-crm"], "users": 2})

    assert response.status_code == 200
    assert [v["vendor"] for v in response.json()["vendors"]] == ["hubspot", "zoho-crm"]


def test_picked_vendors_must_exist_and_be_given(client, article):
    unknown = client.get("/api/v1/tools/cost/", {"vendors": ["nope"], "users": 2}, **ENGLISH)
    missing = client.get("/api/v1/tools/cost/", {"users": 2})

    assert unknown.status_code == missing.status_code == 400
    assert unknown.json() == {"vendors": ["We do not know this CRM: “nope”."]}
    assert list(missing.json()) == ["vendors"]


def test_picked_vendors_errors_and_the_others_in_one_answer(client, article):
    response = client.get(
        "/api/v1/tools/cost/", {"vendors": [f"crm-{n}" for n in range(7)], "users": 0}, **ENGLISH
    )

    assert response.status_code == 400
    assert response.json() == {
        "vendors": ["Pick at most 6 CRMs to compare."],
        "users": ["Enter at least 1 user."],
    }


def test_picked_vendors_query_count(client, article, django_assert_num_queries):
    # the data version, the vendors, their plans.
    with django_assert_num_queries(3):
        client.get("/api/v1/tools/cost/", {"vendors": ["hubspot", "zoho-crm"], "users": 2})


# --- Cost series ----------------------------------------------------------------------------------


def test_cost_series_has_steps_and_break_evens(client, article):
    response = client.get(SERIES, {"users_from": 1, "users_to": 10, "months": 1}, **ENGLISH)

    assert response.status_code == 200
    data = response.json()
    assert data["users"] == list(range(1, 11))
    (usd,) = data["groups"]
    zoho = next(s for s in usd["series"] if s["vendor"] == "zoho-crm")
    assert zoho["color"] == "#e42527"
    assert [p["cost"] for p in zoho["points"][:4]] == ["0.00", "0.00", "0.00", "56.00"]
    assert zoho["steps"] == [{"users": 4, "before": "free", "after": "standard"}]
    assert usd["break_evens"] == [
        {
            "users": 4,
            "cheaper": "hubspot",
            "dearer": "zoho-crm",
            "label": "from 4 users, HubSpot costs less than Zoho CRM",
        }
    ]


def test_cost_series_rejects_an_empty_range(client, article):
    response = client.get(SERIES, {"users_from": 10, "users_to": 5})

    assert response.status_code == 400
    assert list(response.json()) == ["users_to"]


@pytest.mark.parametrize("vendor_count", [2, 6])
def test_cost_series_query_count_is_fixed(client, django_assert_num_queries, vendor_count):
    build_catalogue(vendor_count=vendor_count)

    # the data version, comparison, its vendors, their plans.
    with django_assert_num_queries(4):
        client.get("/api/v1/comparisons/the-comparison/cost-series/", {"users_to": 20})


# --- Fit ---------------------------------------------------------------------------------------


def test_fit_with_weights_ranks_and_explains(client, article):
    response = client.get(FIT, {"weights": "ease-of-use:5,value-for-money:1"})

    assert response.status_code == 200
    data = response.json()
    assert data["weights"] == "ease-of-use:5,value-for-money:1"
    first = data["ranking"][0]
    assert (first["vendor"], first["rank"], first["score"]) == ("hubspot", 1, "8.50")
    assert first["contributions"] == [
        {"criterion": "ease-of-use", "weight": 5, "score": "9.0", "points": "7.50"},
        {"criterion": "value-for-money", "weight": 1, "score": "6.0", "points": "1.00"},
    ]


@pytest.mark.parametrize(
    "query",
    [
        {"weights": ["ease-of-use:5", "value-for-money:1"]},  # as the fit page sends them
        {"w-ease-of-use": 5, "w-value-for-money": 1},  # the fit page's former names
    ],
)
def test_fit_reads_repeated_weights_and_the_former_names(client, article, query):
    response = client.get(FIT, query)

    assert response.status_code == 200
    assert response.json()["weights"] == "ease-of-use:5,value-for-money:1"
    assert response.json()["ranking"][0]["vendor"] == "hubspot"


def test_fit_without_weights_uses_the_defaults(client, article):
    data = client.get(FIT).json()

    assert data["weights"] == "ease-of-use:3,value-for-money:3"
    assert [f["rank"] for f in data["ranking"]] == [1, 1]


@pytest.mark.parametrize(
    "weights", ["nope:3", "ease-of-use:9", "ease-of-use:x", "ease-of-use:0,value-for-money:0"]
)
def test_fit_rejects_bad_weights_with_400(client, article, weights):
    response = client.get(FIT, {"weights": weights}, **ENGLISH)

    assert response.status_code == 400
    assert list(response.json()) == ["weights"]


@pytest.mark.parametrize("vendor_count", [2, 6])
def test_fit_query_count_is_fixed(client, django_assert_num_queries, vendor_count):
    build_catalogue(vendor_count=vendor_count)

    # the data version, comparison, vendors, criteria, assessments.
    with django_assert_num_queries(5):
        response = client.get("/api/v1/comparisons/the-comparison/fit/")
    assert len(response.json()["ranking"]) == vendor_count


def test_picked_vendors_fit(client, article):
    response = client.get("/api/v1/tools/fit/", {"vendors": ["zoho-crm"], "weights": ""})

    assert [f["vendor"] for f in response.json()["ranking"]] == ["zoho-crm"]


# --- Price history --------------------------------------------------------------------------------


def test_price_history_lists_changes_oldest_first(client, article):
    plan = article["zoho_standard"]
    plan.history.update(history_date="2023-01-10T10:00:00Z")
    plan.price = Decimal("20")
    plan.save()

    response = client.get("/api/v1/vendors/zoho-crm/price-history/")

    assert response.status_code == 200
    standard = next(p for p in response.json()["plans"] if p["plan"] == "standard")
    first = standard["changes"][0]
    assert (first["date"], first["price"]) == ("2023-01-10", "14.00")
    assert standard["changes"][-1]["price"] == "20.00"


@pytest.mark.parametrize("plan_count", [1, 8])
def test_price_history_query_count_is_fixed(client, django_assert_num_queries, plan_count):
    vendor = VendorFactory(slug="many")
    for _ in range(plan_count):
        plan = PlanFactory(vendor=vendor)
        plan.price = Decimal("99")
        plan.save()

    # the data version, vendor, its plans, their history.
    with django_assert_num_queries(4):
        response = client.get("/api/v1/vendors/many/price-history/")
    assert len(response.json()["plans"]) == plan_count


def test_price_history_of_unknown_vendor_is_404(client, db):
    assert client.get("/api/v1/vendors/nope/price-history/").status_code == 404


@pytest.mark.parametrize(
    ("url", "params", "name"),
    [
        (COST, {"users": 5, "billing": ""}, "billing"),
        (COST, {"users": 5, "contacts": ""}, "contacts"),
        (COST, {"users": 5, "months": ""}, "months"),
        (SERIES, {"users_from": ""}, "users_from"),
        ("/api/v1/tools/cost/", {"users": 5, "vendors": ""}, "vendors"),
    ],
)
def test_blank_parameter_is_400_naming_it(client, article, url, params, name):
    response = client.get(url, params)

    assert response.status_code == 400
    assert list(response.json()) == [name]


def test_blank_weights_mean_the_default_weights(client, article):
    assert client.get(FIT, {"weights": ""}).json() == client.get(FIT).json()


def test_malformed_vendor_slug_is_named_in_a_flat_message(client, article):
    response = client.get("/api/v1/tools/fit/", {"vendors": ["zoho", "not a slug"]}, **ENGLISH)

    assert response.status_code == 400
    [message] = response.json()["vendors"]  # one message, as the schema's 400 promises
    assert "“not a slug”" in message


# --- Must-have features and the recommendation -------------------------------------------------

RECOMMENDATION = "/api/v1/comparisons/zoho-vs-hubspot/recommendation/"


@pytest.fixture
def email(article):
    """Email marketing: in Zoho from Standard; HubSpot sells it as an add-on."""
    feature = FeatureFactory(name="Email marketing", slug="email-marketing")
    FeatureAvailabilityFactory(
        vendor=article["zoho"], feature=feature, plan=article["zoho_standard"]
    )
    hub = AddonFactory(
        vendor=article["hubspot"],
        name="Marketing Hub",
        slug="marketing-hub",
        price=Decimal("800"),
        pricing_unit=Plan.PricingUnit.PER_ACCOUNT,
    )
    FeatureAvailabilityFactory(
        vendor=article["hubspot"],
        feature=feature,
        status=FeatureAvailability.Status.ADDON,
        plan=hub,
    )
    return feature


def test_cost_with_a_must_have_adds_the_add_on_and_skips_lower_tiers(client, email):
    response = client.get(COST, {"users": 2, "need": "email-marketing"}, **ENGLISH)

    assert response.status_code == 200
    data = response.json()
    assert data["needs"]["need"] == ["email-marketing"]
    hubspot = vendor_entry(data, "hubspot")
    (cheapest,) = hubspot["cheapest"]
    assert (cheapest["plan"], cheapest["per_month"], cheapest["addons_included"]) == (
        "free-crm",
        "800.00",
        ["marketing-hub"],
    )
    assert "marketing-hub" not in [addon["addon"] for addon in hubspot["addons"]]
    zoho = vendor_entry(data, "zoho-crm")
    assert zoho["cheapest"][0]["plan"] == "standard"
    assert zoho["ruled_out"][0]["reasons"] == ["“Email marketing” starts from the Standard plan"]
    assert zoho["unmet_needs"] == []


def test_cost_with_a_must_have_without_data_rules_the_vendor_out(client, email):
    api = FeatureFactory(name="API", slug="api")

    data = client.get(COST, {"users": 2, "need": ["email-marketing", api.slug]}, **ENGLISH).json()

    assert vendor_entry(data, "zoho-crm")["unmet_needs"] == [
        "no data about “API” for Zoho CRM: check with the vendor"
    ]
    assert data["nothing_fits"] is True


@pytest.mark.parametrize("url", [COST, SERIES, RECOMMENDATION, "/api/v1/tools/cost/"])
def test_unknown_must_have_is_a_400_naming_need(client, email, url):
    response = client.get(url, {"users": 2, "vendors": "zoho-crm", "need": "nope"}, **ENGLISH)

    assert response.status_code == 400
    assert response.json() == {"need": ["We do not know this feature: “nope”."]}


def test_cost_series_with_a_must_have_agrees_with_the_cost(client, email):
    data = client.get(SERIES, {"users_from": 1, "users_to": 3, "need": "email-marketing"}).json()

    hubspot = next(
        series for series in data["groups"][0]["series"] if series["vendor"] == "hubspot"
    )
    assert [point["cost"] for point in hubspot["points"]] == ["800.00"] * 3


@pytest.mark.parametrize("feature_count", [1, 8])
def test_cost_with_must_haves_query_count_is_fixed(
    client, django_assert_num_queries, feature_count
):
    build_catalogue(vendor_count=3, features_per_category=feature_count)
    slugs = list(Feature.objects.values_list("slug", flat=True))

    # the data version, comparison, its vendors, the features named, their plans,
    # the availabilities.
    with django_assert_num_queries(6):
        response = client.get(
            "/api/v1/comparisons/the-comparison/cost/", {"users": 3, "need": slugs}
        )
    assert response.status_code == 200


def test_recommendation_ranks_by_fit_with_cost_and_close_call(client, email):
    response = client.get(RECOMMENDATION, {"users": 2, "need": "email-marketing", "lang": "en"})

    assert response.status_code == 200
    data = response.json()
    assert data["needs"]["need"] == ["email-marketing"]
    assert data["weights"] == "ease-of-use:3,value-for-money:3"
    assert data["close_call_margin"] == "0.50"
    assert [(c["vendor"], c["rank"], c["score"]) for c in data["candidates"]] == [
        ("zoho-crm", 1, "7.50"),
        ("hubspot", 1, "7.50"),
    ]
    zoho, hubspot = data["candidates"]
    assert (zoho["plan"]["plan"], zoho["plan"]["per_month"], zoho["plan"]["total"]) == (
        "standard",
        "28.00",
        "336.00",
    )
    assert hubspot["plan"]["addons_included"] == ["marketing-hub"]
    assert data["ruled_out"] == []
    call = data["close_call"]
    assert (call["leader"], call["runner_up"], call["cheaper"], call["gap"]) == (
        "zoho-crm",
        "hubspot",
        "zoho-crm",
        "0.00",
    )
    assert call["sentence"].startswith("Too close to call on your priorities")
    assert [d["criterion"] for d in call["deciders"]] == ["ease-of-use", "value-for-money"]


def test_recommendation_lists_vendors_ruled_out_and_why(client, email):
    FeatureAvailability.objects.filter(vendor__slug="hubspot").update(
        status=FeatureAvailability.Status.UNAVAILABLE
    )

    data = client.get(RECOMMENDATION, {"users": 2, "need": "email-marketing"}, **ENGLISH).json()

    assert [c["vendor"] for c in data["candidates"]] == ["zoho-crm"]
    assert data["ruled_out"] == [
        {
            "vendor": "hubspot",
            "vendor_name": "HubSpot",
            "reasons": ["HubSpot does not offer “Email marketing”"],
        }
    ]
    assert data["close_call"] is None


def test_picked_vendors_recommendation_agrees_with_the_page(client, email):
    query = {"vendors": ["hubspot"], "users": 2, "need": "email-marketing"}

    data = client.get("/api/v1/tools/recommendation/", query, **ENGLISH).json()
    page = " ".join(client.get("/en/recomendacion/", query).content.decode().split())

    (hubspot,) = data["candidates"]
    assert hubspot["plan"]["per_month"] == "800.00"
    assert "Free CRM + Marketing Hub</strong>: $800.00 a month, $9,600.00 a year" in page


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"users": 0}, ["users"]),
        ({"users": 2, "weights": "ease-of-use:9"}, ["weights"]),
        ({"users": 2, "billing": "weekly", "need": "nope"}, ["need", "billing"]),
    ],
)
def test_recommendation_bad_parameters_are_a_400_naming_them(client, email, query, names):
    response = client.get(RECOMMENDATION, query, **ENGLISH)

    assert response.status_code == 400
    assert sorted(response.json()) == sorted(names)


@pytest.mark.parametrize("vendor_count", [2, 6])
def test_recommendation_query_count_is_fixed(client, django_assert_num_queries, vendor_count):
    build_catalogue(vendor_count=vendor_count)
    slugs = list(Feature.objects.values_list("slug", flat=True))

    # the data version, comparison, vendors, criteria, assessments, the features named,
    # the availabilities, the plans.
    with django_assert_num_queries(8):
        response = client.get(
            "/api/v1/comparisons/the-comparison/recommendation/", {"users": 3, "need": slugs}
        )
    assert len(response.json()["candidates"]) == vendor_count


# --- Schema ------------------------------------------------------------------------------------


def test_schema_documents_the_tool_endpoints_and_is_valid():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    validate_schema(schema)
    paths = schema["paths"]
    cost = paths["/api/v1/comparisons/{slug}/cost/"]["get"]
    assert {p["name"] for p in cost["parameters"]} >= {
        "slug",
        "users",
        "contacts",
        "months",
        "billing",
        "lang",
    }
    assert {"200", "400", "404"} <= set(cost["responses"])
    for path in (
        "/api/v1/comparisons/{slug}/recommendation/",
        "/api/v1/tools/recommendation/",
        "/api/v1/comparisons/{slug}/cost-series/",
        "/api/v1/comparisons/{slug}/fit/",
        "/api/v1/tools/cost/",
        "/api/v1/tools/cost-series/",
        "/api/v1/tools/fit/",
        "/api/v1/vendors/{slug}/price-history/",
    ):
        assert "get" in paths[path], path
    assert "weights" in {
        p["name"] for p in paths["/api/v1/comparisons/{slug}/fit/"]["get"]["parameters"]
    }


def test_schema_documents_each_tool_parameter_from_its_form():
    schema = SchemaGenerator().get_schema(request=None, public=True)

    def parameters(path):
        return {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}

    cost = parameters("/api/v1/tools/cost/")
    assert cost["users"]["required"] is True
    assert cost["users"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100_000}
    assert cost["contacts"]["schema"]["default"] == 0
    assert cost["billing"]["schema"]["enum"] == ["any", "month", "year"]
    assert cost["vendors"]["schema"]["type"] == "array"
    assert (cost["vendors"]["schema"]["minItems"], cost["vendors"]["schema"]["maxItems"]) == (1, 6)
    series = parameters("/api/v1/comparisons/{slug}/cost-series/")
    assert {"users_from", "users_to", "contacts", "months", "billing"} <= set(series)
    assert "users" not in series
    fit = parameters("/api/v1/tools/fit/")
    assert fit["weights"]["schema"]["type"] == "array"
    assert not fit["weights"].get("required")
    assert cost["need"]["schema"]["type"] == "array"
    assert cost["need"]["schema"]["maxItems"] == 20
    recommendation = parameters("/api/v1/comparisons/{slug}/recommendation/")
    assert {"users", "contacts", "billing", "need", "weights"} <= set(recommendation)
    assert "months" not in recommendation
