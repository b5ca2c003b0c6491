"""A polite HTTP client for watched pages, refusing every address but the public internet.

Polite: it says who it is (User-Agent), honours robots.txt (read once per host
and run), asks conditionally (If-None-Match / If-Modified-Since), waits a few
seconds between two requests to one host, gives up after a timeout and stops
reading a page past a size cap. Safe: each URL, each redirect's included, is
checked by core.netguard and the connection goes to the very address checked
(no second DNS answer can send it elsewhere); redirects are followed by hand,
to http(s) only.

Built on http.client: connecting to a chosen address while TLS still verifies
the host's name takes a few lines there.
"""

import http.client
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from core.netguard import Target, UnsafeURL, check_url

MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
ROBOTS_MAX_BYTES = 512 * 1024
CHUNK = 64 * 1024


class FetchError(Exception):
    """A page that could not be read; `problem` is a SourceCheck.Problem value."""

    def __init__(self, problem: str, detail: str, status: int | None = None):
        super().__init__(detail)
        self.problem = problem
        self.detail = detail
        self.status = status


@dataclass(frozen=True)
class Validators:
    """What the last answer said about its version, sent back to ask "changed since?"."""

    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Page:
    """An answer: 200 with a body, or 304 (not_modified) without one."""

    url: str
    status: int
    body: bytes = b""
    charset: str | None = None
    validators: Validators = Validators()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class _Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address netguard checked; Host still names the host."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(target.host, target.port, timeout=timeout)
        self._address = target.address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """As above, with TLS verifying the host's name (not the address's)."""

    def __init__(self, target: Target, timeout: float):
        super().__init__(
            target.host, target.port, timeout=timeout, context=ssl.create_default_context()
        )
        self._address = target.address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


@dataclass
class HostPacer:
    """At most one request per host every `spacing` seconds."""

    spacing: float
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)

    def wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = last + self.spacing - self.clock()
            if delay > 0:
                self.sleep(delay)
        self._last[host] = self.clock()


class PoliteClient:
    """One per run: it remembers each host's robots.txt and last request."""

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float,
        max_bytes: int,
        spacing: float,
        allow_private: bool = False,
    ):
        self.user_agent = user_agent
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.allow_private = allow_private
        self.pacer = HostPacer(spacing)
        self._robots: dict[str, RobotFileParser] = {}

    def fetch(self, url: str, *, validators: Validators = Validators()) -> Page:
        """The page at `url`, following up to MAX_REDIRECTS redirects; FetchError if not."""
        url, response = self._get(url, validators=validators, max_bytes=self.max_bytes)
        if response.status == 304:
            return Page(url=url, status=304)
        if response.status != 200:
            raise FetchError("http_status", f"HTTP {response.status}", response.status)
        return Page(
            url=url,
            status=200,
            body=response.body,
            charset=response.headers.get_content_charset(),
            validators=Validators(
                etag=response.headers.get("ETag", "")[:300],
                last_modified=response.headers.get("Last-Modified", "")[:100],
            ),
        )

    def _get(
        self,
        url: str,
        *,
        max_bytes: int,
        validators: Validators = Validators(),
        robots: bool = True,
    ) -> tuple[str, _Response]:
        """The final URL and answer, each hop checked (robots.txt too, unless reading it)."""
        for _hop in range(MAX_REDIRECTS + 1):
            if robots:
                self._check_robots(url)
            headers = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}
            if validators.etag:
                headers["If-None-Match"] = validators.etag
            if validators.last_modified:
                headers["If-Modified-Since"] = validators.last_modified
            response = self._request(url, headers, max_bytes=max_bytes)
            if response.status not in REDIRECT_STATUSES:
                return url, response
            location = response.headers.get("Location")
            if not location:
                raise FetchError("redirect", "redirect without a Location", response.status)
            url = urljoin(url, location.strip())
            if urlsplit(url).scheme.lower() not in ("http", "https"):
                raise FetchError("redirect", f"redirect to a non-http(s) URL: {url[:200]}")
            validators = Validators()  # they were the first URL's
        raise FetchError("redirect", f"more than {MAX_REDIRECTS} redirects")

    def _check_robots(self, url: str) -> None:
        key = _host_key(url)
        robots = self._robots.get(key)
        if robots is None:
            robots = self._robots[key] = self._read_robots(key)
        if not robots.can_fetch(self.user_agent, url):
            raise FetchError("robots", f"robots.txt of {key} disallows {_path(url)[:200]}")

    def _read_robots(self, host_url: str) -> RobotFileParser:
        """As urllib's RobotFileParser.read() decides, with this client's safety and pacing.

        A robots.txt the server cannot serve (5xx) is read as "disallow all",
        as search engines do.
        """
        robots = RobotFileParser(f"{host_url}/robots.txt")
        try:
            _url, response = self._get(robots.url, max_bytes=ROBOTS_MAX_BYTES, robots=False)
            status = response.status
        except FetchError as error:
            if error.problem == "refused":
                raise
            if error.problem != "too_large":
                raise FetchError("robots", f"robots.txt unreadable: {error.detail}") from error
            status = None  # rules too long to read: as for a missing file
        if status in (401, 403) or (status is not None and status >= 500):
            robots.disallow_all = True
        elif status == 200:
            robots.parse(response.body.decode("utf-8", errors="replace").splitlines())
        else:
            robots.allow_all = True
        return robots

    def _request(self, url: str, headers: dict, *, max_bytes: int) -> _Response:
        try:
            target = check_url(url, allow_private=self.allow_private)
        except UnsafeURL as error:
            raise FetchError("refused", str(error)) from error
        self.pacer.wait(target.host)
        connection_class = (
            _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
        )
        connection = connection_class(target, timeout=self.timeout)
        deadline = time.monotonic() + self.timeout
        try:
            connection.request(
                "GET",
                _path(url),
                headers={**headers, "User-Agent": self.user_agent, "Accept-Encoding": "identity"},
            )
            response = connection.getresponse()
            body = b""
            if response.status == 200:
                body = self._read_capped(response, max_bytes, deadline)
            return _Response(status=response.status, headers=response.headers, body=body)
        except TimeoutError as error:
            raise FetchError("timeout", f"no answer within {self.timeout:g} s") from error
        except (OSError, http.client.HTTPException) as error:
            raise FetchError("network", f"{type(error).__name__}: {error}"[:500]) from error
        finally:
            connection.close()

    def _read_capped(self, response, max_bytes: int, deadline: float) -> bytes:
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            raise FetchError("too_large", f"{length} bytes, more than {max_bytes}")
        chunks, size = [], 0
        while chunk := response.read1(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError("too_large", f"more than {max_bytes} bytes")
            if time.monotonic() > deadline:
                raise TimeoutError
            chunks.append(chunk)
        return b"".join(chunks)
