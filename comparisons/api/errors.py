"""Errors the API answers with, besides DRF's own."""

from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "The data changed since you read it (If-Match or If-Unmodified-Since). "
        "Read it again and retry."
    )
    default_code = "precondition_failed"


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("Other data still refers to this object, so it cannot be deleted.")
    default_code = "protected"


class LoginLockedOut(APIException):
    """Too many failed logins: like a throttled request, with Retry-After (`wait` seconds)."""

    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "login_locked_out"

    def __init__(self, detail, *, wait: int):
        super().__init__(detail)
        self.wait = wait


class NotModified(Exception):
    """Raised before the handler runs, to answer 304 without building the response."""

    def __init__(self, response):
        super().__init__("not modified")
        self.response = response
