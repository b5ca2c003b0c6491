"""Open-data exports of a side-by-side table: pure functions, no queries.

`table_to_rows` gives one row per feature and per criterion, one column per
vendor (in the table's column order), ready for csv.writer. The API's CSV
endpoint (`api:comparison-csv`) and any page link to it share this shape.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .models.ratings import SCORE_MAX
from .tables import ComparisonTable


def _availability_text(cell: Any | None) -> str:
    if cell is None:
        return _("no data")
    parts = [str(cell.get_status_display())]
    if cell.plan_id is not None and cell.plan is not None:
        parts.append(_("from %(plan)s") % {"plan": cell.plan.name})
    if cell.quantity is not None:
        parts.append(str(cell.quantity))
    if cell.note:
        parts.append(cell.note)
    return " · ".join(parts)


def _assessment_text(cell: Any | None) -> str:
    if cell is None:
        return _("no data")
    return f"{cell.score}/{SCORE_MAX} – {cell.verdict}"


def table_to_rows(table: ComparisonTable) -> list[list[str]]:
    """Header row, then feature rows (grouped by category), then criterion rows."""
    vendors = table.vendors
    header = [_("Type"), _("Group"), _("Row"), *(vendor.name for vendor in vendors), _("Winner")]
    rows = [header]
    for group in table.feature_groups:
        for row in group.rows:
            rows.append(
                [
                    _("feature"),
                    group.category.name,
                    row.feature.name,
                    *(_availability_text(cell) for cell in row.cells),
                    "",
                ]
            )
    for row in table.criteria:
        winner = ""
        if row.winner_index is not None:
            winner = vendors[row.winner_index].name
        elif row.section is not None:
            winner = _("tie")
        rows.append(
            [
                _("criterion"),
                "",
                row.criterion.name,
                *(_assessment_text(cell) for cell in row.cells),
                winner,
            ]
        )
    return rows
