"""The feature matrix's cells as HTML (comparisons/matrix_html.py)."""

from django.utils import translation

from comparisons.matrix_html import cell_html
from comparisons.tables import MatrixCell


def test_a_cell_prints_its_status_symbol_label_plan_note_and_title_escaped():
    with translation.override("en"):
        html = cell_html(
            {},
            MatrixCell(
                status="limited",
                symbol="◐",
                label="limited (50)",
                plan_label='from the "Pro" plan',
                note="Only <b>5</b> & more",
                title="Source: A & B",
                stale=True,
            ),
        )
    assert html == (
        '<td class="s-limited" title="Source: A &amp; B">'
        '<span class="sym" aria-hidden="true">◐</span> limited (50)'
        ' <span class="stale">⚠<span class="visually-hidden"> possibly out of date</span></span>'
        '<small class="plan">from the &#34;Pro&#34; plan</small>'
        "<small>Only &lt;b&gt;5&lt;/b&gt; &amp; more</small></td>"
    )


def test_a_cell_without_data_has_no_title_plan_note_or_stale_mark():
    assert cell_html({}, MatrixCell(status="", symbol="–", label="no data")) == (
        '<td class="s-"><span class="sym" aria-hidden="true">–</span> no data</td>'
    )


def test_the_stale_mark_is_in_the_language_of_the_table():
    memo = {}
    with translation.override("es"):
        html = cell_html(
            memo, MatrixCell(status="available", symbol="✓", label="disponible", stale=True)
        )
    assert "posiblemente desactualizado" in html
