"""Helpers of the real-browser tests: what a page got wrong, and axe-core's WCAG verdict."""

from contextlib import contextmanager

import pytest
from django.conf import settings

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = (
    'axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa"]}})'
)

needs_axe = pytest.mark.skipif(
    not AXE.exists(), reason=f"axe-core not installed at {AXE}: run `npm install` (package.json)"
)


def record_problems(page, *, site_url: str | None = None) -> list[str]:
    """Collect, as the page runs, every console error (CSP violations among them), uncaught
    error and failed response; with `site_url`, every request made elsewhere too."""
    found = []
    page.on("console", lambda message: message.type == "error" and found.append(message.text))
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on(
        "response",
        lambda response: (
            response.status >= 400 and found.append(f"{response.status} {response.url}")
        ),
    )
    if site_url:
        page.on(
            "request",
            lambda request: (
                not request.url.startswith((site_url, "blob:", "data:"))
                and found.append(f"off-site {request.url}")
            ),
        )
    return found


@contextmanager
def axe_page(browser, *, width: int):
    """A page of the given width with axe-core loaded before any of the site's scripts."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.add_init_script(path=str(AXE))
    try:
        yield page
    finally:
        context.close()


def axe_violations(page, url: str) -> list:
    """WCAG 2.1 AA violations on the page at `url`: each rule's id and its first three nodes."""
    page.goto(url)
    result = page.evaluate(WCAG_21_AA)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result["violations"]
    ]
