"""The README quotes the API's answers in the language they come in."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

pytestmark = pytest.mark.django_db

README = settings.BASE_DIR / "README.md"


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/plans/?price_min=cheap",
        "/api/v1/comparisons/zoho-crm-vs-hubspot-crm/cost/?users=0",
    ],
)
def test_readme_quotes_api_errors_in_spanish_by_default_and_in_english_with_lang_en(client, path):
    call_command("load_seed", stdout=StringIO())
    readme = README.read_text(encoding="utf-8")

    for query, language in (("", "es"), ("&lang=en", "en")):
        response = client.get(path + query)
        assert (response.status_code, response["Content-Language"]) == (400, language)
        quoted = json.dumps(response.json(), ensure_ascii=False)
        assert f"`{quoted}`" in readme, f"README should quote {quoted} ({language})"
