"""Security headers on every response, cached or not."""

import pytest

from tests.factories import ComparisonFactory


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/healthz"])
def test_responses_carry_security_headers(client, path):
    ComparisonFactory()
    client.get(path)  # the second request of "/" is a cache hit

    response = client.get(path)

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_https_responses_carry_hsts_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True

    response = client.get("/healthz", secure=True)

    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_except_probes(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/").status_code == 301
    assert client.get("/").url.startswith("https://")
    assert client.get("/healthz").status_code == 200


@pytest.mark.django_db
def test_proxy_header_marks_requests_secure(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    assert client.get("/", HTTP_X_FORWARDED_PROTO="https").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_api_docs_run_only_the_sites_own_scripts(client, path):
    # The docs start from a script file; only their run-time styles are inline.
    directives = dict(
        part.strip().split(" ", 1)
        for part in client.get(path)["Content-Security-Policy"].split(";")
    )

    assert "unsafe-inline" not in directives["script-src"]
    assert "'unsafe-inline'" in directives["style-src"]


@pytest.mark.django_db
def test_public_pages_allow_no_inline_script(client):
    csp = client.get("/")["Content-Security-Policy"]

    assert "unsafe-inline" not in csp
