"""check_sources against pages served on 127.0.0.1: what it records and which facts it flags."""

import threading
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from comparisons.models import Assessment, FeatureAvailability, Plan, Source
from comparisons.services import facts_mark_verified
from source_watch.models import SourceCheck, SourceSnapshot
from source_watch.services import check_sources
from tests.factories import (
    AssessmentFactory,
    FeatureAvailabilityFactory,
    PlanFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

PRICING = """<html><head><title>Pricing</title><script>var now = "{now}";</script></head>
<body><nav>Home · Blog ({posts} posts)</nav>
<section id="pricing"><h2>Standard</h2><p>{standard} USD per user / month</p>
<h2>Professional</h2><p>23 USD per user / month</p><p class="visitors">{visitors} visitors today</p>
</section><footer>© 2026</footer></body></html>"""

# An HTTP date has whole seconds: each version of a page gets its own second.
T0 = 1_700_000_000


def pricing(*, standard="14", posts="12", visitors="130", now="1"):
    return PRICING.format(standard=standard, posts=posts, visitors=visitors, now=now)


def run(*source_ids) -> str:
    out = StringIO()
    args = [arg for pk in source_ids for arg in ("--source", str(pk))]
    call_command("check_sources", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def watched(page_server, watch_settings):
    """A source watching #pricing on the local page, with a plan citing it."""
    page_server.write("pricing.html", pricing(), mtime=T0)
    source = SourceFactory(
        watch_url=page_server.url("/pricing.html"),
        watch_selector="#pricing",
        watch_ignore=r"[\d.,]+ visitors today",
    )
    return source


def needing_check(model) -> set:
    return set(model.objects.needs_checking().values_list("pk", flat=True))


def test_first_check_is_a_baseline_and_flags_nothing(watched, page_server):
    plan = PlanFactory(source=watched)

    output = run()

    check = SourceCheck.objects.get()
    assert check.outcome == SourceCheck.Outcome.BASELINE
    assert check.status == 200
    assert check.snapshot.is_baseline
    assert "14 USD per user / month" in check.snapshot.text
    assert "Blog" not in check.snapshot.text  # outside the selector
    watched.refresh_from_db()
    assert watched.checked_at is not None
    assert watched.watched_since == watched.checked_at
    assert watched.changed_at is None
    assert plan.pk not in needing_check(Plan)
    assert "1 checked: 0 changed, 0 unchanged, 1 first snapshots, 0 failed" in output


def test_a_change_inside_the_selector_flags_exactly_the_facts_citing_that_source(
    watched, page_server
):
    page_server.write("other.html", pricing(), mtime=T0)
    other = SourceFactory(watch_url=page_server.url("/other.html"), watch_selector="#pricing")
    cited = [
        PlanFactory(source=watched),
        FeatureAvailabilityFactory(source=watched),
        AssessmentFactory(source=watched),
    ]
    others = [PlanFactory(source=other), PlanFactory(source=None)]
    run()

    page_server.write("pricing.html", pricing(standard="16"), mtime=T0 + 10)
    output = run()

    assert "1 changed" in output
    check = SourceCheck.objects.filter(source=watched).first()
    assert check.outcome == SourceCheck.Outcome.CHANGED
    assert "-14 USD per user / month" in check.snapshot.diff
    assert "+16 USD per user / month" in check.snapshot.diff
    watched.refresh_from_db()
    assert watched.changed_at == check.started_at
    assert "16 USD" in watched.watched_amounts
    assert needing_check(Plan) == {cited[0].pk}
    assert needing_check(FeatureAvailability) == {cited[1].pk}
    assert needing_check(Assessment) == {cited[2].pk}
    assert all(plan.pk not in needing_check(Plan) for plan in others)
    assert SourceCheck.objects.filter(source=other).first().outcome == "not_modified"


def test_a_change_outside_the_selector_or_in_an_ignored_pattern_flags_nothing(watched, page_server):
    plan = PlanFactory(source=watched)
    run()

    page_server.write("pricing.html", pricing(posts="13", visitors="4,200", now="2"), mtime=T0 + 10)
    run()

    check = SourceCheck.objects.first()
    assert check.status == 200  # read again, not a 304
    assert check.outcome == SourceCheck.Outcome.UNCHANGED
    assert SourceSnapshot.objects.count() == 1
    watched.refresh_from_db()
    assert watched.changed_at is None
    assert needing_check(Plan) == set()
    assert plan.pk in set(Plan.objects.up_to_date().values_list("pk", flat=True))


def test_an_unchanged_page_is_asked_conditionally_and_a_304_is_recorded(watched, page_server):
    PlanFactory(source=watched)
    run()

    run()

    page_requests = [headers for path, headers in page_server.requests if path == "/pricing.html"]
    assert "If-Modified-Since" not in page_requests[0]
    assert "If-Modified-Since" in page_requests[1]
    check = SourceCheck.objects.first()
    assert check.outcome == SourceCheck.Outcome.NOT_MODIFIED
    assert check.status == 304
    watched.refresh_from_db()
    assert watched.checked_at == check.started_at
    assert watched.changed_at is None
    assert needing_check(Plan) == set()


def test_a_timeout_is_recorded_flags_nothing_and_the_command_succeeds(
    watched, page_server, settings
):
    PlanFactory(source=watched)
    run()
    page_server.write("pricing.html", pricing(standard="16"), mtime=T0 + 10)
    gate = page_server.hold("/pricing.html")
    settings.SOURCE_WATCH_TIMEOUT = 0.5

    output = run()
    gate.set()

    check = SourceCheck.objects.first()
    assert check.outcome == SourceCheck.Outcome.FAILED
    assert check.problem == SourceCheck.Problem.TIMEOUT
    assert "1 failed" in output
    watched.refresh_from_db()
    assert watched.changed_at is None
    assert needing_check(Plan) == set()


def test_a_loopback_page_is_never_fetched_without_the_switch(watched, page_server, settings):
    settings.SOURCE_WATCH_ALLOW_PRIVATE = False
    plan = PlanFactory(source=watched)

    output = run()

    assert page_server.requests == []
    check = SourceCheck.objects.get()
    assert check.outcome == SourceCheck.Outcome.FAILED
    assert check.problem == SourceCheck.Problem.REFUSED
    assert "127.0.0.1" in check.detail
    assert "refused" in output
    assert plan.pk not in needing_check(Plan)


def test_robots_txt_is_honoured(watched, page_server):
    page_server.write("robots.txt", "User-agent: *\nDisallow: /pricing\n")

    run()

    assert page_server.paths() == ["/robots.txt"]
    check = SourceCheck.objects.get()
    assert check.problem == SourceCheck.Problem.ROBOTS


def test_a_page_the_selector_no_longer_matches_is_a_failed_check_not_a_change(watched, page_server):
    plan = PlanFactory(source=watched)
    run()
    page_server.write("pricing.html", "<html><body><p>Redesigned</p></body></html>", mtime=T0 + 10)

    run()

    check = SourceCheck.objects.first()
    assert check.problem == SourceCheck.Problem.NO_MATCH
    assert needing_check(Plan) == set()
    assert plan.pk in set(Plan.objects.up_to_date().values_list("pk", flat=True))


def test_new_watch_settings_start_a_new_baseline_not_a_change(watched, page_server):
    plan = PlanFactory(source=watched)
    run()

    Source.objects.filter(pk=watched.pk).update(watch_selector="body")
    run()

    check = SourceCheck.objects.first()
    assert check.outcome == SourceCheck.Outcome.BASELINE
    assert needing_check(Plan) == set()
    assert plan.pk in set(Plan.objects.up_to_date().values_list("pk", flat=True))


def test_verifying_after_the_change_clears_the_flag(watched, page_server):
    plan = PlanFactory(source=watched)
    run()
    page_server.write("pricing.html", pricing(standard="16"), mtime=T0 + 10)
    run()
    assert needing_check(Plan) == {plan.pk}

    facts_mark_verified(facts=Plan.objects.filter(pk=plan.pk), on=timezone.localdate())

    assert needing_check(Plan) == set()


def test_only_the_sources_asked_for_are_checked(watched, page_server):
    page_server.write("other.html", pricing(), mtime=T0)
    other = SourceFactory(watch_url=page_server.url("/other.html"))

    run(other.pk)

    assert list(SourceCheck.objects.values_list("source_id", flat=True)) == [other.pk]
    assert "/pricing.html" not in page_server.paths()


def test_unknown_or_unwatched_sources_are_a_usage_error(db, watch_settings):
    unwatched = SourceFactory(watch_url="")
    with pytest.raises(CommandError, match="No source with id 987654"):
        run(987654)
    with pytest.raises(CommandError, match="no watched page"):
        run(unwatched.pk)
    assert not SourceCheck.objects.exists()


def test_a_source_checked_moments_ago_by_another_run_is_left_alone(watched, page_server, settings):
    settings.SOURCE_WATCH_MIN_INTERVAL = 600
    run()

    output = run()

    assert SourceCheck.objects.count() == 1
    assert "skipped" in output
    assert page_server.paths().count("/pricing.html") == 1


def test_a_source_asked_for_by_id_is_checked_even_if_just_checked(watched, page_server, settings):
    settings.SOURCE_WATCH_MIN_INTERVAL = 600
    run()

    output = run(watched.pk)

    assert SourceCheck.objects.count() == 2
    assert "0 skipped" in output


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_check_each_source_once(page_server, watch_settings):
    """The second run starts while the first waits for the page: it must not take it."""
    page_server.write("pricing.html", pricing(), mtime=T0)
    source = SourceFactory(watch_url=page_server.url("/pricing.html"))
    gate = page_server.hold("/pricing.html")
    first = {}
    thread = threading.Thread(target=lambda: first.setdefault("summary", check_sources()))
    thread.start()
    try:
        _wait_for(lambda: "/pricing.html" in page_server.paths())

        second = check_sources()
    finally:
        gate.set()
        thread.join(timeout=30)

    assert second.checks == []
    assert [skipped.pk for skipped in second.skipped] == [source.pk]
    assert [check.outcome for check in first["summary"].checks] == ["baseline"]
    assert page_server.paths().count("/pricing.html") == 1
    assert SourceCheck.objects.count() == 1


def _wait_for(condition, *, limit=20.0):
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "the first run never asked for the page"
        time.sleep(0.01)
