"""The OpenAPI schema: valid, complete, and honoured by the live API (schemathesis)."""

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

from comparisons.models import ComparisonVendor
from tests import factories
from tests.api_support import build_catalogue, token_for, user_with_permissions

SCHEMATHESIS = str(Path(sys.executable).parent / "schemathesis")
CONFIG = str(Path(__file__).with_name("schemathesis.toml"))


@pytest.mark.django_db
def test_schema_generates_without_warnings_and_validates(tmp_path, capsys):
    path = tmp_path / "schema.yaml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(path))

    schema = yaml.safe_load(path.read_text())
    assert "/api/v1/comparisons/{slug}/csv/" in schema["paths"]
    assert "/api/v1/auth/token/" in schema["paths"]
    plans = schema["paths"]["/api/v1/plans/"]["get"]
    names = {parameter["name"] for parameter in plans["parameters"]}
    assert {"vendor", "currency", "billing_period", "price_min", "price_max", "free"} <= names
    assert {"search", "ordering", "limit", "offset", "lang"} <= names
    assert set(plans["responses"]) == {"200", "304", "400", "403", "406", "412", "429"}
    put = schema["paths"]["/api/v1/plans/{id}/"]["put"]["responses"]
    assert set(put) == {"200", "400", "403", "404", "406", "412", "415", "429"}
    token = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]
    assert set(token) == {"200", "400", "403", "406", "415", "429"}


def _served_schema(client, **headers) -> tuple[dict, str]:
    response = client.get(
        reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json", **headers
    )
    assert response.status_code == 200
    return response.json(), response["Content-Language"]


def _without_prose(node):
    if isinstance(node, dict):
        return {
            key: _without_prose(value)
            for key, value in node.items()
            if key not in ("description", "summary")
        }
    if isinstance(node, list):
        return [_without_prose(item) for item in node]
    return node


@pytest.mark.django_db
def test_schema_names_are_ascii_and_the_same_in_every_language(client):
    spanish, _ = _served_schema(client, HTTP_ACCEPT_LANGUAGE="es")
    english, _ = _served_schema(client, HTTP_ACCEPT_LANGUAGE="en")

    # Only the prose is translated: names, titles, types and enums are the same.
    assert _without_prose(spanish) == _without_prose(english)
    names = list(english["components"]["schemas"])
    assert all(name.isascii() and name.isidentifier() for name in names), names
    assert {"BillingPeriodEnum", "PlanKindEnum", "AvailabilityStatusEnum"} <= set(names)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("headers", "language"),
    [
        ({}, "es"),
        ({"HTTP_ACCEPT_LANGUAGE": "en"}, "en"),
        ({"HTTP_ACCEPT_LANGUAGE": "es"}, "es"),
        ({"QUERY_STRING": "lang=en", "HTTP_ACCEPT_LANGUAGE": "es"}, "en"),
        ({"QUERY_STRING": "lang=es", "HTTP_ACCEPT_LANGUAGE": "en"}, "es"),
    ],
)
def test_schema_is_described_in_the_language_asked_for_and_says_which(client, headers, language):
    schema, content_language = _served_schema(client, **headers)

    lang = next(
        parameter
        for parameter in schema["paths"]["/api/v1/plans/"]["get"]["parameters"]
        if parameter["name"] == "lang"
    )
    expected = {"en": "Language of labels", "es": "Idioma de etiquetas"}[language]
    assert lang["description"].startswith(expected)
    assert content_language == language


@pytest.mark.django_db
def test_schema_refuses_an_unknown_language_naming_the_parameter(client):
    response = client.get(reverse("api:schema"), {"lang": "xx"})

    assert response.status_code == 400
    assert "lang" in response.json()


@pytest.mark.django_db
def test_swagger_ui_and_redoc_use_the_sites_own_static_files(client):
    for name in ("api:swagger-ui", "api:redoc"):
        page = client.get(reverse(name)).content.decode()
        assert "drf_spectacular_sidecar" in page
        assert "cdn" not in page.lower()


def _schemathesis(url: str, *options: str) -> subprocess.CompletedProcess:
    # Run from a scratch directory: schemathesis keeps a cache where it runs.
    return subprocess.run(
        [
            SCHEMATHESIS,
            "--config-file",
            CONFIG,
            "--no-color",
            "run",
            f"{url}/api/schema/",
            "--workers",
            "1",
            "--seed",
            "1",
            "--output-sanitize",
            "false",
            *options,
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tempfile.gettempdir(),
    )


def _catalogue_with_a_vendor_without_data():
    """build_catalogue's comparison plus a vendor with no facts: null cells in its matrix."""
    comparison = build_catalogue(vendor_count=2)
    ComparisonVendor.objects.create(
        comparison=comparison, vendor=factories.VendorFactory(slug="no-data"), position=2
    )


@pytest.fixture
def throttling_off(settings):
    """No request rates and no login lockout: the checks see the API's own answers."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    settings.AXES_ENABLED = False


@pytest.mark.django_db(transaction=True)
def test_live_api_conforms_to_its_schema(live_server, throttling_off):
    """Every check schemathesis has, as an anonymous client: no 5xx, nothing undocumented,
    valid data accepted and invalid data refused; reads follow links (stateful phase)."""
    _catalogue_with_a_vendor_without_data()

    result = _schemathesis(
        live_server.url,
        "--checks",
        "all",
        "--phases",
        "examples,fuzzing,stateful",
        "--max-examples",
        "3",
    )

    assert result.returncode == 0, result.stdout[-6000:]


@pytest.mark.django_db(transaction=True)
def test_live_api_reads_take_every_valid_parameter_and_refuse_every_invalid_one(
    live_server, throttling_off
):
    """Every check, with each read's parameters at and beyond their documented bounds
    (schemathesis' coverage phase: blank values, enum neighbours, limits). Reads only:
    an anonymous write is refused before its body is looked at."""
    _catalogue_with_a_vendor_without_data()

    result = _schemathesis(
        live_server.url, "--checks", "all", "--phases", "coverage", "--include-method", "GET"
    )

    assert result.returncode == 0, result.stdout[-6000:]


@pytest.mark.django_db(transaction=True)
def test_live_api_writes_by_an_editor_never_fail_on_the_server(live_server, throttling_off):
    """Random writes with an all-permissions token: answers are documented, never 5xx."""
    build_catalogue(vendor_count=2)
    editor = user_with_permissions(
        *[
            f"{action}_{model}"
            for action in ("add", "change", "delete")
            for model in (
                "vendor",
                "plan",
                "feature",
                "featurecategory",
                "featureavailability",
                "criterion",
                "assessment",
                "comparison",
                "faqentry",
            )
        ]
    )

    result = _schemathesis(
        live_server.url,
        "--checks",
        "not_a_server_error,status_code_conformance,content_type_conformance,"
        "response_schema_conformance",
        "--phases",
        "fuzzing",
        "--max-examples",
        "3",
        "--include-method-regex",
        "^(POST|PUT|PATCH|DELETE)$",
        "--include-path-regex",
        "^/api/v1/(vendors|plans|features|feature-categories|feature-availabilities|criteria"
        "|assessments|comparisons|faq)/",
        "--header",
        f"Authorization: Token {token_for(editor)}",
    )

    assert result.returncode == 0, result.stdout[-6000:]
