"""Probes for load balancers and orchestrators.

/healthz: the process answers (no database, no cache) - restart it if not.
/readyz: the database and the cache answer - send it traffic if so. A cache
outage is reported but keeps the server ready: every app server shares the one
Redis, and pages are still served from the database without it.
"""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

READINESS_KEY = "crmcompare:readyz"


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def check_database() -> str:
    try:
        for alias in connections:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
    except DatabaseError as error:
        return f"unavailable: {error.__class__.__name__}: {str(error).strip()[:200]}"
    return "ok"


def check_cache() -> str:
    token = uuid.uuid4().hex
    try:
        cache.set(READINESS_KEY, token, timeout=10)
        answered = cache.get(READINESS_KEY)
    except Exception as error:  # noqa: BLE001 - whatever the backend raises means "down"
        return f"unavailable: {error.__class__.__name__}: {error}"
    # The Redis backend swallows its errors (core/cache.py): a missing
    # read-back is how an outage shows.
    return "ok" if answered == token else "unavailable: no answer"


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    database = check_database()
    cache_state = check_cache()
    if database != "ok":
        status, code = "unavailable", 503
    elif cache_state != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse(
        {"status": status, "checks": {"database": database, "cache": cache_state}}, status=code
    )
