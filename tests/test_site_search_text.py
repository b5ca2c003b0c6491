"""The search's pure parts: words and stems, highlighting, documents from catalogue rows."""

from types import SimpleNamespace as Row

from site_search.documents import Availability, build_documents
from site_search.results import highlight, query_stems, snippet
from site_search.text import index_terms, plain, query_words, stems


def test_plain_words_lose_accents_and_case():
    assert plain("Gestión ÑANDÚ Ça") == "gestion nandu ca"


def test_spanish_and_english_forms_share_a_stem():
    assert stems("correos") & stems("correo")
    assert stems("emails") & stems("email")
    assert index_terms("Gestión") == "gestion"


def test_highlight_marks_matched_words_in_escaped_text():
    wanted = query_stems(query_words("onerror correos"))

    html = highlight('"><img src=x onerror=alert(1)> Correos', wanted)

    assert str(html) == (
        "&#34;&gt;&lt;img src=x <mark>onerror</mark>=alert(1)&gt; <mark>Correos</mark>"
    )


def test_snippet_keeps_the_first_match_in_view():
    text = "palabra " * 100 + "correo al final " + "relleno " * 100

    shown = str(snippet(text, query_stems(["correo"])))

    assert "<mark>correo</mark>" in shown
    assert shown.startswith("… ") and shown.endswith(" …")
    assert len(shown) < 300


def _vendor(pk, slug, name):
    return Row(pk=pk, slug=slug, name=name, summary="", best_for="", description="")


def test_documents_link_features_to_the_compare_page_of_the_crms_offering_them():
    vendors = [_vendor(1, "a-crm", "A"), _vendor(2, "b-crm", "B"), _vendor(3, "c-crm", "C")]
    feature = Row(pk=7, slug="email", name="Email", description="", category=Row(name="Mail"))
    offers = [
        Availability(7, "c-crm", "C", "available", "Pro", ""),
        Availability(7, "a-crm", "A", "unavailable", None, "Not yet"),
    ]

    (document,) = build_documents(
        vendors=vendors,
        plans=[],
        features=[feature],
        availabilities=offers,
        criteria=[],
        comparisons=[],
        faq_entries=[],
    )[3:]

    # Only C offers it; the compare page needs two CRMs, so the first other one joins.
    assert document.url_query == "vendors=c-crm&vendors=a-crm"
    assert document.anchor == "feature-email"
    assert [offer["vendor"] for offer in document.details["vendors"]] == ["c-crm"]
    assert "Not yet" in document.body
