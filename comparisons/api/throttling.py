"""Request rates, read from settings on every request so tests and deployments can change them.

DRF's own throttles copy `DEFAULT_THROTTLE_RATES` once at import time, which would
make `override_settings` (and the schemathesis run) silently keep the old limits.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class _RatesFromSettings:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonRateThrottle(_RatesFromSettings, throttling.AnonRateThrottle):
    """Anonymous clients: API_THROTTLE_ANON requests per period, per IP address."""


class UserRateThrottle(_RatesFromSettings, throttling.UserRateThrottle):
    """Signed-in clients: API_THROTTLE_USER requests per period, per user."""
