import datetime
from decimal import Decimal
from types import SimpleNamespace as Row

from django.utils import translation

from comparisons.tables import (
    build_comparison_table,
    matrix_cells,
    provenance_title,
)

TODAY = datetime.date(2026, 11, 1)
OLD = datetime.date(2025, 1, 1)


def vendor(pk):
    return Row(pk=pk, name=f"V{pk}")


def plan(pk, vendor_id, *, kind="plan", position=0, price=Decimal(10), is_free=False):
    return Row(
        pk=pk,
        vendor_id=vendor_id,
        kind=kind,
        position=position,
        name=f"P{pk}",
        price=price,
        is_free=is_free,
        source=None,
        last_verified=TODAY,
    )


def availability(vendor_id, feature_id, status="available", *, verified=TODAY, plan=None):
    return Row(
        vendor_id=vendor_id,
        feature_id=feature_id,
        status=status,
        plan=plan,
        plan_id=plan.pk if plan else None,
        note="",
        quantity=None,
        is_key=False,
        source=None,
        source_id=None,
        last_verified=verified,
    )


CATEGORY = Row(pk=1, position=0, name="Sales")
FEATURES = [Row(pk=i, category_id=1, position=i, name=f"F{i}") for i in (1, 2)]


def table(**kwargs):
    return build_comparison_table(
        vendors=[vendor(1), vendor(2)],
        categories=[CATEGORY],
        features=FEATURES,
        stale_before=datetime.date(2026, 1, 1),
        **kwargs,
    )


def test_matrix_cells_print_status_plan_and_staleness():
    professional = plan(7, 1)
    with translation.override("en"):
        cells = matrix_cells(
            [availability(1, 1, "limited", plan=professional, verified=OLD), None],
            stale_before=datetime.date(2026, 1, 1),
        )
    assert cells[0].symbol == "◐"
    assert cells[0].label == "limited"
    assert cells[0].plan_label == "from the P7 plan"
    assert cells[0].stale is True
    assert "Last verified" in cells[0].title
    assert cells[1].status == "" and cells[1].label == "no data"


def test_feature_rows_carry_display_cells_in_column_order():
    result = table(
        availabilities=[availability(2, 1, "unavailable"), availability(1, 1, "available")]
    )
    row = result.feature_groups[0].rows[0]
    assert [cell.status for cell in row.display] == ["available", "unavailable"]


def test_differences_only_drops_equal_feature_rows():
    rows = [
        availability(1, 1),
        availability(2, 1),
        availability(1, 2, "available"),
        availability(2, 2, "addon"),
    ]
    assert len(table(availabilities=rows).feature_groups[0].rows) == 2
    shown = table(availabilities=rows, differences_only=True).feature_groups[0].rows
    assert [row.feature.pk for row in shown] == [2]


def test_each_vendors_plans_stay_in_its_own_column_in_tier_order():
    result = table(
        plans=[
            plan(2, 1, position=1),
            plan(3, 2, position=0),
            plan(1, 1, position=0, price=Decimal(0), is_free=True),
            plan(4, 2, kind="addon"),
            plan(5, 2, position=5),
        ]
    )
    # Not paired by position across vendors: each column lists its own tiers.
    assert [[p.pk for p in column.tier_plans] for column in result.columns] == [[1, 2], [3, 5]]
    assert [[a.pk for a in column] for column in result.addons] == [[], [4]]
    assert result.has_plans and result.has_addons
    assert result.span == 3


def test_no_plans_and_no_addons():
    result = table(plans=[])
    assert not result.has_plans and not result.has_addons


def test_sources_are_listed_once_in_order_of_appearance():
    source_a, source_b = Row(pk=1, title="A"), Row(pk=2, title="B")
    first, second, third = plan(1, 1), plan(2, 2), plan(3, 2, position=1)
    first.source, second.source, third.source = source_b, source_a, source_b
    assert [s.title for s in table(plans=[first, second, third]).sources] == ["B", "A"]


def test_provenance_title_names_source_and_date():
    fact = Row(source=Row(pk=1, __str__=None), last_verified=TODAY)
    fact.source = "Pricing page"
    with translation.override("en"):
        assert provenance_title(fact) == "Source: Pricing page · Last verified: Nov. 1, 2026"


def test_key_feature_names_and_stale_count():
    key = availability(1, 2, verified=OLD)
    key.is_key = True
    result = table(availabilities=[key, availability(2, 1)], plans=[plan(1, 1)])
    assert result.columns[0].key_feature_names == ["F2"]
    assert result.columns[1].key_feature_names == []
    assert result.stale_count == 1


def test_a_mostly_stale_matrix_says_so_once_instead_of_marking_each_cell():
    rows = [availability(1, 1, verified=OLD), availability(2, 1, verified=OLD), availability(1, 2)]
    result = table(availabilities=rows)
    assert (result.features_staleness.stale, result.features_staleness.total) == (2, 3)
    assert result.features_staleness.mostly_stale
    cells = [cell for group in result.feature_groups for row in group.rows for cell in row.display]
    assert [cell.stale for cell in cells if cell.status] == [True, True, False]
    # Still known per cell (its ⓘ gives the date), but no ⚠ drawn.
    assert not any("⚠" in cell.html for cell in cells)
    assert not result.marks_stale_facts


def test_a_few_stale_facts_are_each_marked():
    rows = [availability(1, 1, verified=OLD), availability(2, 1), availability(1, 2)]
    result = table(availabilities=rows)
    assert result.features_staleness.mark_each and not result.features_staleness.mostly_stale
    cells = [cell for group in result.feature_groups for row in group.rows for cell in row.display]
    assert ["⚠" in cell.html for cell in cells if cell.status] == [True, False, False]
    assert result.marks_stale_facts


def test_half_stale_is_not_most():
    rows = [availability(1, 1, verified=OLD), availability(2, 1)]
    summary = table(availabilities=rows).features_staleness
    assert (summary.stale, summary.total, summary.mostly_stale) == (1, 2, False)


def test_each_section_counts_its_own_stale_facts():
    old_plan = plan(1, 1)
    old_plan.last_verified = OLD
    result = table(plans=[old_plan, plan(2, 2)], availabilities=[availability(1, 1)])
    assert (result.pricing_staleness.stale, result.pricing_staleness.total) == (1, 2)
    assert (result.features_staleness.stale, result.features_staleness.total) == (0, 1)
    assert result.pricing_staleness.mark_each and not result.features_staleness.mark_each
    assert result.verdicts_staleness.total == 0 and not result.verdicts_staleness.mostly_stale
