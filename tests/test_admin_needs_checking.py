"""The editors' "needs checking" page: stale facts, oldest first, one click from their form."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import (
    AssessmentFactory,
    FeatureAvailabilityFactory,
    PlanFactory,
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
