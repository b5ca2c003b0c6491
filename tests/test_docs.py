"""The docs stay true: they quote the API as it answers, name every setting, link to what exists."""

import ast
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

ROOT = Path(settings.BASE_DIR)
README = ROOT / "README.md"
DOCS = sorted([README, ROOT / "CONTRIBUTING.md", ROOT / "fixtures" / "README.md"]) + sorted(
    (ROOT / "docs").glob("*.md")
)
# Modules that read the deployment's environment.
SETTINGS_MODULES = [ROOT / "crmcompare" / "settings.py", ROOT / "crmcompare" / "gunicorn.conf.py"]
ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]+")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/plans/?price_min=cheap",
        "/api/v1/comparisons/zoho-crm-vs-hubspot-crm/cost/?users=0",
    ],
)
def test_api_docs_quote_errors_in_spanish_by_default_and_in_english_with_lang_en(client, path):
    call_command("load_seed", stdout=StringIO())
    api_docs = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")

    for query, language in (("", "es"), ("&lang=en", "en")):
        response = client.get(path + query)
        assert (response.status_code, response["Content-Language"]) == (400, language)
        quoted = json.dumps(response.json(), ensure_ascii=False)
        assert f"`{quoted}`" in api_docs, f"docs/api.md should quote {quoted} ({language})"


def environment_names(source: str) -> set[str]:
    """Names the module reads from the environment: the first argument of any call to
    something named like env/environ/getenv, and os.environ["NAME"]."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            callee = ast.unparse(node.func).lower()
            first = node.args[0]
            if "env" in callee and isinstance(first, ast.Constant):
                names.add(first.value)
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ"):
            if isinstance(node.slice, ast.Constant):
                names.add(node.slice.value)
    return {name for name in names if isinstance(name, str) and ENV_NAME.fullmatch(name)}


def test_environment_names_are_found_in_every_way_settings_read_them():
    source = (
        'A = os.environ.get("ONE", "1")\nB = os.environ["TWO"]\n'
        'C = env_bool("THREE", default=True)\nD = env.int("FOUR", 4)\n'
        'E = os.getenv("FIVE")\nF = env("SIX")\nG = other("seven")\n'
    )

    assert environment_names(source) == {"ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX"}


def test_every_environment_variable_the_settings_read_is_documented_for_deployers():
    read = set()
    for module in SETTINGS_MODULES:
        if module.exists():
            read |= environment_names(module.read_text(encoding="utf-8"))
    deploy_docs = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")

    assert "DJANGO_SECRET_KEY" in read
    missing = sorted(name for name in read if f"`{name}`" not in deploy_docs)
    assert not missing, f"docs/deploy.md should document {missing}"


def test_readme_stays_an_overview():
    lines = README.read_text(encoding="utf-8").splitlines()

    assert len(lines) <= 200, "README.md grew past 200 lines: move the details into docs/"


def github_anchor(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("document", DOCS, ids=lambda path: str(path.relative_to(ROOT)))
def test_links_between_documents_lead_to_existing_files_and_headings(document):
    text = document.read_text(encoding="utf-8")
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (document.parent / path).resolve() if path else document
        if not linked.exists():
            broken.append(target)
        elif anchor and linked.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), re.MULTILINE)
            if anchor not in {github_anchor(heading) for heading in headings}:
                broken.append(target)

    assert not broken, f"{document.name} links to what does not exist: {broken}"
