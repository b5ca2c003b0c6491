"""The change log's pure diffing of consecutive historical plan rows."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import translation

from comparisons.changes import (
    ADDED,
    CHANGED,
    LOADED,
    REMOVED,
    RESTORED,
    TRACKED_FIELDS,
    display_value,
    plan_changes,
)
from tests.factories import PlanFactory

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def row(history_id, *, plan=1, days=0, kind=CHANGED, **values):
    base = {
        "history_id": history_id,
        "id": plan,
        "history_date": T0 + timedelta(days=days),
        "history_type": kind,
        "name": "Standard",
        "currency": "USD",
        "vendor__name": "Zoho CRM",
        "vendor__slug": "zoho",
        **dict.fromkeys(TRACKED_FIELDS),
        "billing_period": "month",
        "pricing_unit": "per_user",
        "is_free": False,
        "price": Decimal("14.00"),
    }
    return base | values


def test_a_price_change_gives_old_and_new_price():
    with translation.override("en"):
        changes = plan_changes([row(1, kind=ADDED), row(2, days=1, price=Decimal("16.00"))])

    latest = changes[0]
    assert (latest.vendor_name, latest.plan_name, latest.kind) == ("Zoho CRM", "Standard", "~")
    assert [(c.field, c.old, c.new) for c in latest.changes] == [
        ("price", "$14 per user / month", "$16 per user / month")
    ]
    assert latest.date == T0 + timedelta(days=1)


def test_prices_are_formatted_for_the_active_language():
    with translation.override("es"):
        changes = plan_changes([row(1), row(2, days=1, price=Decimal("1016.50"), currency="EUR")])

    change = changes[0].changes[0]
    assert change.old == "14\xa0US$ por usuario / mes"
    assert change.new == "1.016,50\xa0€ por usuario / mes"


def test_newest_change_comes_first_across_plans():
    rows = [
        row(1, plan=1, kind=ADDED),
        row(2, plan=2, kind=ADDED, name="Pro"),
        row(3, plan=1, days=2, price=Decimal("15")),
        row(4, plan=2, days=5, price=Decimal("30")),
    ]

    changes = plan_changes(reversed(rows))  # input order does not matter

    assert [change.history_id for change in changes] == [4, 3, 2, 1]


def test_rows_changing_nothing_tracked_give_no_entry():
    # e.g. "mark as verified today" or a new description
    changes = plan_changes([row(1), row(2, days=1), row(3, days=2, name="Standard")])

    assert changes == []


def test_limits_and_labels():
    with translation.override("en"):
        changes = plan_changes([row(1, user_limit=3), row(2, days=1, user_limit=None)])

    # An emptied limit is unknown, not unlimited, unless the plan says so.
    assert [(c.label, c.old, c.new) for c in changes[0].changes] == [
        ("user limit", "3", "not stated")
    ]


def test_a_limit_lifted_reads_no_limit():
    with translation.override("es"):
        changes = plan_changes(
            [
                row(1, contact_limit=1000, unlimited_contacts=False),
                row(2, days=1, contact_limit=None, unlimited_contacts=True),
            ]
        )

    assert [(c.label, c.old, c.new) for c in changes[0].changes] == [
        ("límite de contactos", "1.000", "sin límite"),
        ("contactos ilimitados", "no", "sí"),
    ]


def test_new_and_removed_plans():
    with translation.override("en"):
        changes = plan_changes(
            [row(1, kind=ADDED), row(2, days=3, kind=REMOVED, price=Decimal("16.00"))]
        )

    removed, added = changes
    assert (removed.kind, removed.changes[0].old, removed.changes[0].new) == (
        REMOVED,
        "$16 per user / month",
        "—",
    )
    assert (added.kind, added.changes[0].old, added.changes[0].new) == (
        ADDED,
        "—",
        "$14 per user / month",
    )


def test_rows_before_since_are_only_starting_points():
    since = T0 + timedelta(days=10)
    rows = [row(1, kind=ADDED), row(2, days=11, price=Decimal("20.00"))]

    with translation.override("en"):
        changes = plan_changes(rows, since=since)

    assert len(changes) == 1
    assert (changes[0].changes[0].old, changes[0].changes[0].new) == (
        "$14 per user / month",
        "$20 per user / month",
    )


def test_a_loaded_version_is_the_starting_point_of_changes_not_a_new_plan():
    loaded = row(1, kind=ADDED, history_change_reason=LOADED)
    restored = row(3, days=2, history_change_reason=RESTORED)

    assert plan_changes([loaded]) == []
    with translation.override("en"):
        changes = plan_changes([loaded, row(2, days=1, price=Decimal("16.00")), restored])

    assert [(c.kind, c.changes[0].old, c.changes[0].new) for c in changes] == [
        (CHANGED, "$16 per user / month", "$14 per user / month"),
        (CHANGED, "$14 per user / month", "$16 per user / month"),
    ]


def test_a_change_without_its_starting_point_is_left_out():
    assert plan_changes([row(5, days=3, price=Decimal("20"))]) == []


def test_limit_keeps_the_newest():
    rows = [row(1, kind=ADDED)] + [row(n, days=n, price=Decimal(n)) for n in range(2, 7)]

    changes = plan_changes(rows, limit=2)

    assert [change.history_id for change in changes] == [6, 5]


def test_deleted_vendor_is_named_as_such():
    with translation.override("en"):
        changes = plan_changes([row(1, kind=ADDED, vendor__name=None, vendor__slug=None)])

    assert changes[0].vendor_name == "(deleted vendor)"
    assert changes[0].vendor_slug is None


# --- Never "None": every value a reader sees is a word, a figure or a dash ----------------------


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("field", list(TRACKED_FIELDS))
def test_a_missing_value_is_never_shown_as_none(field, language):
    empty = row(1, **dict.fromkeys(TRACKED_FIELDS), currency="USD")
    with translation.override(language):
        shown = display_value(field, empty)
    assert "None" not in shown and shown.strip()


def test_a_price_says_its_unit_and_period():
    with translation.override("es"):
        assert display_value("price", row(1, price=Decimal("45"), pricing_unit="per_account")) == (
            "45\xa0US$ por cuenta / mes"
        )
    with translation.override("en"):
        yearly = row(1, price=Decimal("48000"), pricing_unit="per_account", billing_period="year")
        assert display_value("price", yearly) == "$48,000 per account / year"
        assert display_value("price", row(1, price=Decimal("14.50"))) == "$14.50 per user / month"
        # Paid each time it is used: no period.
        assert display_value("price", row(1, price=Decimal("6"), pricing_unit="per_use")) == (
            "$6 per use"
        )


@pytest.mark.parametrize(
    "values, shown",
    [
        ({"pricing_unit": None}, "$45 / month"),
        ({"billing_period": None}, "$45 per user"),
        ({"pricing_unit": None, "billing_period": None}, "$45"),
        ({"billing_period": ""}, "$45 per user"),
        ({"price": None}, "not published"),
        ({"price": None, "pricing_unit": "percent"}, "percentage of the subscription"),
    ],
)
def test_a_price_with_a_missing_part_leaves_it_out(values, shown):
    with translation.override("en"):
        assert display_value("price", row(1, **{"price": Decimal("45"), **values})) == shown


def test_a_period_or_unit_appearing_or_going_away_reads_as_a_dash():
    with translation.override("en"):
        (change,) = plan_changes(
            [row(1, kind=ADDED, billing_period=None), row(2, days=1, billing_period="year")]
        )[:1]
        unit_gone = plan_changes([row(1, kind=ADDED), row(2, days=1, pricing_unit=None)])[0]
    assert [(f.field, f.old, f.new) for f in change.changes] == [("billing_period", "—", "year")]
    assert [(f.field, f.old, f.new) for f in unit_gone.changes] == [
        ("pricing_unit", "per user", "—")
    ]


def test_percentages_and_their_absence():
    with translation.override("es"):
        changes = plan_changes(
            [
                row(1, kind=ADDED, pricing_unit="percent", price=None, percent_min=None),
                row(2, days=1, pricing_unit="percent", price=None, percent_min=Decimal("20")),
            ]
        )
    (field,) = changes[0].changes
    assert (field.label, field.old, field.new) == ("porcentaje mínimo", "—", "20 %")


def test_an_unknown_stored_choice_is_shown_as_stored():
    with translation.override("en"):
        assert display_value("billing_period", row(1, billing_period="week")) == "week"
        assert display_value("pricing_unit", row(1, pricing_unit="per_seat")) == "per_seat"
        assert display_value("billing_period", row(1, billing_period="")) == "—"
        assert display_value("price", row(1, pricing_unit="per_seat")) == "$14 / month"


@pytest.mark.django_db
def test_the_change_log_page_shows_no_none(client):
    plan = PlanFactory(price=None, pricing_unit="percent", percent_min=None, percent_max=None)
    plan.percent_min = Decimal("20")
    plan.save()
    plan.price = Decimal("14")
    plan.pricing_unit = "per_user"
    plan.save()

    html = client.get("/en/cambios/").content.decode()

    assert "None" not in html
    assert "percentage of the subscription" in html and "$14 per user / month" in html


def test_a_change_of_currency_alone_is_a_price_change():
    with translation.override("en"):
        (change,) = plan_changes([row(1, kind=ADDED), row(2, days=1, currency="EUR")])[:1]

    assert [(f.field, f.old, f.new) for f in change.changes] == [
        ("price", "$14 per user / month", "€14 per user / month")
    ]


def test_figures_are_written_in_the_readers_language():
    rows = [row(1, kind=ADDED, contact_limit=1000), row(2, days=1, contact_limit=2500)]
    with translation.override("en"):
        (english,) = plan_changes(rows)[0].changes
    with translation.override("es"):
        (spanish,) = plan_changes(rows)[0].changes
    assert (english.old, english.new) == ("1,000", "2,500")
    assert (spanish.old, spanish.new) == ("1.000", "2.500")


def test_a_change_made_at_the_start_of_the_period_is_listed():
    since = T0 + timedelta(days=10)
    rows = [row(1, kind=ADDED), row(2, days=10, price=Decimal("20.00"))]

    assert len(plan_changes(rows, since=since)) == 1
    assert plan_changes(rows, since=since + timedelta(microseconds=1)) == []
