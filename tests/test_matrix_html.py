"""The feature matrix's cells as HTML (comparisons/matrix_html.py)."""

from django.utils import translation

from comparisons.matrix_html import CellPieces


def test_a_cell_prints_its_status_symbol_label_plan_note_and_title_escaped():
    with translation.override("en"):
        html = CellPieces().html(
            status="limited",
            symbol="◐",
            label="limited (50)",
            plan_label='from the "Pro" plan',
            note="Only <b>5</b> & more",
            title="Source: A & B",
            stale=True,
        )
    assert html == (
        '<td class="s-limited" title="Source: A &amp; B">'
        '<span class="sym" aria-hidden="true">◐</span> limited (50)'
        ' <span class="stale">⚠<span class="visually-hidden"> possibly out of date</span></span>'
        '<small class="plan">from the &#34;Pro&#34; plan</small>'
        "<small>Only &lt;b&gt;5&lt;/b&gt; &amp; more</small></td>"
    )


def test_a_cell_without_data_has_no_title_plan_note_or_stale_mark():
    html = CellPieces().html(
        status="", symbol="–", label="no data", plan_label="", note="", title="", stale=False
    )
    assert html == ('<td class="s-"><span class="sym" aria-hidden="true">–</span> no data</td>')


def test_the_stale_mark_is_in_the_language_of_the_table():
    with translation.override("es"):
        pieces = CellPieces()
    html = pieces.html(
        status="available",
        symbol="✓",
        label="disponible",
        plan_label="",
        note="",
        title="",
        stale=True,
    )
    assert "posiblemente desactualizado" in html
