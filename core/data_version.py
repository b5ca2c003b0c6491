"""The catalogue's data version: what cached responses, ETags and Last-Modified are keyed on.

It lives in the database (core.models.DataVersion) and database triggers move it
on every write to a catalogue table (core/version_triggers.py), in the writing
transaction: no code path has to remember it, and it becomes visible together
with the rows it describes. It is read from the primary ("default"), never a
replica: a replica's copy may lag behind the writes (see replica_is_current).

Within one GET or HEAD request it is read once (`request_scope`): the response
cache, the ETag and Last-Modified of that response all see the same version.
Elsewhere (writes, commands, tests between requests) each call reads it anew.
"""

import hashlib
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import F
from django.utils import timezone

from .errors import DATABASE_ERRORS
from .models import DataVersion

logger = logging.getLogger(__name__)

# A raw query: on a cache hit it is the only work besides the lookup.
SELECT_VERSION = "SELECT version, changed_at FROM core_dataversion WHERE id = 1"


class Version(NamedTuple):
    number: int
    changed_at: datetime


class _Scope:
    __slots__ = ("replica_current", "version")

    def __init__(self) -> None:
        self.version: Version | None = None
        self.replica_current: bool | None = None


_scope: ContextVar[_Scope | None] = ContextVar("data_version_scope", default=None)


@contextmanager
def request_scope() -> Iterator[None]:
    """Read the version at most once inside (a GET or HEAD request, which writes nothing)."""
    token = _scope.set(_Scope())
    try:
        yield
    finally:
        _scope.reset(token)


def current_version() -> Version:
    """The version on the primary; once per request scope."""
    scope = _scope.get()
    if scope is not None and scope.version is not None:
        return scope.version
    version = read_version(DEFAULT_DB_ALIAS)
    if version is None:
        _create_row(DEFAULT_DB_ALIAS)
        version = read_version(DEFAULT_DB_ALIAS)
    if scope is not None:
        scope.version = version
    return version


def read_version(alias: str) -> Version | None:
    with connections[alias].cursor() as cursor:
        cursor.execute(SELECT_VERSION)
        row = cursor.fetchone()
    if row is None:
        return None
    number, changed_at = row
    # SQLite gives a naive datetime, in UTC as Django stores it.
    if timezone.is_naive(changed_at):
        changed_at = changed_at.replace(tzinfo=UTC)
    return Version(number, changed_at)


def replica_is_current(alias: str = "replica") -> bool:
    """Whether this request's reads may go to the replica: it has this request's version.

    The response cache stores pages under the version read from the primary; a
    page built from a replica that has not yet replayed that version's writes
    would be stored as current, so reads go to the primary until it has. Outside
    a GET or HEAD request (writes, commands) the answer is no. An unreachable
    replica is a "no" too: the primary serves.
    """
    scope = _scope.get()
    if scope is None:
        return False
    if scope.replica_current is None:
        primary = current_version()
        try:
            replica = read_version(alias)
        except DATABASE_ERRORS as error:
            logger.warning("Replica unavailable, reading from the primary: %s", error)
            replica = None
        scope.replica_current = replica is not None and replica.number >= primary.number
    return scope.replica_current


def move_version(*, using: str = DEFAULT_DB_ALIAS) -> None:
    """Move the version without a catalogue write (after a migration: code or schema changed)."""
    moved = (
        DataVersion.objects.using(using)
        .filter(pk=1)
        .update(version=F("version") + 1, changed_at=timezone.now())
    )
    if not moved:
        _create_row(using)


def _create_row(using: str) -> None:
    # Started from the clock, not 1: a row deleted and created again (`flush`)
    # never gives a number that entries cached before it were stored under.
    DataVersion.objects.using(using).bulk_create(
        [DataVersion(pk=1, version=time.time_ns() // 1000, changed_at=timezone.now())],
        ignore_conflicts=True,
    )


def data_last_modified(request=None, *args, **kwargs) -> datetime:
    """For django.views.decorators.http.condition(last_modified_func=...)."""
    return current_version().changed_at


def data_etag(request, *args, **kwargs) -> str:
    """For condition(etag_func=...): the data version, the URL and the language."""
    parts = [
        str(current_version().number),
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", ""),
        request.headers.get("Accept", ""),
        # Editors see previews and admin links: never share their variant.
        str(request.user.pk)
        if getattr(request, "user", None) and request.user.is_authenticated
        else "",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
