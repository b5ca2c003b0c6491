"""The editors' "needs checking" queue: source changes first, then stale facts."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from comparisons.models import Source
from tests.factories import (
    AssessmentFactory,
    FeatureAvailabilityFactory,
    PlanFactory,
    SourceFactory,
    UserFactory,
    VendorFactory,
)

# Messages are asserted as written in the code, whatever the catalogues say.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


URL = reverse("admin_needs_checking")


def days_ago(days):
    return datetime.date.today() - datetime.timedelta(days=days)


def test_lists_stale_facts_oldest_first_with_links(editor_client):
    zoho = VendorFactory(name="Zoho CRM")
    plan = PlanFactory(vendor=zoho, name="Standard", last_verified=days_ago(100))
    availability = FeatureAvailabilityFactory(vendor=zoho, last_verified=days_ago(400))
    assessment = AssessmentFactory(vendor=zoho, last_verified=days_ago(200))
    PlanFactory(vendor=zoho, name="Fresh plan", last_verified=days_ago(10))

    response = editor_client.get(URL)

    assert response.status_code == 200
    text = response.text
    links = [
        reverse("admin:comparisons_featureavailability_change", args=[availability.pk]),
        reverse("admin:comparisons_assessment_change", args=[assessment.pk]),
        reverse("admin:comparisons_plan_change", args=[plan.pk]),
    ]
    positions = [text.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)
    assert "Zoho CRM – Standard" in text
    assert "Fresh plan" not in text


def test_age_is_configurable(editor_client, settings):
    PlanFactory(name="Month-old plan", last_verified=days_ago(31))

    settings.STALE_AFTER_DAYS = 30
    shown = editor_client.get(URL).text
    settings.STALE_AFTER_DAYS = 90
    hidden = editor_client.get(URL).text

    assert "Month-old plan" in shown
    assert "Month-old plan" not in hidden


def test_query_count_does_not_grow_with_facts(editor_client, django_assert_num_queries):
    def stale_batch():
        vendor = VendorFactory()
        PlanFactory.create_batch(2, vendor=vendor, last_verified=days_ago(120))
        FeatureAvailabilityFactory(vendor=vendor, last_verified=days_ago(130))
        AssessmentFactory(vendor=vendor, last_verified=days_ago(140))

    stale_batch()
    # session, user, its two permission lookups, then one query per kind of fact
    with django_assert_num_queries(7):
        editor_client.get(URL)
    for _ in range(4):
        stale_batch()
    with django_assert_num_queries(7):
        response = editor_client.get(URL)
    assert len(response.context["rows"]) == 5 * 4


def test_staff_without_view_permissions_is_refused(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get(URL).status_code == 403


def test_staff_sees_only_the_kinds_they_may_view(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_plan"))
    client.force_login(user)
    PlanFactory(name="Old plan", last_verified=days_ago(100))
    AssessmentFactory(verdict="Old verdict", last_verified=days_ago(100))

    text = client.get(URL).text

    assert "Old plan" in text
    assert "Criterion" not in text


def test_admin_index_links_to_it(editor_client):
    assert URL in editor_client.get(reverse("admin:index")).text


# --- Facts whose source changed ---


def _changed(source, **fields):
    Source.objects.filter(pk=source.pk).update(changed_at=timezone.now(), **fields)


def test_source_changes_come_first_grouped_by_source_with_the_amounts_and_a_link_to_the_diff(
    editor_client,
):
    zoho = VendorFactory(name="Zoho CRM")
    pricing = SourceFactory(title="Zoho pricing page")
    standard = PlanFactory(vendor=zoho, name="Standard", price=Decimal("14.00"), source=pricing)
    feature = FeatureAvailabilityFactory(vendor=zoho, source=pricing)
    PlanFactory(vendor=zoho, name="Ancient plan", last_verified=days_ago(400))
    _changed(pricing, watched_amounts=["16 USD", "23 USD"])

    response = editor_client.get(URL)

    text = response.text
    assert "Their source changed" in text
    assert text.index("Zoho pricing page") < text.index("Ancient plan")
    assert "Its source changed on" in text
    diff_link = reverse("admin:comparisons_source_change", args=[pricing.pk]) + "#watch-diff"
    assert f'href="{diff_link}"' in text
    assert "The page now says:" in text
    assert "<strong>16 USD</strong>" in text
    group = response.context["source_groups"][0]
    here = {row.key: row.here for row in group.rows}
    assert set(here) == {f"plan:{standard.pk}", f"featureavailability:{feature.pk}"}
    assert "14" in here[f"plan:{standard.pk}"]
    assert [row.fact for row in response.context["rows"]] == ["Zoho CRM – Ancient plan"]


def test_marking_ticked_facts_verified_clears_them_from_the_queue(editor_client):
    source = SourceFactory()
    changed = PlanFactory(name="Changed plan", source=source)
    other = PlanFactory(name="Also changed", source=source)
    _changed(source)

    response = editor_client.post(URL, {"fact": [f"plan:{changed.pk}"]})

    assert response.status_code == 302
    page = editor_client.get(URL)
    assert "1 fact marked as verified." in page.text
    assert "Changed plan" not in page.text
    assert "Also changed" in page.text
    other.refresh_from_db()
    assert other.last_verified == datetime.date.today()  # still today: it was never stale


def test_a_sources_button_verifies_every_fact_it_flags(editor_client):
    source = SourceFactory()
    plans = PlanFactory.create_batch(2, source=source)
    assessment = AssessmentFactory(source=source)
    _changed(source)

    editor_client.post(URL, {"verify_source": str(source.pk)})

    page = editor_client.get(URL)
    assert "3 facts marked as verified." in page.text
    assert page.context["source_groups"] == []
    for fact in [*plans, assessment]:
        fact.refresh_from_db()
        assert fact.verified_at > Source.objects.get(pk=source.pk).changed_at


def test_viewers_cannot_mark_facts_verified(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_plan"))
    client.force_login(user)
    source = SourceFactory()
    plan = PlanFactory(source=source)
    _changed(source)

    assert "Mark selected as verified" not in client.get(URL).text
    assert client.post(URL, {"fact": [f"plan:{plan.pk}"]}).status_code == 403


@pytest.mark.parametrize(
    "posted",
    [
        {"fact": ["plan:not-a-number", "vendor:1"]},
        # Tampered: digits that are not ASCII, ids beyond any database integer.
        {"fact": ["plan:²", "plan:99999999999999999999999"]},
        {"verify_source": "²"},
        {"verify_source": "99999999999999999999999"},
    ],
)
def test_nothing_ticked_says_so_and_changes_nothing(editor_client, posted):
    plan = PlanFactory(last_verified=days_ago(100))

    response = editor_client.post(URL, posted)

    assert response.status_code == 302
    assert "Tick the facts you verified" in editor_client.get(URL).text
    plan.refresh_from_db()
    assert plan.last_verified == days_ago(100)


def test_queue_query_count_does_not_grow_with_changed_sources(
    editor_client, django_assert_num_queries
):
    def changed_batch():
        source = SourceFactory()
        PlanFactory.create_batch(2, source=source)
        AssessmentFactory(source=source)
        _changed(source)

    changed_batch()
    with django_assert_num_queries(7):
        editor_client.get(URL)
    for _ in range(4):
        changed_batch()
    with django_assert_num_queries(7):
        response = editor_client.get(URL)
    assert len(response.context["source_groups"]) == 5
