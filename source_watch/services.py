"""Checking watched sources and recording what was found.

Safe from several servers at once: a run takes each source with one
conditional UPDATE (a lease) before fetching it, so two runs never check it
at the same time, and a source checked less than SOURCE_WATCH_MIN_INTERVAL
ago by any run is left alone, so runs started together share the work. Each
result is written in one transaction that locks the source's state row, so
none is lost or half-written. A bad page never stops a run: its check is
recorded as failed, with the reason.
"""

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import zip_longest
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from comparisons.models import Source
from comparisons.validators import ignore_patterns

from .comparing import settings_fingerprint, unified_diff
from .extracting import NoMatch, money_amounts, watched_text, without_ignored
from .fetching import MAX_REDIRECTS, FetchError, Page, PoliteClient, Validators
from .models import SourceCheck, SourceSnapshot, WatchState

logger = logging.getLogger(__name__)
Outcome = SourceCheck.Outcome


@dataclass
class RunSummary:
    """What one run did, for the command's report."""

    checks: list[SourceCheck] = field(default_factory=list)
    skipped: list[Source] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for check in self.checks if check.outcome == outcome)


def default_client() -> PoliteClient:
    return PoliteClient(
        user_agent=settings.SOURCE_WATCH_USER_AGENT,
        timeout=settings.SOURCE_WATCH_TIMEOUT,
        max_bytes=settings.SOURCE_WATCH_MAX_BYTES,
        spacing=settings.SOURCE_WATCH_HOST_SPACING,
        allow_private=settings.SOURCE_WATCH_ALLOW_PRIVATE,
    )


def check_sources(
    *, source_ids: Sequence[int] | None = None, client: PoliteClient | None = None
) -> RunSummary:
    """Check every watched source (or those of `source_ids`) that no other run has taken.

    Sources asked for by id are checked even if checked moments ago: someone wants them now.
    """
    sources = Source.objects.watched().order_by("pk")
    if source_ids is not None:
        sources = sources.filter(pk__in=source_ids)
    sources = list(sources)
    client = client or default_client()
    run = uuid.uuid4().hex
    WatchState.objects.bulk_create(
        [WatchState(source=source) for source in sources], ignore_conflicts=True
    )
    summary = RunSummary()
    for source in interleaved_by_host(sources):
        if not claim(source, run=run, recent_ok=source_ids is not None):
            summary.skipped.append(source)
            continue
        try:
            summary.checks.append(check_source(source, client=client))
        finally:
            release(source, run=run)
    return summary


def interleaved_by_host(sources: Iterable[Source]) -> list[Source]:
    """One source of each host in turn, so the pause between two requests to a host is
    spent on the others."""
    by_host: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        by_host[(urlsplit(source.watch_url).hostname or "").lower()].append(source)
    rounds = zip_longest(*by_host.values())
    return [source for round_ in rounds for source in round_ if source is not None]


def lease_seconds() -> float:
    """Longer than any check can take: robots.txt and the page, each through every redirect."""
    per_request = settings.SOURCE_WATCH_TIMEOUT + settings.SOURCE_WATCH_HOST_SPACING
    return 2 * (MAX_REDIRECTS + 1) * per_request + 60


def claim(source: Source, *, run: str, recent_ok: bool = False) -> bool:
    """Take `source` for this run unless another run holds it or (unless `recent_ok`)
    checked it less than SOURCE_WATCH_MIN_INTERVAL seconds ago."""
    now = timezone.now()
    free = WatchState.objects.filter(source=source).filter(
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )
    if not recent_ok:
        recent = now - timedelta(seconds=settings.SOURCE_WATCH_MIN_INTERVAL)
        free = free.filter(Q(last_claimed_at__isnull=True) | Q(last_claimed_at__lte=recent))
    taken = free.update(
        claimed_by=run,
        claimed_until=now + timedelta(seconds=lease_seconds()),
        last_claimed_at=now,
    )
    return taken == 1


def release(source: Source, *, run: str) -> None:
    WatchState.objects.filter(source=source, claimed_by=run).update(
        claimed_by="", claimed_until=None
    )


def check_source(source: Source, *, client: PoliteClient) -> SourceCheck:
    """Fetch, read and compare one source's watched part; record the check. Never raises
    for what a page does."""
    started = timezone.now()
    fingerprint = settings_fingerprint(
        watch_url=source.watch_url,
        watch_selector=source.watch_selector,
        watch_ignore=source.watch_ignore,
    )
    check = SourceCheck(source=source, started_at=started, url=source.watch_url)
    try:
        page = client.fetch(source.watch_url, validators=_validators(source, fingerprint))
        if page.not_modified:
            check.status, check.outcome = page.status, Outcome.NOT_MODIFIED
            return _record(check, fingerprint=fingerprint)
        check.status = page.status
        text = _read(page, source)
    except FetchError as error:
        return _record_failure(check, error.problem, error.detail, status=error.status)
    except NoMatch:
        return _record_failure(
            check, SourceCheck.Problem.NO_MATCH, f"nothing matches {source.watch_selector}"
        )
    except Exception as error:  # whatever a page does, the run goes on
        logger.exception("source %s: unexpected error reading %s", source.pk, source.watch_url)
        return _record_failure(
            check, SourceCheck.Problem.UNREADABLE, f"{type(error).__name__}: {error}"
        )
    return _record(check, fingerprint=fingerprint, text=text, page=page)


def _read(page: Page, source: Source) -> str:
    text = watched_text(page.body, selector=source.watch_selector, charset=page.charset)
    return without_ignored(text, ignore_patterns(source.watch_ignore))


def _validators(source: Source, fingerprint: str) -> Validators:
    """Last answer's validators, if they belong to the current settings and a snapshot."""
    state = WatchState.objects.get(source=source)
    has_snapshot = SourceSnapshot.objects.filter(source=source, fingerprint=fingerprint).exists()
    if state.validators_for != fingerprint or not has_snapshot:
        return Validators()
    return Validators(etag=state.etag, last_modified=state.last_modified)


def _record_failure(
    check: SourceCheck, problem: str, detail: str, *, status: int | None = None
) -> SourceCheck:
    check.outcome, check.problem, check.detail, check.status = (
        Outcome.FAILED,
        problem,
        detail[:500],
        status,
    )
    check.finished_at = timezone.now()
    check.save()
    logger.warning("source %s: check failed (%s): %s", check.source_id, problem, detail)
    return check


@transaction.atomic
def _record(
    check: SourceCheck, *, fingerprint: str, text: str | None = None, page: Page | None = None
) -> SourceCheck:
    """Write the check, the snapshot if the text is new, and what pages read on Source."""
    source = check.source
    # Serialises results for one source, should two runs ever hold it (an expired lease).
    WatchState.objects.select_for_update().get(source=source)
    updates: dict = {"checked_at": check.started_at}
    if text is not None:
        previous = (
            SourceSnapshot.objects.filter(source=source, fingerprint=fingerprint)
            .order_by("-taken_at", "-id")
            .first()
        )
        updates["watched_amounts"] = money_amounts(text)
        if previous is None:
            check.outcome = Outcome.BASELINE
            check.snapshot = _snapshot(check, fingerprint, text, is_baseline=True)
            updates["watched_since"] = check.started_at
        elif previous.text == text:
            check.outcome = Outcome.UNCHANGED
        else:
            check.outcome = Outcome.CHANGED
            check.snapshot = _snapshot(
                check, fingerprint, text, diff=unified_diff(previous.text, text)
            )
            updates["changed_at"] = check.started_at
        WatchState.objects.filter(source=source).update(
            etag=page.validators.etag,
            last_modified=page.validators.last_modified,
            validators_for=fingerprint,
        )
    Source.objects.filter(pk=source.pk).update(**updates)
    check.finished_at = timezone.now()
    check.save()
    logger.info("source %s: %s", source.pk, check.outcome)
    return check


def _snapshot(
    check: SourceCheck, fingerprint: str, text: str, *, is_baseline: bool = False, diff: str = ""
) -> SourceSnapshot:
    return SourceSnapshot.objects.create(
        source=check.source,
        taken_at=check.started_at,
        fingerprint=fingerprint,
        watch_url=check.source.watch_url,
        watch_selector=check.source.watch_selector,
        text=text,
        is_baseline=is_baseline,
        diff=diff,
    )


def latest_change(source: Source) -> SourceSnapshot | None:
    """The snapshot that recorded the source's latest change, if any."""
    return source.watch_snapshots.filter(is_baseline=False).order_by("-taken_at", "-id").first()
