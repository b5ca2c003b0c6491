import os
import shutil

import pytest

# The sync Playwright API runs an event loop in the test's thread; ORM calls in
# the same test would otherwise raise SynchronousOnlyOperation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


def pytest_collection_modifyitems(config, items):
    # Browser tests need Debian's chromium; `.ci/run` installs it, so CI always runs them.
    if shutil.which("chromium") or os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}: apt-get install chromium")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _clear_cache():
    # Tests must not see each other's cached pages.
    from django.core.cache import cache

    from core.middleware import hot_entries

    cache.clear()
    hot_entries.clear()
    yield
    cache.clear()
    hot_entries.clear()


# --- Admin roles: editors and readers, as the admin grants them ---


@pytest.fixture
def editor(db):
    from tests.factories import EditorFactory

    return EditorFactory()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def superuser_client(client, db):
    from tests.factories import SuperuserFactory

    client.force_login(SuperuserFactory())
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs a second per test account.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    # A request under /en/ leaves English active in the test thread, and reverse()
    # would then prefix every later URL with /en/: start each test in Spanish.
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def english(settings):
    """Serve unprefixed URLs in English, so tests read messages as written in the code."""
    from django.urls import clear_url_caches
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    # The URL resolver caches each language's prefix: drop it on the way in and out.
    clear_url_caches()
    # Code called directly (forms, pure functions) speaks the active language.
    with translation.override("en"):
        yield
    clear_url_caches()


@pytest.fixture
def article(db):
    """The seed article's two CRMs as the buyer tools see them: their plans, a comparison
    of both, two criteria with opposite scores, and HubSpot winning ease of use.

    Returns the objects by short name (see `factories.article_catalogue`), plus
    `comparison`, `ease` and `value`.
    """
    from decimal import Decimal

    from tests.factories import (
        AssessmentFactory,
        ComparisonFactory,
        ComparisonSectionFactory,
        CriterionFactory,
        article_catalogue,
    )

    objects = article_catalogue()
    zoho, hubspot = objects["zoho"], objects["hubspot"]
    comparison = ComparisonFactory(
        title="Zoho vs HubSpot", slug="zoho-vs-hubspot", vendors=[zoho, hubspot]
    )
    ease = CriterionFactory(name="Ease of use", slug="ease-of-use", default_weight=3)
    value = CriterionFactory(name="Value for money", slug="value-for-money", default_weight=3)
    for vendor, scores in ((zoho, ("6", "9")), (hubspot, ("9", "6"))):
        AssessmentFactory(vendor=vendor, criterion=ease, score=Decimal(scores[0]))
        AssessmentFactory(vendor=vendor, criterion=value, score=Decimal(scores[1]))
    ComparisonSectionFactory(comparison=comparison, criterion=ease, winner=hubspot)
    return {**objects, "comparison": comparison, "ease": ease, "value": value}


# --- Source watch ---


@pytest.fixture
def page_server(tmp_path):
    """A local web server for watched pages (tests/page_server.py)."""
    from tests.page_server import PageServer

    root = tmp_path / "site"
    root.mkdir()
    server = PageServer(root)
    yield server
    server.close()


@pytest.fixture
def watch_settings(settings):
    """The watcher may fetch the pages tests serve on 127.0.0.1, without pauses."""
    settings.SOURCE_WATCH_ALLOW_PRIVATE = True
    settings.SOURCE_WATCH_HOST_SPACING = 0
    settings.SOURCE_WATCH_MIN_INTERVAL = 0
    settings.SOURCE_WATCH_TIMEOUT = 5
    return settings


@pytest.fixture(autouse=True)
def _api_answers_match_the_schema(request, monkeypatch):
    """In the API's test modules, every answer the test client gets is checked against
    the OpenAPI schema (status documented, JSON body valid), so the schema cannot drift."""
    if not request.module.__name__.startswith("tests.test_api_"):
        return
    from django.test import Client

    from tests.openapi_check import API_PREFIX, check_response

    send = Client.request

    def request_and_check(self, **kwargs):
        response = send(self, **kwargs)
        if response.wsgi_request.path.startswith(API_PREFIX):
            check_response(response)
        return response

    monkeypatch.setattr(Client, "request", request_and_check)
