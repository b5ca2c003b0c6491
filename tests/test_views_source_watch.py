"""Public pages say a source was checked automatically only when it is true."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comparisons.models import Source
from tests.factories import ComparisonFactory, PlanFactory, SourceFactory, VendorFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NOTE = "Source checked automatically on"


def _page_with_a_watched_source(**watch):
    vendor = VendorFactory()
    comparison = ComparisonFactory(vendors=[vendor, VendorFactory()])
    source = SourceFactory(title="Vendor pricing page")
    comparison.sources.add(source)
    plan = PlanFactory(vendor=vendor, source=source)
    Source.objects.filter(pk=source.pk).update(
        **{
            key: plan.verified_at + offset if offset is not None else None
            for key, offset in watch.items()
        }
    )
    return comparison, vendor


@pytest.mark.parametrize("page", ["comparison", "vendor"])
def test_a_source_watched_before_verification_and_unchanged_since_says_so(client, page):
    comparison, vendor = _page_with_a_watched_source(
        watched_since=-timedelta(days=3), checked_at=timedelta(hours=2), changed_at=None
    )
    url = comparison.get_absolute_url() if page == "comparison" else vendor.get_absolute_url()

    text = client.get(url).text

    assert NOTE in text
    assert "unchanged since the editors verified it" in text


@pytest.mark.parametrize(
    "watch",
    [
        # watched only after the fact was verified: nobody knows what changed before
        {"watched_since": timedelta(hours=1), "checked_at": timedelta(hours=2)},
        # changed after the fact was verified
        {
            "watched_since": -timedelta(days=3),
            "checked_at": timedelta(hours=2),
            "changed_at": timedelta(hours=1),
        },
        # never checked
        {},
    ],
)
def test_no_note_unless_it_is_true(client, watch):
    comparison, _vendor = _page_with_a_watched_source(**watch)

    text = client.get(comparison.get_absolute_url()).text

    assert "Vendor pricing page" in text
    assert NOTE not in text


def test_the_note_follows_the_oldest_verification_of_the_facts_citing_the_source(client):
    comparison, vendor = _page_with_a_watched_source(
        watched_since=-timedelta(days=3), checked_at=timedelta(hours=2)
    )
    source = Source.objects.get(title="Vendor pricing page")
    PlanFactory(vendor=vendor, source=source, last_verified=timezone.localdate() - timedelta(30))

    assert NOTE not in client.get(comparison.get_absolute_url()).text
