"""Error pages: a clear 503 when the database is down, never a stack trace; JSON in the API."""

import logging
import sys

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import APIException, NotFound, ParseError

from ..errors import DATABASE_ERRORS

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def database_unavailable(request: HttpRequest, error: BaseException) -> HttpResponse:
    logger.error("Database unavailable for %s %s: %s", request.method, request.path, error)
    message = _("The site is temporarily unavailable. Please try again in a minute.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        # Rendered without the request: context processors could touch the database.
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500: a database outage met outside a view (e.g. in a middleware) is a 503."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return database_unavailable(request, error)
    if request.path.startswith("/api/"):
        return api_error(request, APIException.default_detail, status=500)
    return defaults.server_error(request, template_name=template_name)


def bad_request(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """handler400: what Django refuses before any view (a body too big, too many fields)."""
    if request.path.startswith("/api/"):
        return api_error(request, ParseError.default_detail, status=400)
    return defaults.bad_request(request, exception)


# As a route it answers every method: a write to an unknown API path is a 404, not a CSRF 403.
@csrf_exempt
def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """handler404 and the last API route: a JSON 404 under /api/, the 404 page elsewhere."""
    if request.path.startswith("/api/"):
        return api_error(request, NotFound.default_detail, status=404)
    return defaults.page_not_found(request, exception)


def api_error(request: HttpRequest, detail: str, *, status: int) -> JsonResponse:
    """The API's error body, in the language its views would answer in."""
    # ?lang=, else Accept-Language; the query may be the very thing that was refused.
    try:
        language = request.GET.get("lang")
    except SuspiciousOperation:  # too many fields, say: no ?lang= to read
        language = None
    if language not in dict(settings.LANGUAGES):
        language = translation.get_language_from_request(request)
    with translation.override(language):
        response = JsonResponse({"detail": str(detail)}, status=status)
    response["Content-Language"] = language
    return response
