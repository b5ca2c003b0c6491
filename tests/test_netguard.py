"""The guard on addresses the site requests: public internet only, by what names resolve to."""

import socket

import pytest

from core.netguard import UnsafeURL, check_url, is_public

# Messages are asserted as written in the code.
pytestmark = pytest.mark.usefixtures("english")


def _resolving(monkeypatch, table):
    def fake_getaddrinfo(host, port, *args, **kwargs):
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in table[host]
        ]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "64:ff9b::7f00:1",
        "2002:7f00:1::1",
    ],
)
def test_private_loopback_link_local_and_reserved_addresses_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111", "::ffff:8.8.8.8"])
def test_global_addresses_are_public(address):
    assert is_public(address)


def test_localhost_is_refused_by_name():
    with pytest.raises(UnsafeURL, match="private or reserved"):
        check_url("http://localhost:8000/pricing")


def test_a_name_is_refused_if_any_of_its_addresses_is_private(monkeypatch):
    _resolving(monkeypatch, {"vendor.example": ["93.184.215.14", "10.0.0.7"]})
    with pytest.raises(UnsafeURL, match=r"10\.0\.0\.7"):
        check_url("https://vendor.example/pricing")


def test_a_public_name_gives_the_address_to_connect_to(monkeypatch):
    _resolving(monkeypatch, {"vendor.example": ["93.184.215.14"]})
    target = check_url("https://vendor.example/pricing")
    assert (target.scheme, target.host, target.port, target.address) == (
        "https",
        "vendor.example",
        443,
        "93.184.215.14",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://vendor.example/", "Only http and https"),
        ("file:///etc/passwd", "Only http and https"),
        ("https:///pricing", "no host name"),
        ("https://nowhere.invalid/", "could not be resolved"),
        ("http://[::1/", "not a valid address"),
    ],
)
def test_other_schemes_hostless_unresolvable_and_malformed_urls_are_refused(url, message):
    with pytest.raises(UnsafeURL, match=message):
        check_url(url)


def test_the_switch_allows_private_addresses():
    assert check_url("http://127.0.0.1:8000/", allow_private=True).address == "127.0.0.1"
