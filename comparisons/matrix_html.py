"""A feature-matrix cell as HTML, joined once per distinct cell of a table (issue 7).

A 10 × 600 comparison prints 6,000 cells. Printed field by field from the
template, each cell cost six escapes and a dozen attribute lookups, a third of
the page. Here what cells share (status, symbol, label, plan, provenance title)
is escaped once per table through `memo`, and only a note once per cell;
templates/jinja2/comparisons/_matrix.html prints each row's cells as one string.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext
from markupsafe import Markup, escape

if TYPE_CHECKING:
    from .tables import MatrixCell


def cell_html(memo: dict, cell: MatrixCell) -> str:
    """The cell's <td>, escaped; `memo` is the table's (see tables.matrix_cells)."""
    escaped = memo.get("escaped")
    if escaped is None:
        escaped = memo["escaped"] = {}
    parts = [f'<td class="s-{_escape(escaped, cell.status)}"']
    if cell.title:
        parts.append(f' title="{_escape(escaped, cell.title)}"')
    parts.append(
        f'><span class="sym" aria-hidden="true">{_escape(escaped, cell.symbol)}</span> '
        f"{_escape(escaped, cell.label)}"
    )
    if cell.stale:
        parts.append(_stale_mark(memo))
    if cell.plan_label:
        parts.append(f'<small class="plan">{_escape(escaped, cell.plan_label)}</small>')
    if cell.note:
        parts.append(f"<small>{escape(cell.note)}</small>")
    parts.append("</td>")
    return "".join(parts)


def _escape(escaped: dict, text: str) -> str:
    """escape(text), once per distinct text of a table."""
    html = escaped.get(text)
    if html is None:
        html = escaped[text] = str(escape(text))
    return html


def _stale_mark(memo: dict) -> str:
    mark = memo.get("stale html")
    if mark is None:
        # Translations are markup, as in the templates (jinja2.gettext).
        label = Markup(gettext("possibly out of date"))
        mark = memo["stale html"] = (
            f' <span class="stale">⚠<span class="visually-hidden"> {label}</span></span>'
        )
    return mark
