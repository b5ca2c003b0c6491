"""Provenance: a source's watch settings, when facts were verified, which need checking."""

import importlib
import socket
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import timezone

from comparisons.models import Plan, Source
from comparisons.services import facts_mark_verified
from tests.factories import PlanFactory, SourceFactory

# Messages are asserted as written in the code.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
MADRID = ZoneInfo("Europe/Madrid")


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as excinfo:
        instance.full_clean()
    return excinfo.value.message_dict


@pytest.fixture
def public_dns(monkeypatch):
    """vendor.example resolves to a public address, without asking a DNS server."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host == "vendor.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


def test_a_public_page_can_be_watched(public_dns):
    source = SourceFactory.build(
        watch_url="https://vendor.example/pricing",
        watch_selector="#pricing .plan",
        watch_ignore="Updated \\d+ days ago\n\n[\\d,]+ users online",
    )
    source.full_clean()


@pytest.mark.parametrize(
    "url",
    ["http://localhost/pricing", "http://127.0.0.1:8000/", "http://10.0.0.5/", "http://[::1]/"],
)
def test_a_watch_url_on_a_private_or_loopback_address_is_refused_at_save_time(url):
    errors = errors_of(SourceFactory.build(watch_url=url))
    assert "private or reserved address" in errors["watch_url"][0]


def test_the_switch_allows_watching_loopback(settings):
    settings.SOURCE_WATCH_ALLOW_PRIVATE = True
    SourceFactory.build(watch_url="http://127.0.0.1:8000/pricing").full_clean()


def test_an_invalid_selector_or_pattern_is_refused_with_the_reason(public_dns):
    errors = errors_of(
        SourceFactory.build(
            watch_url="https://vendor.example/", watch_selector="div[", watch_ignore="(unclosed"
        )
    )
    assert "is not a valid CSS selector" in errors["watch_selector"][0]
    assert "is not a valid regular expression" in errors["watch_ignore"][0]


def test_a_fact_verified_today_is_verified_now_and_an_earlier_day_at_its_start():
    before = timezone.now()
    today = PlanFactory(last_verified=timezone.localdate())
    earlier = PlanFactory(last_verified=date(2024, 1, 1))

    assert before <= today.verified_at <= timezone.now()
    assert earlier.verified_at == datetime(2024, 1, 1, tzinfo=MADRID)


def test_an_unrelated_edit_keeps_the_moment_a_new_verification_date_moves_it():
    plan = PlanFactory(last_verified=date(2024, 1, 1))
    Plan.objects.filter(pk=plan.pk).update(verified_at=datetime(2024, 1, 1, 15, 30, tzinfo=MADRID))
    plan.refresh_from_db()

    plan.description = "Now with more storage"
    plan.save()
    plan.refresh_from_db()
    assert plan.verified_at == datetime(2024, 1, 1, 15, 30, tzinfo=MADRID)

    plan.last_verified = date(2024, 3, 2)
    plan.save()
    plan.refresh_from_db()
    assert plan.verified_at == datetime(2024, 3, 2, tzinfo=MADRID)


def _changed(source: Source, moment: datetime) -> None:
    Source.objects.filter(pk=source.pk).update(changed_at=moment)


def test_a_fact_needs_checking_when_its_source_changed_after_it_was_verified():
    source = SourceFactory()
    plan = PlanFactory(source=source)
    assert plan not in Plan.objects.needs_checking()

    _changed(source, plan.verified_at - timedelta(minutes=1))
    assert plan not in Plan.objects.needs_checking()
    assert plan in Plan.objects.up_to_date()

    _changed(source, plan.verified_at + timedelta(minutes=1))
    assert plan in Plan.objects.needs_checking()
    assert plan not in Plan.objects.up_to_date()


def test_verified_in_the_morning_and_changed_that_afternoon_needs_checking():
    source = SourceFactory()
    plan = PlanFactory(source=source, last_verified=date(2024, 5, 6))
    Plan.objects.filter(pk=plan.pk).update(verified_at=datetime(2024, 5, 6, 9, 0, tzinfo=MADRID))
    _changed(source, datetime(2024, 5, 6, 16, 0, tzinfo=MADRID))

    assert plan in Plan.objects.needs_checking(today=date(2024, 5, 6))


def test_a_stale_fact_needs_checking_whatever_its_source(settings):
    settings.STALE_AFTER_DAYS = 90
    old = PlanFactory(last_verified=timezone.localdate() - timedelta(days=91))
    recent = PlanFactory(last_verified=timezone.localdate() - timedelta(days=89))

    assert set(Plan.objects.needs_checking()) == {old}
    assert set(Plan.objects.up_to_date()) == {recent}


def test_marking_verified_clears_both_reasons_and_keeps_history():
    source = SourceFactory()
    stale = PlanFactory(source=source, last_verified=date(2024, 1, 1))
    _changed(source, timezone.now())
    assert stale in Plan.objects.needs_checking()

    facts_mark_verified(facts=Plan.objects.filter(pk=stale.pk), on=timezone.localdate())

    stale.refresh_from_db()
    assert stale.last_verified == timezone.localdate()
    assert stale.verified_at > Source.objects.get(pk=source.pk).changed_at
    assert stale not in Plan.objects.needs_checking()
    assert stale.history.first().verified_at == stale.verified_at


def test_the_migration_dates_existing_facts_at_the_start_of_their_day():
    migration = importlib.import_module("comparisons.migrations.0005_source_watch_and_verified_at")
    plan = PlanFactory(last_verified=date(2024, 1, 1))
    Plan.objects.filter(pk=plan.pk).update(verified_at=timezone.now())

    migration.fill_verified_at(apps, None)

    plan.refresh_from_db()
    assert plan.verified_at == datetime(2024, 1, 1, tzinfo=MADRID)
