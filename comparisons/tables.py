"""Side-by-side shaping: plain rows in, plain dataclasses out, no queries.

The comparison page, the any-vendors compare page, the API and the CSV export
all call `build_comparison_table`, so they never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property, lru_cache
from typing import Any, NamedTuple

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext
from markupsafe import Markup

from .matrix_html import CellPieces


@dataclass(frozen=True)
class FeatureRow:
    feature: Any
    cells: list[Any | None]  # FeatureAvailability per column, None = no data
    display: list[MatrixCell] = field(default_factory=list)  # what the page prints per cell

    @property
    def cells_html(self) -> Markup:
        """The row's <td>s, one string: the matrix template prints it without a loop."""
        return Markup("".join(cell.html for cell in self.display))

    @property
    def all_equal(self) -> bool:
        return _all_equal(_availability_key(cell) for cell in self.cells)


@dataclass(frozen=True)
class FeatureGroup:
    category: Any
    rows: list[FeatureRow]


@dataclass(frozen=True)
class CriterionRow:
    criterion: Any
    cells: list[Any | None]  # Assessment per column, None = no data
    section: Any | None = None  # the comparison's section on this criterion, if any
    winner_index: int | None = None  # column of the section's winner

    @property
    def all_equal(self) -> bool:
        return _all_equal(_assessment_key(cell) for cell in self.cells)


@dataclass(frozen=True)
class VendorColumn:
    vendor: Any
    plans: list[Any]  # plans first, then add-ons, in the vendor's order
    price_from: Any | None  # the cheapest paid plan with a published price
    has_free_plan: bool
    key_features: list[Any]  # FeatureAvailability rows marked as key
    pros: list[Any]
    cons: list[Any]
    overall_score: Any | None  # mean of the column's assessment scores
    key_feature_names: list[str] = field(default_factory=list)

    @property
    def tier_plans(self) -> list[Any]:
        """The vendor's plans, add-ons left out, in its own tier order (cheapest tier first).

        Each vendor's plans stay in their own column: the n-th plan of one vendor
        is no equivalent of the n-th plan of another.
        """
        return [plan for plan in self.plans if plan.kind == "plan"]

    @property
    def addon_plans(self) -> list[Any]:
        return [plan for plan in self.plans if plan.kind != "plan"]


@dataclass(frozen=True)
class Staleness:
    """How many of a section's facts were last verified before the table's cutoff.

    When most are, the section says so once instead of marking each fact.
    """

    stale: int
    total: int

    @property
    def mostly_stale(self) -> bool:
        return self.stale * 2 > self.total

    @property
    def mark_each(self) -> bool:
        """Whether each stale fact carries its own mark (only a minority is stale)."""
        return self.stale > 0 and not self.mostly_stale


def staleness(facts: Iterable[Any], stale_before: date | None) -> Staleness:
    stale = total = 0
    for fact in facts:
        total += 1
        if stale_before is not None and fact.last_verified < stale_before:
            stale += 1
    return Staleness(stale=stale, total=total)


@dataclass
class ComparisonTable:
    """The side-by-side table `build_comparison_table` returns.

    Not changed once built: what is derived from every fact shown (6,000 at
    10 × 600) is computed once, on first use.
    """

    columns: list[VendorColumn]
    feature_groups: list[FeatureGroup] = field(default_factory=list)
    criteria: list[CriterionRow] = field(default_factory=list)
    differences_only: bool = False
    stale_before: date | None = None
    # Worked out while the matrix is shaped: its cells are drawn with or without their marks.
    features_staleness: Staleness = field(default_factory=lambda: Staleness(0, 0))

    @property
    def vendors(self) -> list[Any]:
        return [column.vendor for column in self.columns]

    @property
    def glance_criteria(self) -> list[CriterionRow]:
        return [row for row in self.criteria if row.criterion.at_a_glance]

    @cached_property
    def stale_count(self) -> int:
        """How many facts shown were last verified before `stale_before`."""
        if self.stale_before is None:
            return 0
        return sum(1 for fact in self.facts if fact.last_verified < self.stale_before)

    @property
    def span(self) -> int:
        """Columns of a full-width row: the row header plus one per vendor."""
        return len(self.columns) + 1

    @property
    def has_plans(self) -> bool:
        return any(column.tier_plans for column in self.columns)

    @property
    def addons(self) -> list[list[Any]]:
        return [column.addon_plans for column in self.columns]

    @property
    def has_addons(self) -> bool:
        return any(self.addons)

    @cached_property
    def glance_staleness(self) -> Staleness:
        facts: list[Any] = []
        for column in self.columns:
            if column.price_from is not None:
                facts.append(column.price_from)
            facts += column.pros + column.cons
        for row in self.glance_criteria:
            facts += [cell for cell in row.cells if cell is not None]
        return staleness(facts, self.stale_before)

    @cached_property
    def pros_cons_staleness(self) -> Staleness:
        return staleness((f for c in self.columns for f in c.pros + c.cons), self.stale_before)

    @cached_property
    def pricing_staleness(self) -> Staleness:
        return staleness((p for c in self.columns for p in c.plans), self.stale_before)

    @cached_property
    def verdicts_staleness(self) -> Staleness:
        cells = (cell for row in self.criteria for cell in row.cells if cell is not None)
        return staleness(cells, self.stale_before)

    @property
    def marks_stale_facts(self) -> bool:
        """Whether any section marks its stale facts one by one (the legend's ⚠ then shows)."""
        return any(
            summary.mark_each
            for summary in (
                self.glance_staleness,
                self.pricing_staleness,
                self.features_staleness,
                self.verdicts_staleness,
            )
        )

    @cached_property
    def sources(self) -> list[Any]:
        """The distinct sources of the facts shown, in order of first appearance."""
        seen: dict[Any, Any] = {}
        for fact in self.facts:
            source = getattr(fact, "source", None)
            if source is not None:
                seen.setdefault(source.pk, source)
        return list(seen.values())

    @cached_property
    def facts(self) -> list[Any]:
        """Every fact the table shows, for sources and "last verified" summaries."""
        found: list[Any] = []
        for column in self.columns:
            found += column.plans + column.pros + column.cons
        for group in self.feature_groups:
            for row in group.rows:
                found += [cell for cell in row.cells if cell is not None]
        for row in self.criteria:
            found += [cell for cell in row.cells if cell is not None]
        return found


def _all_equal(keys: Iterable[Any]) -> bool:
    return len(set(keys)) <= 1


def _availability_key(cell: Any | None) -> tuple | None:
    if cell is None:
        return None
    return (cell.status, cell.plan_id, cell.note, cell.quantity)


def _assessment_key(cell: Any | None) -> tuple | None:
    return None if cell is None else (cell.score, cell.verdict)


def _price_from(plans: Sequence[Any]) -> Any | None:
    priced = [
        plan
        for plan in plans
        if plan.kind == "plan" and not plan.is_free and plan.price is not None
    ]
    return min(priced, key=lambda plan: plan.price, default=None)


def _mean(values: list[Any]) -> Any | None:
    if not values:
        return None
    return sum(values) / len(values)


def build_comparison_table(
    *,
    vendors: Sequence[Any],
    plans: Iterable[Any] = (),
    categories: Iterable[Any] = (),
    features: Iterable[Any] = (),
    availabilities: Iterable[Any] = (),
    criteria: Iterable[Any] = (),
    assessments: Iterable[Any] = (),
    pros_cons: Iterable[Any] = (),
    sections: Iterable[Any] = (),
    differences_only: bool = False,
    stale_before: date | None = None,
) -> ComparisonTable:
    """Shape flat rows into columns (one per vendor, in the given order) and rows.

    Every input is a flat iterable as fetched; rows of vendors outside `vendors`
    are ignored. Features appear only when at least one compared vendor has data
    on them; criteria only when at least one vendor is assessed or a section
    covers them. With `differences_only`, rows where every column is equal are
    dropped. Facts verified before `stale_before` (default: the configured
    age) are marked as possibly out of date.
    """
    if stale_before is None:
        from .models.facts import stale_cutoff

        stale_before = stale_cutoff()
    index = {vendor.pk: position for position, vendor in enumerate(vendors)}
    width = len(vendors)

    plans_by_column: list[list[Any]] = [[] for _ in vendors]
    for plan in plans:
        if plan.vendor_id in index:
            plans_by_column[index[plan.vendor_id]].append(plan)
    for column_plans in plans_by_column:
        column_plans.sort(key=lambda plan: (plan.kind != "plan", plan.position, plan.name))

    pros: list[list[Any]] = [[] for _ in vendors]
    cons: list[list[Any]] = [[] for _ in vendors]
    for item in pros_cons:
        if item.vendor_id in index:
            (pros if item.kind == "pro" else cons)[index[item.vendor_id]].append(item)

    availability_cells: dict[Any, list[Any | None]] = {}
    key_features: list[list[Any]] = [[] for _ in vendors]
    for availability in availabilities:
        if availability.vendor_id not in index:
            continue
        column = index[availability.vendor_id]
        cells = availability_cells.setdefault(availability.feature_id, [None] * width)
        cells[column] = availability
        if availability.is_key:
            key_features[column].append(availability)

    features_by_category: dict[Any, list[FeatureRow]] = {}
    features = sorted(features, key=lambda f: (f.position, f.name))
    feature_names = {feature.pk: feature.name for feature in features}
    shown_rows = []
    for feature in features:
        cells = availability_cells.get(feature.pk)
        if cells is None:
            continue
        row = FeatureRow(feature=feature, cells=cells)
        if differences_only and row.all_equal:
            continue
        shown_rows.append(row)
        features_by_category.setdefault(feature.category_id, []).append(row)
    features_staleness = staleness(
        (cell for row in shown_rows for cell in row.cells if cell is not None), stale_before
    )
    shape_cell = MatrixCellShaper(
        stale_before=stale_before, mark_stale=features_staleness.mark_each
    )
    for row in shown_rows:
        row.display.extend(map(shape_cell, row.cells))
    feature_groups = [
        FeatureGroup(category=category, rows=features_by_category[category.pk])
        for category in sorted(categories, key=lambda c: (c.position, c.name))
        if category.pk in features_by_category
    ]

    assessment_cells: dict[Any, list[Any | None]] = {}
    scores: list[list[Any]] = [[] for _ in vendors]
    for assessment in assessments:
        if assessment.vendor_id not in index:
            continue
        column = index[assessment.vendor_id]
        assessment_cells.setdefault(assessment.criterion_id, [None] * width)[column] = assessment
        scores[column].append(assessment.score)
    sections_by_criterion = {s.criterion_id: s for s in sections if s.criterion_id}

    criterion_rows = []
    for criterion in sorted(criteria, key=lambda c: (c.position, c.name)):
        cells = assessment_cells.get(criterion.pk)
        section = sections_by_criterion.get(criterion.pk)
        if cells is None and section is None:
            continue
        winner_id = section.winner_id if section is not None else None
        row = CriterionRow(
            criterion=criterion,
            cells=cells or [None] * width,
            section=section,
            winner_index=index.get(winner_id),
        )
        if differences_only and row.all_equal:
            continue
        criterion_rows.append(row)

    columns = [
        VendorColumn(
            vendor=vendor,
            plans=plans_by_column[position],
            price_from=_price_from(plans_by_column[position]),
            has_free_plan=any(plan.is_free for plan in plans_by_column[position]),
            key_features=key_features[position],
            key_feature_names=[
                feature_names[availability.feature_id]
                for availability in key_features[position]
                if availability.feature_id in feature_names
            ],
            pros=pros[position],
            cons=cons[position],
            overall_score=_mean(scores[position]),
        )
        for position, vendor in enumerate(vendors)
    ]
    return ComparisonTable(
        columns=columns,
        feature_groups=feature_groups,
        criteria=criterion_rows,
        differences_only=differences_only,
        stale_before=stale_before,
        features_staleness=features_staleness,
    )


# --- Display values, worked out so the feature matrix template only prints ---

STATUS_SYMBOLS = {
    "available": "✓",
    "limited": "◐",
    "addon": "+",
    "unavailable": "✗",
}


class MatrixCell(NamedTuple):
    """What one feature-matrix cell prints; `status` is "" when there is no data."""

    status: str
    symbol: str
    label: str
    plan_label: str = ""  # "from the Professional plan"
    note: str = ""
    title: str = ""  # provenance: source and last verification
    stale: bool = False
    html: str = ""  # the <td> the page prints (matrix_html.CellPieces), escaped


def provenance_title(fact: Any) -> str:
    """The "Source: … · Last verified: …" text of a fact, for a title or a footnote."""
    source = getattr(fact, "source", None)
    return _provenance(None if source is None else str(source), fact.last_verified)


def _provenance(source: str | None, verified: date) -> str:
    parts = [] if source is None else [gettext("Source: %(source)s") % {"source": source}]
    parts.append(_last_verified(verified, get_language()))
    return " · ".join(parts)


# Kept across requests: formatting a date costs more than the rest of a matrix
# cell, and a big matrix has hundreds of distinct verification dates.
@lru_cache(maxsize=4096)
def _last_verified(day: date, language: str | None) -> str:
    """`language` is the active one, in the key: gettext and date_format both read it."""
    return gettext("Last verified: %(date)s") % {"date": date_format(day, "DATE_FORMAT")}


class MatrixCellShaper:
    """Turns one table's matrix facts into MatrixCells, in the language active when created.

    A big matrix has thousands of cells but few statuses, plans, sources and
    verification dates: the texts and HTML pieces they give are worked out once
    each per table.
    """

    def __init__(self, *, stale_before: date, mark_stale: bool = True) -> None:
        from .models import FeatureAvailability

        self.stale_before = stale_before
        self.labels = {value: str(label) for value, label in FeatureAvailability.Status.choices}
        self.pieces = CellPieces(mark_stale=mark_stale)
        self.title = cache(_provenance)
        self.plan_label = cache(lambda name: gettext("from the %(plan)s plan") % {"plan": name})

    def __call__(self, fact: Any | None) -> MatrixCell:
        if fact is None:
            fields = ("", "–", gettext("no data"), "", "", "", False)
        else:
            status = fact.status
            label = self.labels.get(status, status)
            if fact.quantity is not None:
                label = f"{label} ({fact.quantity})"
            source = fact.source
            fields = (
                status,
                STATUS_SYMBOLS.get(status, "?"),
                label,
                "" if fact.plan is None else self.plan_label(fact.plan.name),
                fact.note,
                self.title(None if source is None else str(source), fact.last_verified),
                fact.last_verified < self.stale_before,
            )
        return MatrixCell(*fields, self.pieces.html(*fields))


def matrix_cells(cells: Sequence[Any | None], *, stale_before: date) -> list[MatrixCell]:
    """The display values of one feature row's cells, in column order."""
    return list(map(MatrixCellShaper(stale_before=stale_before), cells))
