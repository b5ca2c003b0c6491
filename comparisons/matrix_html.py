"""A feature-matrix cell as HTML, joined in Python rather than drawn by the template.

A 10 × 600 comparison prints 6,000 cells. Drawn by Jinja, cell by cell, they
took a good part of that page's time (docs/performance.md). Here each piece a
cell shares with others (its opening tag and status, its provenance title, its
symbol and label, its plan) is escaped and formatted once per table, and only a
note once per cell; templates/jinja2/comparisons/_matrix.html prints each row's
cells as one string.
"""

from __future__ import annotations

from django.utils.translation import gettext
from markupsafe import Markup, escape


class CellPieces:
    """The escaped pieces of one table's cells, each formatted the first time it is needed.

    One per table (tables.MatrixCellShaper): the stale mark is in the language
    active when the table is shaped, and left out (`mark_stale=False`) when the
    section says once that most of its facts may be out of date.
    """

    __slots__ = ("bodies", "openings", "plans", "stale_mark", "titles")

    def __init__(self, *, mark_stale: bool = True) -> None:
        self.openings: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        self.bodies: dict[tuple[str, str], str] = {}
        self.plans: dict[str, str] = {}
        # Translations are markup, as in the templates (jinja2.gettext).
        label = Markup(gettext("possibly out of date"))
        self.stale_mark = (
            f' <span class="stale">⚠<span class="visually-hidden"> {label}</span></span>'
            if mark_stale
            else ""
        )

    def html(
        self,
        status: str,
        symbol: str,
        label: str,
        plan_label: str,
        note: str,
        title: str,
        stale: bool,
    ) -> str:
        """The cell's <td>, escaped (MatrixCell's fields, in its order)."""
        opening = self.openings.get(status)
        if opening is None:
            opening = self.openings[status] = f'<td class="s-{escape(status)}"'
        title_attr = self.titles.get(title)
        if title_attr is None:
            title_attr = self.titles[title] = f' title="{escape(title)}"' if title else ""
        body = self.bodies.get((symbol, label))
        if body is None:
            body = self.bodies[symbol, label] = (
                f'><span class="sym" aria-hidden="true">{escape(symbol)}</span> {escape(label)}'
            )
        plan = self.plans.get(plan_label)
        if plan is None:
            plan = self.plans[plan_label] = (
                f'<small class="plan">{escape(plan_label)}</small>' if plan_label else ""
            )
        return (
            f"{opening}{title_attr}{body}{self.stale_mark if stale else ''}{plan}"
            f"{f'<small>{escape(note)}</small>' if note else ''}</td>"
        )
