"""Open-data exports of a side-by-side table: pure functions, no queries.

`table_to_rows` gives one record per feature and per criterion, keyed by the
columns `csv_columns` lists in order with their headings (one per vendor, in the
table's column order): what djangorestframework-csv's renderer takes as data,
header and labels. The API's CSV endpoint (`api:comparison-csv`) and any page
link to it share this shape.

`neutralise_formula` keeps editors' text from running as a formula in the
reader's spreadsheet: every file the site writes for spreadsheets (this CSV,
the admin's CSV, TSV and HTML exports) passes its cells through it, and
`restore_formula` undoes it when such a file is imported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from .models.ratings import SCORE_MAX
from .tables import ComparisonTable, MatrixCell

# OWASP's list: a cell starting with one of these may be evaluated as a formula
# (tab and carriage return too: a program may skip them and read what follows).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def neutralise_formula(value: Any) -> Any:
    """The cell as a spreadsheet will show it, never run it: a quote before a formula.

    Numbers stay numbers (a price of "-5" would otherwise become text that no
    sum adds up): a value that is a number, or text that is nothing but one,
    cannot hold a formula. Anything else that starts with a trigger gets the quote.
    """
    if not isinstance(value, str):
        return value
    # Some programs skip leading white space (a space, a line break, a no-break
    # space) and some read compatibility forms as ASCII ("＝" as "="), so the
    # first character that counts is looked at as they would see it.
    start = value.lstrip()
    first = unicodedata.normalize("NFKC", start[:1])
    if not (value.startswith(FORMULA_TRIGGERS) or first.startswith(FORMULA_TRIGGERS)):
        return value
    if _PLAIN_NUMBER.fullmatch(start):
        return value
    return "'" + value


def restore_formula(value: Any) -> Any:
    """The text `neutralise_formula` was given, so an exported file imports back unchanged."""
    if isinstance(value, str) and value.startswith("'"):
        original = value[1:]
        if neutralise_formula(original) == value:
            return original
    return value


def _availability_text(cell: Any | None, shown: MatrixCell | None) -> str:
    """The page's words for a matrix cell (its MatrixCell), plus the quantity it gives."""
    if shown is None:  # a table built without display values
        return _("no data") if cell is None else str(cell.get_status_display())
    if cell is None:
        return shown.label
    parts = [shown.label, shown.plan_label]
    if cell.quantity is not None:
        parts.append(str(cell.quantity))
    parts.append(shown.note)
    return " · ".join(part for part in parts if part)


def _assessment_text(cell: Any | None) -> str:
    if cell is None:
        return _("no data")
    return f"{cell.score}/{SCORE_MAX} – {cell.verdict}"


def _display(row) -> list[MatrixCell | None]:
    return row.display or [None] * len(row.cells)


def _vendor_key(index: int) -> str:
    return f"vendor_{index}"


def csv_columns(table: ComparisonTable) -> dict[str, str]:
    """The keys of `table_to_rows`' records in column order, each with its heading."""
    return {
        "type": _("Type"),
        "group": _("Group"),
        "row": _("Row"),
        **{_vendor_key(index): vendor.name for index, vendor in enumerate(table.vendors)},
        "winner": _("Winner"),
    }


def _record(kind: str, group: str, row: str, cells: Iterable[str], winner: str) -> dict:
    return {
        "type": kind,
        "group": group,
        "row": row,
        **{_vendor_key(index): cell for index, cell in enumerate(cells)},
        "winner": winner,
    }


def table_to_rows(table: ComparisonTable) -> list[dict[str, str]]:
    """Feature records (grouped by category), then criterion records."""
    vendors = table.vendors
    rows = []
    for group in table.feature_groups:
        for row in group.rows:
            cells = (
                _availability_text(cell, shown)
                for cell, shown in zip(row.cells, _display(row), strict=True)
            )
            rows.append(_record(_("feature"), group.category.name, row.feature.name, cells, ""))
    for row in table.criteria:
        winner = ""
        if row.winner_index is not None:
            winner = vendors[row.winner_index].name
        elif row.section is not None:
            winner = _("tie")
        cells = (_assessment_text(cell) for cell in row.cells)
        rows.append(_record(_("criterion"), "", row.criterion.name, cells, winner))
    return rows
