"""selectors.comparison_table: light rows in, the same table out as from model instances."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from comparisons import selectors
from comparisons.exports import table_to_rows
from comparisons.models import (
    Assessment,
    Criterion,
    Feature,
    FeatureAvailability,
    FeatureCategory,
    Plan,
    ProCon,
)
from comparisons.tables import build_comparison_table, provenance_title
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
OLD = TODAY - datetime.timedelta(days=400)


def table_from_model_instances(vendors, sections=(), differences_only=False):
    """The table as first built, without the read optimisations: every fact a model instance,
    sources joined."""
    ids = [vendor.pk for vendor in vendors]
    plans = list(Plan.objects.filter(vendor_id__in=ids).select_related("source"))
    availabilities = list(
        FeatureAvailability.objects.filter(vendor_id__in=ids).select_related(
            "source", "plan", "feature"
        )
    )
    for availability in availabilities:
        # Only the compared vendors' plans were ever attached.
        if availability.plan_id is not None and availability.plan.vendor_id not in ids:
            availability.plan = None
    return build_comparison_table(
        vendors=vendors,
        plans=plans,
        categories=FeatureCategory.objects.all(),
        features=Feature.objects.filter(availabilities__vendor_id__in=ids).distinct(),
        availabilities=availabilities,
        criteria=Criterion.objects.all(),
        assessments=Assessment.objects.filter(vendor_id__in=ids).select_related("source"),
        pros_cons=ProCon.objects.filter(vendor_id__in=ids).select_related("source"),
        sections=sections,
        differences_only=differences_only,
    )


@pytest.fixture
def facts():
    """Two vendors whose facts cover every case a cell can show."""
    pricing = factories.SourceFactory(title="Pricing page", publisher="Alpha Inc.")
    review = factories.SourceFactory(title="Review")
    alpha = factories.VendorFactory(name="Alpha", slug="alpha")
    beta = factories.VendorFactory(name="Beta", slug="beta")
    other = factories.VendorFactory(name="Other", slug="other")
    pro = factories.PlanFactory(vendor=alpha, name="Pro", position=1, source=pricing)
    factories.PlanFactory(vendor=alpha, name="Free", position=0, is_free=True, price=0)
    factories.PlanFactory(
        vendor=beta, name="Storage", kind=Plan.Kind.ADDON, last_verified=OLD, source=review
    )
    foreign_plan = factories.PlanFactory(vendor=other, name="Elsewhere")
    sales = factories.FeatureCategoryFactory(name="Sales", position=2)
    service = factories.FeatureCategoryFactory(name="Service", position=1)
    pipeline = factories.FeatureFactory(category=sales, name="Pipeline", position=1)
    quotes = factories.FeatureFactory(category=sales, name="Quotes", position=0)
    tickets = factories.FeatureFactory(category=service, name="Tickets", position=5)
    factories.FeatureFactory(category=service, name="Nobody has data")
    add = factories.FeatureAvailabilityFactory
    add(vendor=alpha, feature=pipeline, plan=pro, note="Two pipelines", source=pricing)
    add(vendor=alpha, feature=quotes, status="limited", quantity=700, last_verified=OLD)
    add(vendor=alpha, feature=tickets, status="addon", is_key=True, source=review)
    add(vendor=beta, feature=pipeline, status="unavailable", is_key=True, source=pricing)
    add(vendor=beta, feature=quotes, plan=foreign_plan, is_key=True, last_verified=OLD)
    add(vendor=other, feature=tickets, note="Not compared")
    speed = factories.CriterionFactory(name="Speed", at_a_glance=True)
    price = factories.CriterionFactory(name="Price")
    factories.AssessmentFactory(vendor=alpha, criterion=speed, score=Decimal(8), source=review)
    factories.AssessmentFactory(vendor=beta, criterion=speed, score=Decimal(6), last_verified=OLD)
    factories.AssessmentFactory(vendor=beta, criterion=price, score=Decimal(9))
    factories.ProConFactory(vendor=alpha, text="Second", position=2, source=review)
    factories.ProConFactory(vendor=alpha, text="First", position=1)
    factories.ProConFactory(vendor=beta, kind="con", text="Pricey", last_verified=OLD)
    return [alpha, beta]


def summary(table):
    """What the pages, the API and the CSV read of a table, as plain values."""
    cells = [
        [
            None
            if cell is None
            else (
                cell.pk,
                cell.status,
                cell.get_status_display(),
                cell.plan_id,
                getattr(cell.plan, "pk", None),
                cell.note,
                cell.quantity,
                cell.is_key,
                cell.last_verified,
                cell.is_stale,
                cell.source_id,
                str(cell.source) if cell.source else None,
                provenance_title(cell),
                cell.feature.pk,
                cell.feature.name,
            )
            for cell in row.cells
        ]
        for group in table.feature_groups
        for row in group.rows
    ]
    return {
        "groups": [
            (group.category.pk, group.category.name, group.category.slug)
            for group in table.feature_groups
        ],
        "rows": [
            (row.feature.pk, row.feature.name, row.feature.slug, row.all_equal, row.display)
            for group in table.feature_groups
            for row in group.rows
        ],
        "cells": cells,
        "columns": [
            (
                [plan.pk for plan in column.plans],
                getattr(column.price_from, "pk", None),
                column.has_free_plan,
                [fact.feature_id for fact in column.key_features],
                column.key_feature_names,
                [item.pk for item in column.pros],
                [item.pk for item in column.cons],
                column.overall_score,
            )
            for column in table.columns
        ],
        "criteria": [
            (row.criterion.pk, [getattr(cell, "pk", None) for cell in row.cells], row.all_equal)
            for row in table.criteria
        ],
        "stale_count": table.stale_count,
        "stale_before": table.stale_before,
        "sources": [(source.pk, str(source)) for source in table.sources],
        "facts": [(type(fact).__name__, fact.pk) for fact in table.facts],
        "csv": table_to_rows(table),
    }


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("differences_only", [False, True])
def test_table_from_rows_matches_the_table_from_model_instances(facts, language, differences_only):
    with translation.override(language):
        expected = summary(table_from_model_instances(facts, differences_only=differences_only))
        actual = summary(
            selectors.comparison_table(vendors=facts, differences_only=differences_only)
        )
    # Light rows stand in for FeatureAvailability: compare the rest by value.
    actual["facts"] = [
        ("FeatureAvailability" if kind == "AvailabilityRow" else kind, pk)
        for kind, pk in actual["facts"]
    ]
    assert actual == expected


def test_matrix_cells_show_stale_marks_plan_labels_notes_and_sources(facts, english):
    table = selectors.comparison_table(vendors=facts)
    rows = {row.feature.name: row for group in table.feature_groups for row in group.rows}

    pipeline = rows["Pipeline"].display
    assert pipeline[0].plan_label == "from the Pro plan"
    assert pipeline[0].note == "Two pipelines"
    assert pipeline[0].title.startswith("Source: Pricing page (Alpha Inc.) · Last verified: ")
    assert not pipeline[0].stale
    assert pipeline[1].label == "not available" and pipeline[1].plan_label == ""

    quotes = rows["Quotes"].display
    assert quotes[0].label == "limited (700)" and quotes[0].stale
    assert quotes[0].title.startswith("Last verified: ")
    # Another vendor's plan is not one of this table's plans: no plan label.
    assert rows["Quotes"].cells[1].plan is None and quotes[1].plan_label == ""

    tickets = rows["Tickets"].display
    assert tickets[1].status == "" and tickets[1].label == "no data"
    assert "Nobody has data" not in rows
    # Categories and features in their editors' order.
    assert [group.category.name for group in table.feature_groups] == ["Service", "Sales"]
    assert list(rows) == ["Tickets", "Quotes", "Pipeline"]
    # Key features in matrix order; the stale facts counted once each.
    assert table.columns[0].key_feature_names == ["Tickets"]
    assert table.columns[1].key_feature_names == ["Quotes", "Pipeline"]
    assert table.stale_count == 5


def test_each_source_is_fetched_once_and_shared(facts, django_assert_num_queries):
    # plans, availabilities (with features and categories), assessments (with their
    # criteria), pros and cons, sources
    with django_assert_num_queries(5):
        table = selectors.comparison_table(vendors=facts)
    pricing = [fact.source for fact in table.facts if str(fact.source).startswith("Pricing")]
    assert len(pricing) == 3
    assert all(source is pricing[0] for source in pricing)
    assert [str(source) for source in table.sources] == ["Pricing page (Alpha Inc.)", "Review"]


def test_every_fact_of_the_table_is_judged_stale_against_the_tables_cutoff(monkeypatch):
    """Plans, assessments and pros/cons are marked with the one cutoff the matrix uses."""
    vendor = factories.VendorFactory()
    old_plan = factories.PlanFactory(vendor=vendor, last_verified=OLD)
    new_plan = factories.PlanFactory(vendor=vendor, last_verified=TODAY)
    factories.ProConFactory(vendor=vendor, last_verified=OLD)
    factories.AssessmentFactory(vendor=vendor, last_verified=TODAY)
    table = selectors.comparison_table(vendors=[vendor])

    # The clock is not asked again: a cutoff moved now changes nothing already shown.
    earlier = OLD - datetime.timedelta(days=1)
    monkeypatch.setattr("comparisons.models.facts.stale_cutoff", lambda today=None: earlier)
    column = table.columns[0]
    stale = {plan.pk: plan.is_stale for plan in column.plans}
    assert stale == {old_plan.pk: True, new_plan.pk: False}
    assert [item.is_stale for item in column.pros + column.cons] == [True]
    assert [cell.is_stale for row in table.criteria for cell in row.cells] == [False]


def test_the_table_shows_assessed_criteria_and_those_a_section_covers(facts):
    """Criteria come with the assessments and sections: no other criterion appears."""
    assessed = {assessment.criterion_id for assessment in Assessment.objects.all()}
    covered = factories.CriterionFactory(name="Covered by a section only")
    factories.CriterionFactory(name="Neither assessed nor covered")
    section = factories.ComparisonSectionFactory(criterion=covered)
    section = type(section).objects.select_related("criterion").get(pk=section.pk)

    table = selectors.comparison_table(vendors=facts, sections=[section])

    shown = {row.criterion.pk for row in table.criteria}
    assert shown == assessed | {covered.pk}
    assert table_to_rows(table) == table_to_rows(
        table_from_model_instances(facts, sections=[section])
    )
