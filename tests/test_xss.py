"""Editors' text is data, never markup: a script-like value stays text on every public page.

The catalogue is built with factories, then every text field of every model of
the comparisons app that accepts it gets the payload, introspected from the
models so a new model or field is covered without touching this module. Then
every public page, feed, chart and JSON-LD block is read in both languages,
following every link the pages give, and none may carry the payload as markup.
The admin and the browsable API, where editors read one another's text (and the
source watch's records of pages anyone can write), are read the same way.
"""

import datetime
import json
import re
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from simple_history.models import HistoricalChanges

from comparisons.models import Source
from source_watch.models import SourceCheck, SourceSnapshot
from tests.factories import (
    AddonFactory,
    AssessmentFactory,
    ComparisonFactory,
    ComparisonSectionFactory,
    CriterionFactory,
    FAQEntryFactory,
    FeatureAvailabilityFactory,
    FeatureCategoryFactory,
    FeatureFactory,
    PlanFactory,
    ProConFactory,
    SourceFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db

PAYLOAD = '"><img src=x onerror=alert(1)>'
# A URL holds no spaces; a browser reads "/" between attributes as one.
URL_PAYLOAD = PAYLOAD.replace(" ", "/")
RAW = (PAYLOAD, URL_PAYLOAD)
# What the payload looks like once escaped for HTML or XML: what readers should see as text.
ESCAPED = re.compile(r"&lt;img[ /]src=x[ /]onerror=alert\(1\)&gt;")
LONG_AGO = datetime.date(2020, 1, 1)
# Pages reached by following links are read too, up to this many in all.
MAX_PAGES = 200
FEED_TYPES = ("application/rss+xml", "application/atom+xml")


# --- The catalogue, with the payload in every text field -------------------------------


def _catalogue():
    """Two vendors with everything a published comparison shows, stale facts included."""
    source = SourceFactory(publisher="Publisher")
    first = VendorFactory(slug="first-crm", color="#1f6feb")
    second = VendorFactory(slug="second-crm")
    criterion = CriterionFactory(slug="ease", description="How easy it is.")
    category = FeatureCategoryFactory(slug="contacts")
    feature = FeatureFactory(slug="import", category=category, description="Bring contacts in.")
    plans = {}
    for vendor in (first, second):
        plans[vendor] = PlanFactory(
            vendor=vendor, slug="standard", description="The plan.", source=source
        )
        PlanFactory(vendor=vendor, slug="free", price=Decimal("0"), is_free=True)
        AddonFactory(vendor=vendor, slug="backup", price=Decimal("5"), description="One more.")
        FeatureAvailabilityFactory(
            vendor=vendor,
            feature=feature,
            plan=plans[vendor],
            note="From the standard plan.",
            source=source,
            last_verified=LONG_AGO,
            is_key=True,
        )
        ProConFactory(vendor=vendor, source=source)
        ProConFactory(vendor=vendor, kind="con", last_verified=LONG_AGO)
        AssessmentFactory(
            vendor=vendor, criterion=criterion, text="Why.", source=source, last_verified=LONG_AGO
        )
    comparison = ComparisonFactory(
        slug="first-vs-second",
        vendors=[first, second],
        conclusion="The first.",
        overall_winner=first,
        author_bio="Writes.",
    )
    comparison.sources.add(source)
    ComparisonSectionFactory(comparison=comparison, criterion=criterion, winner=first)
    ComparisonSectionFactory(comparison=comparison)
    FAQEntryFactory(comparison=comparison)
    FAQEntryFactory(comparison=None)
    return comparison, [first, second], plans


def _fill_value(field: models.Field, counter: int) -> str | None:
    """The payload as a value this field accepts, or None where it accepts none."""
    if isinstance(field, models.SlugField) or field.choices:
        return None
    if isinstance(field, models.URLField):
        value = f"https://example.com/?q={URL_PAYLOAD}&n={counter}"
    else:
        value = f"{PAYLOAD} {counter}"  # unique, for fields that must be
    try:
        field.clean(value, None)
    except ValidationError:
        return None  # a currency, a colour...: editors cannot write the payload there
    return value


def _text_fields(model) -> list[models.Field]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
    ]


def _fill_every_text_field() -> dict[str, int]:
    """Write the payload into every field that takes it, on every row; count per model."""
    counter = 0
    filled = {}
    for model in apps.get_app_config("comparisons").get_models():
        if issubclass(model, HistoricalChanges):
            continue  # written by the models' own saves
        fields = [field for field in _text_fields(model) if _fill_value(field, 0) is not None]
        if not fields:
            continue
        rows = model._default_manager.all()
        assert rows.exists(), f"build a {model.__name__} in _catalogue()"
        for obj in rows:
            for field in fields:
                counter += 1
                setattr(obj, field.attname, _fill_value(field, counter))
            obj.save()
        filled[model.__name__] = len(fields)
    return filled


@pytest.fixture
def hostile_catalogue():
    comparison, vendors, plans = _catalogue()
    filled = _fill_every_text_field()
    # An editor's price change: the change log, its feeds and the price history show it.
    for plan in plans.values():
        plan.history.update(history_date=datetime.datetime(2024, 1, 10, tzinfo=datetime.UTC))
        plan.refresh_from_db()
        plan.price = Decimal("20")
        plan.save()
    return comparison, vendors, filled


# --- What a page must not carry --------------------------------------------------------


class _MarkupCollector(HTMLParser):
    """Elements and attributes as a browser's parser sees them, and the JSON-LD blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self._in_jsonld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_endtag(self, tag):
        self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld.append(data)


def assert_markup_free(html: str, where: str) -> list[str]:
    """Fail if the payload is markup anywhere in `html`; return its JSON-LD blocks."""
    for raw in RAW:
        assert raw not in html, f"{where}: unescaped payload"
    parsed = _MarkupCollector()
    parsed.feed(html)
    parsed.close()
    assert "img" not in parsed.tags, f"{where}: an <img> element"
    assert not parsed.handlers, f"{where}: event handler attributes {parsed.handlers}"
    for block in parsed.jsonld:
        # Inside <script>, "<" could close the element or open another one.
        assert "<" not in block, f"{where}: '<' in a JSON-LD block"
    return parsed.jsonld


def assert_feed_markup_free(xml: str, where: str) -> None:
    """RSS descriptions and Atom html-typed texts are HTML once the XML is decoded."""
    root = ElementTree.fromstring(xml)
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        is_html = name == "description" or element.get("type") in ("html", "xhtml")
        if is_html and element.text:
            assert_markup_free(element.text, f"{where} <{name}>")


def _strings(value):
    """Every string in a decoded JSON document."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _internal_links(html: str) -> set[str]:
    """Paths (with query strings) of the public pages a page links to."""
    links = set()
    for value in re.findall(r'(?:href|action)="([^"#]*)', html):
        url = urlsplit(unescape(value))
        if url.netloc not in ("", "testserver") or not url.path.startswith("/"):
            continue
        if url.path.startswith(("/static/", "/admin/", "/en/admin/", "/api/", "/i18n/")):
            continue
        links.add(url.path + (f"?{url.query}" if url.query else ""))
    return links


def _sitemap_links(xml: str) -> set[str]:
    """Paths of the pages the sitemap lists, in every language."""
    urls = re.findall(r"<loc>([^<]*)</loc>|<xhtml:link[^>]* href=\"([^\"]*)\"", xml)
    return {urlsplit(unescape(loc or alternate)).path for loc, alternate in urls}


def _start_pages(comparison, vendors) -> list[str]:
    slugs = [vendor.slug for vendor in vendors]
    picked = "&".join(f"vendors={slug}" for slug in slugs)
    pages = ["/sitemap.xml", "/robots.txt"]
    for language in ("es", "en"):
        with translation.override(language):
            pages += [
                reverse("comparisons:home"),
                reverse("comparisons:comparison_detail", kwargs={"slug": comparison.slug}),
                reverse("comparisons:comparison_detail", kwargs={"slug": comparison.slug})
                + "?diff=1",
                reverse("comparisons:comparison_faq", kwargs={"slug": comparison.slug}),
                reverse("comparisons:compare") + "?" + "&".join(f"crm={s}" for s in slugs),
                reverse("comparisons:faq"),
                reverse("comparisons:recent_changes"),
                reverse("comparisons:recent_changes_rss"),
                reverse("comparisons:recent_changes_atom"),
                reverse("buyer_tools:comparison_cost", kwargs={"slug": comparison.slug}),
                reverse("buyer_tools:cost_calculator"),
                reverse("buyer_tools:cost_calculator") + "?" + picked,
                reverse("buyer_tools:comparison_fit", kwargs={"slug": comparison.slug}),
                reverse("buyer_tools:fit_finder"),
                reverse("buyer_tools:fit_finder") + "?" + picked,
                # Must-haves put feature names, notes and reasons in the answers.
                reverse("buyer_tools:comparison_cost", kwargs={"slug": comparison.slug})
                + "?need=import",
                reverse("buyer_tools:comparison_recommendation", kwargs={"slug": comparison.slug}),
                reverse("buyer_tools:comparison_recommendation", kwargs={"slug": comparison.slug})
                + "?need=import&users=2",
                reverse("buyer_tools:recommendation"),
                reverse("buyer_tools:recommendation") + "?need=import&" + picked,
                # Every result kind carries the payload; the words are marked inside it.
                reverse("site_search:search") + "?q=onerror",
                reverse("site_search:search") + "?q=alert+img",
                reverse("site_search:search") + "?q=onerorr",
            ]
            for slug in slugs:
                pages += [
                    reverse("comparisons:vendor_detail", kwargs={"slug": slug}),
                    reverse("buyer_tools:vendor_price_history", kwargs={"slug": slug}),
                ]
    return pages


def test_editors_text_never_reaches_a_public_page_as_markup(client, hostile_catalogue):
    comparison, vendors, filled = hostile_catalogue
    assert {"Vendor", "Plan", "Criterion", "Comparison", "FAQEntry", "Source"} <= set(filled)

    queue = _start_pages(comparison, vendors)
    seen = set(queue)
    html_pages, showing_payload, jsonld, svgs = set(), set(), [], []
    while queue:
        path = queue.pop(0)
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        content_type = response["Content-Type"].split(";")[0]
        if content_type == "text/html":
            html_pages.add(path)
            jsonld += assert_markup_free(body, path)
            svgs += re.findall(r"<svg.*?</svg>", body, re.DOTALL)
            for link in _internal_links(body) - seen:
                if len(seen) < MAX_PAGES:
                    seen.add(link)
                    queue.append(link)
        else:
            for raw in RAW:
                assert raw not in body, f"{path}: unescaped payload"
            if content_type in FEED_TYPES:
                assert_feed_markup_free(body, path)
            elif content_type == "application/xml":
                for link in _sitemap_links(body) - seen:
                    seen.add(link)
                    queue.append(link)
        if ESCAPED.search(body):
            showing_payload.add(path)
    assert len(seen) < MAX_PAGES, "raise MAX_PAGES: some linked pages were not read"

    # The editors' text is there, as text: the pages were really put to the test.
    # (The search page without a query, linked by its canonical URL, shows only the form.)
    assert html_pages - {"/buscar/", "/en/buscar/"} <= showing_payload, html_pages - showing_payload
    assert {"/cambios/rss/", "/en/cambios/atom/"} <= showing_payload
    texts = [text for block in jsonld for text in _strings(json.loads(block))]
    assert any(PAYLOAD in text for text in texts), "no JSON-LD with the text"
    assert any(ESCAPED.search(svg) for svg in svgs), "no chart with the text"
    # Search results: the API's HTML fields are escaped text with <mark> alone.
    for result in client.get("/api/v1/search/?q=onerror&limit=100").json()["results"]:
        for html in (result["title_html"], result["snippet_html"]):
            assert not set(re.findall(r"</?(\w+)", html)) - {"mark"}, html

    # Nor does anything from the query string or the path.
    quoted = quote(PAYLOAD)
    for path in (
        f"/comparar/?crm={quoted}",
        f"/comparar/?vendors={quoted}",
        f"/en/coste/?vendors={quoted}",
        f"/encaje/?vendors={quoted}",
        f"/en/comparar/{comparison.slug}/encaje/?w-{vendors[0].slug}={quoted}&w-ease={quoted}",
        f"/en/comparar/{comparison.slug}/encaje/?weights={quoted}&weights=ease:{quoted}",
        f"/comparar/{comparison.slug}/coste/?users={quoted}&billing={quoted}",
        f"/comparar/{comparison.slug}/coste/?need={quoted}&need=import",
        f"/en/comparar/{comparison.slug}/recomendacion/?need={quoted}&weights={quoted}",
        f"/recomendacion/?vendors={quoted}&users={quoted}",
        f"/comparar/{comparison.slug}/?diff={quoted}&utm_source={quoted}",
        f"/crm/{quoted}/",
        f"/buscar/?q={quoted}",
        f"/en/buscar/?q={quoted}&type={quoted}",
    ):
        response = client.get(path)
        assert response.status_code in (200, 400, 404), path
        assert_markup_free(response.content.decode(), path)


@pytest.mark.parametrize("language", ["es", "en"])
def test_fit_finder_shows_a_criterion_description_as_text(client, language):
    comparison = ComparisonFactory(vendors=[VendorFactory(), VendorFactory()])
    description = '<meta http-equiv="refresh" content="0;url=/x">'
    CriterionFactory(slug="ease", description=description)
    with translation.override(language):
        pages = [
            reverse("buyer_tools:comparison_fit", kwargs={"slug": comparison.slug}),
            reverse("buyer_tools:fit_finder") + "?vendors=" + comparison.vendors.first().slug,
        ]

    for path in pages:
        body = client.get(path).content.decode()
        assert "<meta http-equiv" not in body, path
        help_text = re.search(r'id="id_weights-ease_helptext">([^<]*)</div>', body)
        assert help_text and unescape(help_text[1]) == description, path


# --- Editors' text shown to other editors: the admin and the browsable API -------------


def _linked_paths(html: str, prefixes: tuple[str, ...]) -> set[str]:
    links = set()
    for value in re.findall(r'href="([^"#]*)', html):
        url = urlsplit(unescape(value))
        if url.netloc in ("", "testserver") and url.path.startswith(prefixes):
            links.add(url.path + (f"?{url.query}" if url.query else ""))
    return links


def _assert_no_payload_markup(html: str, where: str) -> None:
    """The admin has images and handlers of its own: look for the payload's."""
    for raw in RAW:
        assert raw not in html, f"{where}: unescaped payload"
    parsed = _MarkupCollector()
    parsed.feed(html)
    parsed.close()
    assert "onerror" not in parsed.handlers, f"{where}: the payload's event handler"


@pytest.fixture
def hostile_watched_source(hostile_catalogue):
    """The source watch's records, as a watched page (anyone's text) could make them."""
    now = timezone.now()
    source = Source.objects.first()
    Source.objects.filter(pk=source.pk).update(
        watched_since=now - datetime.timedelta(days=30),
        checked_at=now,
        changed_at=now,
        watched_amounts=[PAYLOAD],
    )
    snapshot = SourceSnapshot.objects.create(
        source=source,
        taken_at=now,
        fingerprint="f",
        watch_url="https://example.com/",
        text=PAYLOAD,
        diff=f"-{PAYLOAD}\n+{PAYLOAD}",
    )
    SourceCheck.objects.create(
        source=source,
        started_at=now,
        finished_at=now,
        url="https://example.com/",
        outcome="failed",
        problem="http",
        detail=PAYLOAD,
        snapshot=snapshot,
    )
    return hostile_catalogue


def test_editors_text_never_reaches_the_admin_or_the_browsable_api_as_markup(
    client, hostile_watched_source, admin_user
):
    comparison, vendors, _filled = hostile_watched_source
    client.force_login(admin_user)
    api_root = client.get("/api/v1/").json()
    queue = [
        "/admin/",
        "/en/admin/",
        reverse("admin_needs_checking"),
        *(urlsplit(url).path + "?format=api" for url in api_root.values()),
        f"/api/v1/comparisons/{comparison.slug}/?format=api",
        f"/api/v1/vendors/{vendors[0].slug}/price-history/?format=api",
    ]
    seen, showing_payload = set(queue), set()
    while queue:
        path = queue.pop(0)
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        _assert_no_payload_markup(body, path)
        if ESCAPED.search(body):
            showing_payload.add(path)
        admin_links = _linked_paths(body, ("/admin/", "/en/admin/")) - seen
        api_links = {
            link + ("&" if "?" in link else "?") + "format=api"
            for link in _linked_paths(body, ("/api/v1/",))
            if "format=" not in link
        } - seen
        for link in admin_links | api_links:
            # Not logging out, nor following "view on site" redirects to the public pages.
            if not re.search(r"/logout/|/admin/r/", link) and len(seen) < 2 * MAX_PAGES:
                seen.add(link)
                queue.append(link)
    assert len(seen) < 2 * MAX_PAGES, "some linked pages were not read"

    # The pages that show the payload were really put to the test.
    source = comparison.sources.first()
    assert {
        reverse("admin_needs_checking"),
        f"/admin/comparisons/source/{source.pk}/change/",
        "/admin/source_watch/sourcecheck/",
        "/admin/comparisons/faqentry/",
        "/api/v1/faq/?format=api",
    } <= showing_payload
