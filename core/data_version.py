"""One data version for the whole catalogue: ETags, Last-Modified and cache keys.

Any write to the app's tables (admin, API, fixture load, shell) bumps the version
through the signals connected in `comparisons/apps.py`; everything derived from the data
(cached pages, ETags, Last-Modified) is keyed on it, so nothing stale is served.
"""

import hashlib
import time
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction
from django.utils.http import http_date

VERSION_KEY = "crmcompare:data-version"


def data_changed(**_kwargs) -> None:
    """Signal receiver: record the moment of the latest write."""
    cache.set(VERSION_KEY, time.time(), timeout=None)
    # Signals fire before the transaction commits: a page built in between
    # from the old rows would be cached under the new version. Moving the
    # version again once the write is visible makes such a page unreachable.
    transaction.on_commit(_bump)


def _bump() -> None:
    cache.set(VERSION_KEY, time.time(), timeout=None)


def data_timestamp() -> float:
    """When the data last changed.

    With the cache emptied (a restart, an eviction) the time of the question is
    the safe answer: it may cost a cache miss, never a stale page.
    """
    stamp = cache.get(VERSION_KEY)
    if stamp is None:
        stamp = time.time()
        cache.add(VERSION_KEY, stamp, timeout=None)
        stamp = cache.get(VERSION_KEY, stamp)
    return stamp


def data_last_modified(request=None, *args, **kwargs) -> datetime:
    """For django.views.decorators.http.condition(last_modified_func=...)."""
    return datetime.fromtimestamp(int(data_timestamp()), tz=UTC)


def data_etag(request, *args, **kwargs) -> str:
    """For condition(etag_func=...): the data version, the URL and the language."""
    parts = [
        repr(data_timestamp()),
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", ""),
        request.headers.get("Accept", ""),
        # Editors see previews and admin links: never share their variant.
        str(request.user.pk)
        if getattr(request, "user", None) and request.user.is_authenticated
        else "",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def last_modified_header() -> str:
    return http_date(int(data_timestamp()))
