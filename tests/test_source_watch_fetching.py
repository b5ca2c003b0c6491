"""The watcher's HTTP client against local pages: redirects, robots.txt, caps, pacing."""

import pytest

from source_watch.fetching import FetchError, HostPacer, PoliteClient, Validators
from tests.page_server import PageServer


def client(*, allow_private=True, max_bytes=100_000, timeout=5.0) -> PoliteClient:
    return PoliteClient(
        user_agent="crmcompare-test-watch/1.0",
        timeout=timeout,
        max_bytes=max_bytes,
        spacing=0,
        allow_private=allow_private,
    )


def test_the_page_comes_with_its_validators_and_the_user_agent_is_sent(page_server):
    page_server.write("page.html", "<p>Hello</p>", mtime=1_700_000_000)

    page = client().fetch(page_server.url("/page.html"))

    assert (page.status, page.body) == (200, b"<p>Hello</p>")
    assert page.validators.last_modified == "Tue, 14 Nov 2023 22:13:20 GMT"
    headers = dict(page_server.requests)["/page.html"]
    assert headers["User-Agent"] == "crmcompare-test-watch/1.0"
    assert page_server.paths() == ["/robots.txt", "/page.html"]


def test_an_unchanged_page_answers_304(page_server):
    page_server.write("page.html", "<p>Hello</p>", mtime=1_700_000_000)
    first = client().fetch(page_server.url("/page.html"))

    again = client().fetch(page_server.url("/page.html"), validators=first.validators)

    assert again.not_modified
    assert again.body == b""


def test_redirects_are_followed(page_server):
    page_server.write("new.html", "<p>Moved here</p>")
    page_server.redirect("/old.html", "/new.html")

    page = client().fetch(page_server.url("/old.html"))

    assert page.url == page_server.url("/new.html")
    assert page.body == b"<p>Moved here</p>"


def test_a_redirect_to_a_private_address_is_refused_and_never_requested(
    page_server, tmp_path, monkeypatch
):
    """The first server counts as public here; the redirect leads to a private one."""
    monkeypatch.setattr("core.netguard.is_public", lambda address: address == "127.0.0.1")
    (tmp_path / "inside").mkdir()
    inside = PageServer(tmp_path / "inside", host="127.0.0.2")
    try:
        inside.write("secret.html", "<p>Internal</p>")
        page_server.write("public.html", "<p>Public</p>")
        page_server.redirect("/pricing.html", inside.url("/secret.html"))
        assert client(allow_private=False).fetch(page_server.url("/public.html")).status == 200

        with pytest.raises(FetchError) as error:
            client(allow_private=False).fetch(page_server.url("/pricing.html"))

        assert error.value.problem == "refused"
        assert inside.requests == []
    finally:
        inside.close()


def test_a_redirect_to_another_scheme_is_refused(page_server):
    page_server.redirect("/pricing.html", "file:///etc/passwd")

    with pytest.raises(FetchError) as error:
        client().fetch(page_server.url("/pricing.html"))

    assert error.value.problem == "redirect"


def test_endless_redirects_end(page_server):
    page_server.redirect("/a.html", "/b.html")
    page_server.redirect("/b.html", "/a.html")

    with pytest.raises(FetchError) as error:
        client().fetch(page_server.url("/a.html"))

    assert error.value.problem == "redirect"


def test_a_page_beyond_the_size_cap_is_not_read(page_server):
    page_server.write("huge.html", "<p>" + "x" * 5_000 + "</p>")

    with pytest.raises(FetchError) as error:
        client(max_bytes=1_000).fetch(page_server.url("/huge.html"))

    assert error.value.problem == "too_large"


def test_an_error_answer_is_a_fetch_error_with_its_status(page_server):
    with pytest.raises(FetchError) as error:
        client().fetch(page_server.url("/missing.html"))

    assert (error.value.problem, error.value.status) == ("http_status", 404)


def test_robots_txt_is_read_once_per_host(page_server):
    page_server.write("robots.txt", "User-agent: *\nDisallow: /private/\n")
    page_server.write("a.html", "<p>A</p>")
    page_server.write("b.html", "<p>B</p>")
    watcher = client()

    watcher.fetch(page_server.url("/a.html"))
    watcher.fetch(page_server.url("/b.html"))
    with pytest.raises(FetchError) as error:
        watcher.fetch(page_server.url("/private/c.html"))

    assert error.value.problem == "robots"
    assert page_server.paths() == ["/robots.txt", "/a.html", "/b.html"]


def test_robots_txt_for_another_user_agent_does_not_apply(page_server):
    page_server.write("robots.txt", "User-agent: OtherBot\nDisallow: /\n")
    page_server.write("a.html", "<p>A</p>")

    assert client().fetch(page_server.url("/a.html")).status == 200


def test_validators_are_not_sent_to_where_a_page_redirects(page_server):
    page_server.write("new.html", "<p>New</p>")
    page_server.redirect("/old.html", "/new.html")

    client().fetch(page_server.url("/old.html"), validators=Validators(etag='"v1"'))

    headers = dict(page_server.requests)
    assert headers["/old.html"]["If-None-Match"] == '"v1"'
    assert "If-None-Match" not in headers["/new.html"]


class FakeClock:
    def __init__(self):
        self.now = 100.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_requests_to_one_host_are_spaced_and_other_hosts_do_not_wait():
    clock = FakeClock()
    pacer = HostPacer(5.0, clock=clock, sleep=clock.sleep)

    pacer.wait("a.example")
    pacer.wait("b.example")
    clock.now += 1.5
    pacer.wait("a.example")
    clock.now += 10
    pacer.wait("a.example")

    assert clock.slept == [3.5]
