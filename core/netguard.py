"""Requests the site makes to addresses editors type: the public internet only.

A URL's text says little about where it leads: `localhost`, a name whose DNS
answer is 10.0.0.5, or 169.254.169.254 (a cloud's metadata service) all look
like ordinary hosts. So the host is resolved and every address it resolves to
must be global; a caller then connects to one of those very addresses, so a
second DNS answer (rebinding) cannot send the request elsewhere.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

ALLOWED_SCHEMES = ("http", "https")


class UnsafeURL(ValueError):
    """A URL the site must not request; its message is fit to show an editor."""


@dataclass(frozen=True)
class Target:
    """Where to connect for a URL: its parts, and an address checked to be allowed."""

    scheme: str
    host: str
    port: int
    address: str


def _parts(url: str) -> tuple[str, str, int]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UnsafeURL(_("This is not a valid address.")) from error
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise UnsafeURL(_("Only http and https addresses can be watched."))
    if not parts.hostname:
        raise UnsafeURL(_("The address has no host name."))
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def _resolve(host: str, port: int) -> list[str]:
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise UnsafeURL(
            _("The host name %(host)s could not be resolved.") % {"host": host}
        ) from error
    # The scope of an IPv6 link-local address ("fe80::1%eth0") is not part of the address.
    return list(dict.fromkeys(answer[4][0].split("%")[0] for answer in answers))


NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public(address: str) -> bool:
    """A global address, looking through IPv6 forms that carry an IPv4 one."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            ip = embedded
    # is_global alone lets multicast through.
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def check_url(url: str, *, allow_private: bool = False) -> Target:
    """The address to connect to for `url`, or UnsafeURL saying why not.

    Every address the host resolves to must be global (not loopback, private,
    link-local, shared, reserved, multicast...), unless `allow_private`.
    """
    scheme, host, port = _parts(url)
    addresses = _resolve(host, port)
    if not allow_private:
        for address in addresses:
            if not is_public(address):
                raise UnsafeURL(
                    _(
                        "%(host)s resolves to %(address)s, a private or reserved "
                        "address: only public web pages can be watched."
                    )
                    % {"host": host, "address": address}
                )
    return Target(scheme=scheme, host=host, port=port, address=addresses[0])
