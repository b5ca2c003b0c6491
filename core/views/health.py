"""Probes for load balancers and orchestrators.

/healthz: the process answers (no database, no cache) - restart it if not.
/readyz: the database and the cache answer - send it traffic if so. A cache
outage is reported but keeps the server ready: every app server shares the one
Redis, and pages are still served from the database without it.

Anyone can call them, so they say only "ok" or "unavailable"; why is logged.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

READINESS_KEY = "crmcompare:readyz"

logger = logging.getLogger(__name__)


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
        logger.error("Readiness: database unavailable: %s: %s", type(error).__name__, error)
        return "unavailable"
    return "ok"


def check_cache() -> str:
    token = uuid.uuid4().hex
    try:
        cache.set(READINESS_KEY, token, timeout=10)
        answered = cache.get(READINESS_KEY)
    except Exception as error:  # noqa: BLE001 - whatever the backend raises means "down"
        logger.warning("Readiness: cache unavailable: %s: %s", type(error).__name__, error)
        return "unavailable"
    # django-redis swallows (and logs) its errors (IGNORE_EXCEPTIONS): a
    # missing read-back is how an outage shows.
    if answered != token:
        logger.warning("Readiness: cache unavailable: the value written was not read back.")
        return "unavailable"
    return "ok"


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
