"""What a client is told when django-axes refuses a login after too many failures.

The admin answers a page in its own style, the API token view a JSON 429 (see
api/auth.py); both 429 Too Many Requests, with the cool-off (the longest the
client may have to wait) in Retry-After.
"""

from axes.helpers import get_cool_off
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def cool_off_seconds(request: HttpRequest | None = None) -> int:
    return int(get_cool_off(request).total_seconds())


def lockout_message(request: HttpRequest | None = None) -> str:
    minutes = max(1, round(cool_off_seconds(request) / 60))
    return ngettext(
        "Too many failed sign-in attempts: signing in is blocked for up to %(minutes)d "
        "minute. Try again later.",
        "Too many failed sign-in attempts: signing in is blocked for up to %(minutes)d "
        "minutes. Try again later.",
        minutes,
    ) % {"minutes": minutes}


def admin_lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in blocked"),
        "message": lockout_message(request),
    }
    # Rendered here: a middleware's response is not rendered later as a view's would be.
    response = render(request, "admin/locked_out.html", context, status=429)
    response["Retry-After"] = str(cool_off_seconds(request))
    return response
