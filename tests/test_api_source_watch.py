"""The API's view of the source watch: /sources/, the needs_checking filter, verifying writes."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from comparisons.models import Plan, Source
from tests.api_support import user_with_permissions
from tests.factories import (
    AssessmentFactory,
    FeatureAvailabilityFactory,
    PlanFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

PAGE = '<html><body><p>Menu</p><div id="pricing"><p>Standard {price} USD</p></div></body></html>'


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_check_sources_twice_flags_exactly_the_changed_sources_facts_in_the_api(
    client, page_server, watch_settings
):
    page_server.write("pricing.html", PAGE.format(price="14"), mtime=1_700_000_000)
    page_server.write("other.html", PAGE.format(price="99"), mtime=1_700_000_000)
    watched = SourceFactory(watch_url=page_server.url("/pricing.html"), watch_selector="#pricing")
    other = SourceFactory(watch_url=page_server.url("/other.html"), watch_selector="#pricing")
    plan = PlanFactory(source=watched)
    availability = FeatureAvailabilityFactory(source=watched)
    assessment = AssessmentFactory(source=watched)
    unaffected = [PlanFactory(source=other), PlanFactory()]
    call_command("check_sources", stdout=None)
    page_server.write("pricing.html", PAGE.format(price="16"), mtime=1_700_000_100)

    call_command("check_sources", stdout=None)

    flagged = {"needs_checking": "true"}
    assert ids(client.get(reverse("api:plan-list"), flagged)) == {plan.pk}
    assert ids(client.get(reverse("api:feature-availability-list"), flagged)) == {availability.pk}
    assert ids(client.get(reverse("api:assessment-list"), flagged)) == {assessment.pk}
    assert ids(client.get(reverse("api:plan-list"), {"needs_checking": "false"})) == {
        row.pk for row in unaffected
    }


def test_needs_checking_includes_stale_facts(client, settings):
    settings.STALE_AFTER_DAYS = 30
    old = PlanFactory(last_verified=timezone.localdate() - timedelta(days=31))
    fresh = PlanFactory()

    assert ids(client.get(reverse("api:plan-list"), {"needs_checking": "true"})) == {old.pk}
    assert ids(client.get(reverse("api:plan-list"), {"needs_checking": "false"})) == {fresh.pk}


@pytest.mark.parametrize("value", ["yes", "1", ""])
def test_needs_checking_takes_only_true_or_false(client, value):
    response = client.get(reverse("api:plan-list"), {"needs_checking": value})

    assert response.status_code == 400
    assert "needs_checking" in response.json()


def _changed_source_with_plan():
    source = SourceFactory()
    plan = PlanFactory(source=source)
    Source.objects.filter(pk=source.pk).update(changed_at=timezone.now())
    return plan


def test_an_api_write_setting_last_verified_verifies_the_fact_even_on_the_same_day():
    plan = _changed_source_with_plan()
    api = APIClient()
    api.force_authenticate(user_with_permissions("change_plan"))

    response = api.patch(
        reverse("api:plan-detail", kwargs={"pk": plan.pk}),
        {"last_verified": plan.last_verified.isoformat()},
        format="json",
    )

    assert response.status_code == 200
    assert plan not in Plan.objects.needs_checking()
    assert response.json()["verified_at"] is not None


def test_an_api_write_without_last_verified_leaves_the_flag():
    plan = _changed_source_with_plan()
    api = APIClient()
    api.force_authenticate(user_with_permissions("change_plan"))

    response = api.patch(
        reverse("api:plan-detail", kwargs={"pk": plan.pk}),
        {"description": "Now with more storage"},
        format="json",
    )

    assert response.status_code == 200
    assert plan in Plan.objects.needs_checking()


def test_an_api_write_of_an_earlier_day_counts_from_that_days_start():
    plan = _changed_source_with_plan()
    api = APIClient()
    api.force_authenticate(user_with_permissions("change_plan"))

    api.patch(
        reverse("api:plan-detail", kwargs={"pk": plan.pk}),
        {"last_verified": "2024-01-01"},
        format="json",
    )

    plan.refresh_from_db()
    assert plan.last_verified == date(2024, 1, 1)
    assert timezone.localtime(plan.verified_at).isoformat() == "2024-01-01T00:00:00+01:00"


def _watched_source():
    source = SourceFactory(
        title="Zoho pricing",
        publisher="Zoho",
        url="https://www.zoho.com/crm/pricing.html",
        watch_url="https://www.zoho.com/crm/zohocrm-pricing.html",
        watch_selector="#pricing",
        watch_ignore=r"\d+ users",
    )
    moment = timezone.now()
    Source.objects.filter(pk=source.pk).update(checked_at=moment, changed_at=moment)
    return source


def test_anyone_reads_sources_with_last_check_and_change_but_not_the_watch_settings(client):
    source = _watched_source()

    response = client.get(reverse("api:source-detail", kwargs={"pk": source.pk}))

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Zoho pricing"
    assert body["publisher"] == "Zoho"
    assert body["url"] == "https://www.zoho.com/crm/pricing.html"
    assert body["checked_at"] is not None
    assert body["changed_at"] is not None
    assert not {"watch_url", "watch_selector", "watch_ignore"} & set(body)


def test_editors_also_read_the_watch_settings(client):
    source = _watched_source()
    client.force_login(user_with_permissions("change_source", "view_source"))

    body = client.get(reverse("api:source-detail", kwargs={"pk": source.pk})).json()

    assert body["watch_url"] == "https://www.zoho.com/crm/zohocrm-pricing.html"
    assert body["watch_selector"] == "#pricing"
    assert body["watch_ignore"] == r"\d+ users"


def test_sources_are_read_only_even_for_editors(client):
    source = _watched_source()
    client.force_login(user_with_permissions("change_source", "add_source"))

    response = client.patch(
        reverse("api:source-detail", kwargs={"pk": source.pk}),
        {"watch_url": "http://127.0.0.1/"},
        content_type="application/json",
    )

    assert response.status_code == 405
    source.refresh_from_db()
    assert source.watch_url == "https://www.zoho.com/crm/zohocrm-pricing.html"


def test_sources_filter_by_watched(client):
    watched = _watched_source()
    unwatched = SourceFactory()

    assert ids(client.get(reverse("api:source-list"), {"watched": "true"})) == {watched.pk}
    assert ids(client.get(reverse("api:source-list"), {"watched": "false"})) == {unwatched.pk}


def test_the_schema_documents_sources_watch_settings_as_optional(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").json()

    component = schema["components"]["schemas"]["WatchedSource"]
    assert {"watch_url", "watch_selector", "watch_ignore"} <= set(component["properties"])
    assert not {"watch_url", "watch_selector", "watch_ignore"} & set(component["required"])
    assert {"checked_at", "changed_at", "title"} <= set(component["required"])
    parameters = schema["paths"]["/api/v1/plans/"]["get"]["parameters"]
    assert "needs_checking" in {parameter["name"] for parameter in parameters}
