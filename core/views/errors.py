"""Error pages: a clear 503 when the database is down, never a stack trace; JSON 404s in the API."""

import logging
import sys

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import NotFound

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
    return defaults.server_error(request, template_name=template_name)


# As a route it answers every method: a write to an unknown API path is a 404, not a CSRF 403.
@csrf_exempt
def page_not_found(request: HttpRequest, exception: BaseException | None = None) -> HttpResponse:
    """handler404 and the last API route: a JSON 404 under /api/, the 404 page elsewhere."""
    if request.path.startswith("/api/"):
        # In the language the API's views would answer in: ?lang=, else Accept-Language.
        language = request.GET.get("lang")
        if language not in dict(settings.LANGUAGES):
            language = translation.get_language_from_request(request)
        with translation.override(language):
            response = JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
        response["Content-Language"] = language
        return response
    return defaults.page_not_found(request, exception)
