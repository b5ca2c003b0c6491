"""The CSV shape of a side-by-side table (pure: plain objects in, rows out)."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from comparisons.exports import csv_columns, neutralise_formula, restore_formula, table_to_rows
from comparisons.tables import build_comparison_table


def _csv(table) -> list[list[str]]:
    """The headings, then each record's cells in column order, as the CSV prints them."""
    columns = csv_columns(table)
    records = table_to_rows(table)
    return [list(columns.values())] + [[record[key] for key in columns] for record in records]


def _vendor(pk, name):
    return SimpleNamespace(pk=pk, name=name)


def _availability(vendor, feature, status, label, **extra):
    values = {"plan_id": None, "plan": None, "quantity": None, "note": "", "is_key": False}
    values |= {"source_id": None, "source": None, "last_verified": date.today()}
    values |= extra
    return SimpleNamespace(
        vendor_id=vendor.pk,
        feature_id=feature.pk,
        status=status,
        get_status_display=lambda: label,
        **values,
    )


def test_rows_per_feature_and_criterion_with_a_column_per_vendor(english):
    zoho, hubspot = _vendor(1, "Zoho CRM"), _vendor(2, "HubSpot CRM")
    sales = SimpleNamespace(pk=10, name="Sales", position=0)
    workflows = SimpleNamespace(pk=20, name="Workflows", position=0, category_id=10)
    price = SimpleNamespace(pk=30, name="Price", position=0, at_a_glance=True)
    standard = SimpleNamespace(pk=5, name="Standard")
    table = build_comparison_table(
        vendors=[hubspot, zoho],
        categories=[sales],
        features=[workflows],
        availabilities=[
            _availability(zoho, workflows, "available", "available", plan_id=5, plan=standard)
        ],
        criteria=[price],
        assessments=[
            SimpleNamespace(vendor_id=1, criterion_id=30, score=Decimal("9.0"), verdict="Cheap"),
            SimpleNamespace(vendor_id=2, criterion_id=30, score=Decimal("6.0"), verdict="Dear"),
        ],
        sections=[SimpleNamespace(criterion_id=30, winner_id=1)],
    )

    with translation.override("en"):
        rows = _csv(table)

    assert rows == [
        ["Type", "Group", "Row", "HubSpot CRM", "Zoho CRM", "Winner"],
        ["feature", "Sales", "Workflows", "no data", "available · from the Standard plan", ""],
        ["criterion", "", "Price", "6.0/10 – Dear", "9.0/10 – Cheap", "Zoho CRM"],
    ]


def test_a_section_without_winner_is_a_tie():
    zoho, hubspot = _vendor(1, "Zoho CRM"), _vendor(2, "HubSpot CRM")
    price = SimpleNamespace(pk=30, name="Price", position=0, at_a_glance=False)
    table = build_comparison_table(
        vendors=[zoho, hubspot],
        criteria=[price],
        sections=[SimpleNamespace(criterion_id=30, winner_id=None)],
    )

    with translation.override("en"):
        rows = _csv(table)

    assert rows[1] == ["criterion", "", "Price", "no data", "no data", "tie"]


# --- Cells a spreadsheet would run as formulas ---

FORMULAE = [
    '=HYPERLINK("http://evil","x")',
    "+HYPERLINK(1)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    # Programs that skip leading white space, or read compatibility forms as ASCII (NFKC).
    " =1+1",
    "\n=1+1",
    "\u00a0=HYPERLINK(1)",
    "\u3000@SUM(1+1)",
    " \t -2+3+cmd|' /C calc'!A0",
    "\uff1dHYPERLINK(1)",
    "\ufe66HYPERLINK(1)",
    "\uff0bHYPERLINK(1)",
]


@pytest.mark.parametrize("text", FORMULAE)
def test_text_a_spreadsheet_would_evaluate_is_prefixed_with_a_quote(text):
    assert neutralise_formula(text) == "'" + text


@pytest.mark.parametrize("text", ["Zoho CRM", "", "14.00", "a=b", "'quoted"])
def test_ordinary_text_is_written_as_it_is(text):
    assert neutralise_formula(text) == text


@pytest.mark.parametrize("value", ["-5", "-5.25", "+3", " -5", Decimal("-5"), -5, 2.5, None])
def test_numbers_stay_numbers(value):
    # A cell that is only a number cannot run anything; a quote would turn it into text.
    assert neutralise_formula(value) == value


@pytest.mark.parametrize("text", [*FORMULAE, "Zoho CRM", "'quoted", "-5"])
def test_reading_back_a_neutralised_cell_gives_the_original(text):
    assert restore_formula(neutralise_formula(text)) == text
