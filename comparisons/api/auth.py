"""How an editor gets an API token: POST username and password to /api/v1/auth/token/."""

from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import ValidationError

from core.lockout import cool_off_seconds, lockout_message

from .errors import LoginLockedOut
from .throttling import AnonRateThrottle
from .views import ApiViewMixin


class ObtainTokenView(ApiViewMixin, ObtainAuthToken):
    """DRF's token view, throttled like any anonymous request (it checks passwords).

    django-axes counts its failed logins with the admin's and refuses logins past
    the limit; the refusal reaches this view as "wrong credentials", which is
    answered here as what it is: 429, with when to try again.
    """

    throttle_classes = [AnonRateThrottle]

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # Set by django-axes on the request authenticate() was given.
            if getattr(request, "axes_locked_out", False):
                raise LoginLockedOut(
                    lockout_message(request), wait=cool_off_seconds(request)
                ) from None
            raise
