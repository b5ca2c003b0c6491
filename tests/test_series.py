from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

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
