"""The address a request came from, as far as it can be trusted.

Anyone can send an X-Forwarded-For header, so it is only read when the
deployment says how many proxies of its own (NUM_PROXIES, from
DJANGO_NUM_PROXIES) stand in front of the app: each appends the address it was
reached from, so the Nth entry from the right is the one the outermost trusted
proxy saw, and whatever a client wrote further left is ignored. With no proxies
(the default) only the socket's address counts.

The API's rate limits and the login lockout both use this, so neither can be
dodged by forging the header.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote_addr = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote_addr
    addresses = [address.strip() for address in forwarded.split(",")]
    # Fewer entries than proxies (as DRF does): the leftmost.
    candidate = addresses[-min(proxies, len(addresses))]
    # Only a proxy misconfigured or bypassed passes anything but an address; it
    # must not reach the lockout table's address column or a cache key.
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr
