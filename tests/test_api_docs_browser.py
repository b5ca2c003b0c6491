"""The API's documentation pages work in real Chromium under the site's CSP, with no CDN."""

import pytest

from tests.browser import record_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture
def problems(page, live_server):
    """Console errors (CSP violations among them), failed and off-site requests."""
    return record_problems(page, site_url=live_server.url)


def test_swagger_ui_lists_the_operations(live_server, page, problems):
    page.goto(f"{live_server.url}/api/docs/")

    page.get_by_text("/api/v1/plans/", exact=True).first.wait_for()
    assert page.get_by_text("crmcompare API").first.is_visible()
    assert problems == []


def test_redoc_shows_the_api(live_server, page, problems):
    page.goto(f"{live_server.url}/api/redoc/")

    page.get_by_text("/api/v1/comparisons/{slug}/csv/").first.wait_for(state="attached")
    assert page.get_by_role("heading", name="crmcompare API").first.is_visible()
    # ReDoc's attribution logo is hard-wired to its CDN: the CSP blocks it, nothing else.
    assert [problem for problem in problems if REDOC_LOGO not in problem] == []
