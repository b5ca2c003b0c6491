from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from buyer_tools.charts import cost_charts
from buyer_tools.series import (
    cost_series,
    plan_histories,
    price_changes,
    score_groups,
    step_points,
)
from comparisons import selectors
from comparisons.models import Plan
from tests.factories import (
    AssessmentFactory,
    ComparisonFactory,
    ComparisonSectionFactory,
    CriterionFactory,
    PlanFactory,
    VendorFactory,
    article_catalogue,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_article_series_steps_from_zoho_free_to_standard_at_four_users():
    article = article_catalogue()

    result = cost_series(
        vendors=[article["zoho"], article["hubspot"]],
        plans=Plan.objects.all(),
        users=range(1, 11),
        months=1,
    )

    (usd,) = result.groups
    zoho, hubspot = usd.series
    assert [p.cost for p in zoho.points[:5]] == [0, 0, 0, Decimal("56"), Decimal("70")]
    assert [(s.users, s.before.name, s.after.name) for s in zoho.steps] == [
        (4, "Free Edition", "Standard")
    ]
    assert {p.cost for p in hubspot.points} == {0}
    assert hubspot.steps == []
    # Both free up to 3 users; from 4, Zoho's free edition no longer fits.
    assert [b.label for b in usd.break_evens] == ["from 4 users, HubSpot costs less than Zoho CRM"]


def test_article_series_hubspot_free_drops_out_beyond_a_million_contacts():
    article = article_catalogue()

    result = cost_series(
        vendors=[article["zoho"], article["hubspot"]],
        plans=Plan.objects.all(),
        users=range(1, 6),
        contacts=1_500_000,
        months=12,
    )

    # Zoho's plans stop at 100,000 contacts; HubSpot's yearly Enterprise plan is the
    # cheapest left (Marketing Hub would charge 1,498 blocks of contacts).
    assert result.unpriced_vendors == [article["zoho"]]
    (usd,) = result.groups
    (hubspot,) = usd.series
    assert {(p.plan.name, p.cost) for p in hubspot.points} == {("Enterprise", Decimal("4000.00"))}


def test_break_even_flat_plan_against_per_user_plan():
    flat, per_user = VendorFactory(name="Flat CRM"), VendorFactory(name="Seat CRM")
    PlanFactory(vendor=flat, price=Decimal("100"), pricing_unit="per_account")
    PlanFactory(vendor=per_user, price=Decimal("14"))

    result = cost_series(
        vendors=[flat, per_user], plans=Plan.objects.all(), users=range(1, 51), months=1
    )

    (usd,) = result.groups
    assert [(b.users, b.cheaper, b.dearer) for b in usd.break_evens] == [(8, flat, per_user)]
    assert usd.break_evens[0].label == "from 8 users, Flat CRM costs less than Seat CRM"


def test_break_evens_both_ways_when_lines_cross_twice():
    a, b = VendorFactory(name="A"), VendorFactory(name="B")
    PlanFactory(vendor=a, price=Decimal("10"), user_limit=5)
    PlanFactory(vendor=a, price=Decimal("100"), pricing_unit="per_account")
    PlanFactory(vendor=b, price=Decimal("15"))

    result = cost_series(vendors=[a, b], plans=Plan.objects.all(), users=range(1, 11), months=1)

    labels = [(x.users, x.cheaper.name, x.dearer.name) for x in result.groups[0].break_evens]
    # A: 10/user up to 5 users (50), then 100 flat; B: 15/user (90 at 6, 105 at 7).
    assert labels == [(6, "B", "A"), (7, "A", "B")]


def test_currencies_get_separate_groups_and_no_break_even_across_them():
    dollars, euros = VendorFactory(), VendorFactory()
    PlanFactory(vendor=dollars, price=Decimal("100"), pricing_unit="per_account")
    PlanFactory(vendor=euros, price=Decimal("14"), currency="EUR")

    result = cost_series(vendors=[dollars, euros], plans=Plan.objects.all(), users=range(1, 20))

    assert [(g.currency, [s.vendor for s in g.series]) for g in result.groups] == [
        ("USD", [dollars]),
        ("EUR", [euros]),
    ]
    assert all(g.break_evens == [] for g in result.groups)


def test_vendor_without_priced_plans_is_listed_apart():
    priced, unpriced = VendorFactory(), VendorFactory()
    PlanFactory(vendor=priced)
    PlanFactory(vendor=unpriced, price=None)

    result = cost_series(vendors=[priced, unpriced], plans=Plan.objects.all(), users=range(1, 3))

    assert result.unpriced_vendors == [unpriced]
    assert [s.vendor for s in result.groups[0].series] == [priced]


def test_score_groups_mark_the_section_winner_or_a_clear_top_score():
    ease, price = CriterionFactory(name="Ease"), CriterionFactory(name="Price")
    zoho, hubspot = VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot])
    ComparisonSectionFactory(comparison=comparison, criterion=ease, winner=hubspot)
    for vendor, scores in ((zoho, ("6", "9")), (hubspot, ("9", "7"))):
        AssessmentFactory(vendor=vendor, criterion=ease, score=Decimal(scores[0]))
        AssessmentFactory(vendor=vendor, criterion=price, score=Decimal(scores[1]))

    rows = selectors.criterion_rows(comparison=comparison, vendors=[zoho, hubspot])
    groups = score_groups(rows)

    assert [(g.criterion.name, g.scores, g.winner_index) for g in groups] == [
        ("Ease", [Decimal("6.0"), Decimal("9.0")], 1),
        ("Price", [Decimal("9.0"), Decimal("7.0")], 0),
    ]


def record(day, price, history_id, kind="~", currency="USD"):
    return SimpleNamespace(
        id=1,
        history_id=history_id,
        history_type=kind,
        history_date=timezone.make_aware(datetime(day.year, day.month, day.day, 12)),
        price=Decimal(price) if price is not None else None,
        currency=currency,
        billing_period="month",
        pricing_unit="per_user",
        is_from_price=False,
    )


def test_price_changes_are_oldest_first_and_skip_edits_that_keep_the_price():
    records = [
        record(date(2024, 6, 1), "20", 3),
        record(date(2023, 1, 1), "12", 1, kind="+"),
        record(date(2023, 5, 1), "12", 2),  # another field edited
    ]

    changes = price_changes(records)

    assert [(c.day, c.price) for c in changes] == [
        (date(2023, 1, 1), Decimal("12")),
        (date(2024, 6, 1), Decimal("20")),
    ]


def test_same_day_changes_keep_the_last_and_a_revert_collapses():
    records = [
        record(date(2023, 1, 1), "12", 1, kind="+"),
        record(date(2024, 1, 1), "14", 2),
        record(date(2024, 1, 1), "12", 3),
    ]

    assert [(c.day, c.price) for c in price_changes(records)] == [(date(2023, 1, 1), Decimal("12"))]


def test_step_points_hold_each_price_until_the_next_change_then_today():
    records = [record(date(2023, 1, 1), "12", 1, kind="+"), record(date(2024, 6, 1), "14", 2)]
    history = plan_histories([SimpleNamespace(pk=1)], records)[0]

    assert step_points(history, today=date(2025, 1, 1)) == [
        (date(2023, 1, 1), Decimal("12")),
        (date(2024, 6, 1), Decimal("12")),
        (date(2024, 6, 1), Decimal("14")),
        (date(2025, 1, 1), Decimal("14")),
    ]
    assert history.has_changed


def test_price_history_selector_reads_history_in_two_queries(django_assert_num_queries):
    vendor = VendorFactory()
    for price in ("10", "12"):
        plan = PlanFactory(vendor=vendor, price=Decimal("8"))
        plan.price = Decimal(price)
        plan.save()

    with django_assert_num_queries(2):
        plans, records = selectors.plan_price_history(vendor=vendor)
    histories = plan_histories(plans, records)

    assert [len(h.changes) for h in histories] == [1, 1]  # same day: the last price stays
    assert [h.current.price for h in histories] == [Decimal("10"), Decimal("12")]


# --- What a buyer relies on: pinned so that a changed operator or guard shows -------------------


def test_a_break_even_at_the_last_team_size_of_the_range_is_reported():
    flat, per_user = VendorFactory(name="Flat CRM"), VendorFactory(name="Seat CRM")
    PlanFactory(vendor=flat, price=Decimal("100"), pricing_unit="per_account")
    PlanFactory(vendor=per_user, price=Decimal("14"))

    # 14 × 7 = 98 < 100, 14 × 8 = 112 > 100: the lines cross at 8, the range's end.
    result = cost_series(vendors=[flat, per_user], plans=Plan.objects.all(), users=range(1, 9))

    (usd,) = result.groups
    assert [(b.users, b.cheaper, b.dearer) for b in usd.break_evens] == [(8, flat, per_user)]
    # One size short of it, there is none.
    shorter = cost_series(vendors=[flat, per_user], plans=Plan.objects.all(), users=range(1, 8))
    assert shorter.groups[0].break_evens == []


def test_a_break_even_at_the_first_step_of_the_range_is_reported():
    flat, per_user = VendorFactory(name="Flat CRM"), VendorFactory(name="Seat CRM")
    PlanFactory(vendor=flat, price=Decimal("100"), pricing_unit="per_account")
    PlanFactory(vendor=per_user, price=Decimal("14"))

    result = cost_series(vendors=[flat, per_user], plans=Plan.objects.all(), users=range(7, 12))

    assert [b.users for b in result.groups[0].break_evens] == [8]


def test_equal_costs_are_no_break_even_until_one_is_cheaper():
    a, b = VendorFactory(name="A"), VendorFactory(name="B")
    PlanFactory(vendor=a, price=Decimal("10"))
    PlanFactory(vendor=b, price=Decimal("10"))

    result = cost_series(vendors=[a, b], plans=Plan.objects.all(), users=range(1, 6))

    assert result.groups[0].break_evens == []


def test_a_vendor_whose_plans_stop_fitting_part_way_leaves_gaps_and_no_error():
    capped, open_ended = VendorFactory(name="Capped CRM"), VendorFactory(name="Open CRM")
    PlanFactory(vendor=capped, price=Decimal("5"), user_limit=3, name="Small")
    PlanFactory(vendor=open_ended, price=Decimal("20"), pricing_unit="per_account", name="Flat")

    result = cost_series(
        vendors=[capped, open_ended], plans=Plan.objects.all(), users=range(1, 7), months=1
    )

    (usd,) = result.groups
    capped_series, open_series = usd.series
    assert [p.cost for p in capped_series.points] == [5, 10, 15, None, None, None]
    assert [p.plan for p in capped_series.points][3:] == [None, None, None]
    # A gap is no estimate (the API returns each point's flag).
    assert [p.is_estimate for p in capped_series.points] == [False] * 6
    assert {p.cost for p in open_series.points} == {Decimal(20)}
    assert [(s.users, s.after) for s in capped_series.steps] == [(4, None)]
    # Dropping out is not "becoming dearer": no break-even where one line stops.
    assert usd.break_evens == []
    assert result.unpriced_vendors == []
    # Drawn with a gap, and the table says so for each missing size.
    (chart,) = cost_charts(result)
    assert "Capped CRM: no plan fits from 4 users." in chart.description
    assert [row[1] for row in chart.table.rows[3:]] == ["no plan fits"] * 3
    assert chart.table.rows[0][1] == "$5.00 (Small)"


def test_price_history_same_day_revert_after_steps_ends_at_the_reverted_price():
    records = [
        record(date(2023, 1, 1), "12", 1, kind="+"),
        record(date(2023, 6, 1), "14", 2),
        record(date(2024, 1, 1), "16", 3),
        record(date(2024, 1, 1), "12", 4),  # put back the same day
    ]

    changes = price_changes(records)

    assert [(c.day, c.price) for c in changes] == [
        (date(2023, 1, 1), Decimal("12")),
        (date(2023, 6, 1), Decimal("14")),
        (date(2024, 1, 1), Decimal("12")),
    ]
    history = plan_histories([SimpleNamespace(pk=1)], records)[0]
    assert history.current.price == Decimal("12")
    assert history.current.day == date(2024, 1, 1)


def test_price_history_all_on_one_day_keeps_only_the_last_price():
    records = [
        record(date(2024, 1, 1), "12", 1, kind="+"),
        record(date(2024, 1, 1), "14", 2),
        record(date(2024, 1, 1), "16", 3),
        record(date(2024, 1, 1), "12", 4),
    ]

    assert [(c.day, c.price) for c in price_changes(records)] == [(date(2024, 1, 1), Decimal(12))]


def test_price_history_ignores_the_order_records_come_in_and_a_deleted_version():
    records = [
        record(date(2024, 1, 1), "16", 3),
        record(date(2023, 1, 1), "12", 1, kind="+"),
        # A deletion's row is no price, whatever values it carries.
        record(date(2024, 2, 1), "99", 5, kind="-"),
        record(date(2023, 6, 1), "14", 2),
    ]

    assert [c.price for c in price_changes(records)] == [Decimal(12), Decimal(14), Decimal(16)]


def test_price_history_keeps_a_change_of_currency_unit_period_or_from_price():
    base = record(date(2023, 1, 1), "12", 1, kind="+")
    variants = [
        {"currency": "EUR"},
        {"pricing_unit": "per_account"},
        {"billing_period": "year"},
        {"is_from_price": True},
    ]
    for number, change in enumerate(variants, start=2):
        later = record(date(2024, 1, 1), "12", number)
        vars(later).update(change)
        assert len(price_changes([base, later])) == 2, change


def test_the_price_history_page_states_the_latest_price_as_current(client):
    vendor = VendorFactory(slug="acme-crm")
    plan = PlanFactory(vendor=vendor, name="Growth", price=Decimal("12"))
    for price in ("14", "16", "12", "18"):
        plan.price = Decimal(price)
        plan.save()

    response = client.get("/crm/acme-crm/historial-de-precios/")
    assert response.status_code == 200
    html = response.content.decode()

    growth = html[html.index('id="price-history-' + plan.slug) :].split("</section>")[0]
    # All on one day: one price, the latest, with no chart of a change.
    assert "$18.00 per user a month" in growth
    assert "$12.00" not in growth and "$16.00" not in growth


def test_step_points_stop_at_today_or_at_a_change_dated_later():
    records = [record(date(2023, 1, 1), "12", 1, kind="+"), record(date(2024, 6, 1), "14", 2)]
    history = plan_histories([SimpleNamespace(pk=1)], records)[0]

    # "Today" before the last change (a clock behind the data): the line ends at the change.
    assert step_points(history, today=date(2024, 1, 1))[-1] == (date(2024, 6, 1), Decimal(14))
    unpriced = plan_histories(
        [SimpleNamespace(pk=1)], [record(date(2023, 1, 1), None, 1, kind="+")]
    )[0]
    assert step_points(unpriced, today=date(2024, 1, 1)) == []
    assert not unpriced.has_changed


def test_the_series_costs_a_year_unless_told_otherwise():
    yearly = VendorFactory(name="Yearly CRM")
    PlanFactory(vendor=yearly, price=Decimal("120"), billing_period="year", name="Annual")

    result = cost_series(vendors=[yearly], plans=Plan.objects.all(), users=range(1, 3))

    # 12 months of a yearly plan: one year, 10 a month per user. Thirteen would be two years.
    assert [p.cost for p in result.groups[0].series[0].points] == [Decimal(10), Decimal(20)]


def criterion_row(scores, *, section=None, winner_index=None):
    cells = [None if s is None else SimpleNamespace(score=Decimal(s)) for s in scores]
    return SimpleNamespace(
        criterion="Ease", cells=cells, section=section, winner_index=winner_index
    )


@pytest.mark.parametrize(
    "row, winner",
    [
        # The editors called it a tie: no ★, whatever the scores.
        (criterion_row(["6", "9"], section=SimpleNamespace(winner=None)), None),
        (criterion_row(["9", "6"], section=SimpleNamespace(winner="x"), winner_index=1), 1),
        # No section: a clear top score wins; a shared top score or a lone score does not.
        (criterion_row(["6", "9", "7"]), 1),
        (criterion_row(["8", "8", "7"]), None),
        (criterion_row(["8", None]), None),
        (criterion_row([None, None]), None),
    ],
)
def test_score_groups_star_only_a_winner_the_data_gives(row, winner):
    (group,) = score_groups([row])
    assert group.winner_index == winner
