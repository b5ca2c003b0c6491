"""How an editor gets an API token: POST username and password to /api/v1/auth/token/."""

from rest_framework.authtoken.views import ObtainAuthToken

from .throttling import AnonRateThrottle
from .views import ApiViewMixin


class ObtainTokenView(ApiViewMixin, ObtainAuthToken):
    """DRF's token view, throttled like any anonymous request (it checks passwords)."""

    throttle_classes = [AnonRateThrottle]
