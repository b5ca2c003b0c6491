"""The writes and cross-object rules in comparisons/services.py, as any caller meets them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from comparisons import services
from comparisons.models import Assessment, Plan
from tests.factories import (
    AssessmentFactory,
    ComparisonFactory,
    ComparisonSectionFactory,
    PlanFactory,
    UserFactory,
    VendorFactory,
)

# Messages are asserted as written in the code, whatever the catalogues say.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def errors(check, **kwargs) -> dict:
    with pytest.raises(ValidationError) as refused:
        check(**kwargs)
    return refused.value.message_dict


def test_winners_among_the_vendors_pass():
    services.comparison_check_winners(
        vendor_ids={1, 2}, overall_winner_id=2, section_winner_ids={"a": 1, "b": None}
    )


def test_each_winner_outside_the_vendors_is_named_by_its_key():
    found = errors(
        services.comparison_check_winners,
        vendor_ids={1, 2},
        overall_winner_id=3,
        section_winner_ids={"ease": 1, "price": 4, "support": None},
    )

    assert found == {
        "overall_winner": ["The overall winner must be one of the compared vendors."],
        "price": ["The winner must be one of the compared vendors."],
    }


def test_a_comparison_needs_two_different_vendors():
    assert list(errors(services.comparison_check_vendors, vendor_ids=[7, 7])) == ["vendors"]


def test_set_vendors_puts_them_in_the_order_given():
    zoho, hubspot, pipedrive = VendorFactory(), VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot])

    services.comparison_set_vendors(comparison=comparison, vendors=[pipedrive, zoho])

    assert [link.vendor for link in comparison.comparison_vendors.all()] == [pipedrive, zoho]


@pytest.mark.parametrize("winner_of", ["comparison", "section"])
def test_set_vendors_keeps_every_winner(winner_of):
    zoho, hubspot, pipedrive = VendorFactory(), VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot])
    if winner_of == "comparison":
        comparison.overall_winner = hubspot
        comparison.save()
    else:
        ComparisonSectionFactory(comparison=comparison, winner=hubspot)

    with pytest.raises(ValidationError):
        services.comparison_set_vendors(comparison=comparison, vendors=[zoho, pipedrive])

    assert [link.vendor for link in comparison.comparison_vendors.all()] == [zoho, hubspot]


def test_comparison_update_refuses_an_overall_winner_it_does_not_compare():
    zoho, hubspot = VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot], title="Before")

    with pytest.raises(ValidationError):
        services.comparison_update(
            comparison=comparison, title="After", overall_winner=VendorFactory()
        )

    comparison.refresh_from_db()
    assert (comparison.title, comparison.overall_winner) == ("Before", None)


def test_facts_marked_verified_get_the_date_and_a_history_version_each():
    editor = UserFactory()
    old = datetime.date(2024, 1, 1)
    plans = [PlanFactory(last_verified=old), PlanFactory(last_verified=old)]
    AssessmentFactory(last_verified=old)
    today = datetime.date(2026, 11, 30)

    marked = services.facts_mark_verified(
        facts=Plan.objects.filter(pk__in=[plan.pk for plan in plans]), on=today, user=editor
    )

    assert marked == 2
    assert set(Plan.objects.values_list("last_verified", flat=True)) == {today}
    assert Assessment.objects.get().last_verified == old
    assert [plan.history.first().history_user for plan in plans] == [editor, editor]
