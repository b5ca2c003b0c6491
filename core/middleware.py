"""Site-wide middleware: the data version's request scope, the public response cache and
the database-outage page."""

import gzip
import hashlib
import re
import threading
from collections import OrderedDict
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from django.utils import timezone
from django.utils.cache import get_conditional_response, has_vary_header, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.text import compress_string
from django.utils.translation import get_language_from_request

from .data_version import current_version, last_known_version, request_scope
from .errors import DATABASE_ERRORS
from .query_parameters import declared_parameters, negotiates_content, replace_query
from .views.errors import database_unavailable

# Request headers whose values can change a response; they are part of the key
# or, for Cookie, the request is only cached when it carries no session.
# Requests with an Authorization header are never cached, so an API response that
# varies on it is safe to store for the anonymous ones. Accept-Encoding is not
# here: one entry serves every encoding (see freeze), so a view's own variants
# by encoding are not stored.
KEYED_VARY_HEADERS = {"accept", "accept-language", "cookie", "authorization"}
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/javascript")
# What freeze() stores; part of the key, so entries of an older form are never read.
ENTRY_FORMAT = "gzip-body"
QVALUE = re.compile(r"(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)")
PRIVATE_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


class DataVersionScopeMiddleware:
    """A GET or HEAD request reads the data version once, whoever asks for it.

    The response cache, the ETag and Last-Modified then describe the same version,
    and the replica router asks the primary once. Other methods write, and read
    the version afresh after their writes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with request_scope():
            return self.get_response(request)


class PublicResponseCacheMiddleware:
    """Serve anonymous GET/HEAD requests for public pages and API reads from the cache.

    Each entry records the data version (core.data_version) it was built
    under and is served only while that version is current, so any write
    (admin, API, loaddata) makes every cached response unreachable at once: a
    price is never served stale. The key: scheme, host, path, the query
    parameters the view reads (core.query_parameters; a request with
    others is served as if it had none of them), the language the request asks
    for, the Accept header where the view negotiates by it (the API), and
    today's date. Editors (a session cookie) and API
    clients that authenticate always get a fresh response.

    Bodies are stored gzipped: one entry serves clients that accept gzip as it
    is and the others decompressed.

    Hits do not count against the API's anonymous rate: the rate protects the
    database and the workers from expensive reads, and a hit costs less than
    the 429 that would refuse it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = re.compile("|".join(settings.RESPONSE_CACHE_EXCLUDE))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = self.cacheable_query(request)
        if query is None:
            return self.get_response(request)
        if query != request.META.get("QUERY_STRING", ""):
            # The view sees exactly the query the entry is keyed on.
            replace_query(request, query)
        key = self.cache_key(request, query)
        # The data version is one small query; the entry itself is usually in
        # this process's copy of the hot entries, valid while the version is.
        try:
            version = current_version().number
        except DATABASE_ERRORS:
            return self.serve_during_outage(request, key)
        entry = hot_entries.get(key, version)
        if entry is None:
            entry = cache.get(key)
            if entry is not None and entry[0] == version:
                hot_entries.put(key, entry)
        if entry is not None and entry[0] == version:
            response = thaw(entry[1], client_accepts_gzip=accepts_gzip(request))
            response["X-Cache"] = "hit"
            return conditional(request, response)
        response = self.get_response(request)
        if request.method == "GET" and self.is_storable(request, response):
            if not response.has_header("ETag"):
                etag = hashlib.sha256(f"{key}|{version!r}".encode()).hexdigest()[:32]
                response["ETag"] = f'"{etag}"'
            entry = (version, freeze(response))
            cache.set(key, entry, settings.RESPONSE_CACHE_SECONDS)
            hot_entries.put(key, entry)
            _status, _headers, body, gzipped = entry[1]
            if gzipped and accepts_gzip(request):
                send_gzipped(response, body)
            response["X-Cache"] = "miss"
            return conditional(request, response)
        return response

    def serve_during_outage(self, request: HttpRequest, key: str) -> HttpResponse:
        """The database is unreachable: the entry of the version last read, else the view's 503.

        Editors cannot save while the database is down, so a page cached under the
        version this process last read is what a reader would have got a moment
        before; it is marked stale and never stored again.
        """
        known = last_known_version()
        entry = None if known is None else hot_entries.get(key, known.number)
        if entry is None and known is not None:
            entry = cache.get(key)
        if entry is None or known is None or entry[0] != known.number:
            return self.get_response(request)
        response = thaw(entry[1], client_accepts_gzip=accepts_gzip(request))
        response["X-Cache"] = "stale"
        return conditional(request, response)

    def cacheable_query(self, request: HttpRequest) -> str | None:
        """The query string to key on and hand the view, or None: not to be cached."""
        if not settings.RESPONSE_CACHE or request.method not in ("GET", "HEAD"):
            return None
        if "Authorization" in request.headers or any(c in request.COOKIES for c in PRIVATE_COOKIES):
            return None
        if self.excluded.match(request.path_info):
            return None
        if not plain_host(request):
            return None
        if not request.META.get("QUERY_STRING"):
            return ""
        parameters = declared_parameters(request)
        if parameters is None:
            return None
        return parameters.canonical(request.GET)

    @staticmethod
    def cache_key(request: HttpRequest, query: str) -> str:
        parts = (
            ENTRY_FORMAT,
            request.scheme,
            request.get_host(),
            request.path,
            query,
            # Pages take their language from the path (in the key above); outside
            # the language prefixes (the API) it comes from the language cookie or
            # Accept-Language. This runs before LocaleMiddleware, so ask directly.
            get_language_from_request(request),
            request.headers.get("Accept", "") if negotiates_content(request) else "",
            # "Possibly out of date" marks depend on today's date, not only on the data.
            timezone.localdate().isoformat(),
        )
        return "response:" + hashlib.sha256("|".join(parts).encode()).hexdigest()

    @staticmethod
    def is_storable(request: HttpRequest, response: HttpResponse) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        # A CSP nonce must be new on every response.
        if getattr(request, "_csp_nonce", None) is not None:
            return False
        vary = {h.strip().lower() for h in response.get("Vary", "").split(",") if h.strip()}
        if "accept" in vary and not negotiates_content(request):
            return False  # its key left Accept out
        return vary <= KEYED_VARY_HEADERS and not has_vary_header(response, "*")


def plain_host(request: HttpRequest) -> bool:
    """Whether the Host is spelled plainly: lower case, no final dot, no port but the server's.

    Pages write the Host into their links, so the key holds it as sent; each other
    spelling of an allowed host (`LOCALHOST`, `localhost.`, `localhost:1`, ...)
    would otherwise be an entry of its own. Those requests are served, not stored.
    """
    host = request.get_host()
    domain, port = split_domain_port(host)
    return host == (f"{domain}:{port}" if port else domain) and port in ("", request.get_port())


class HotEntries:
    """This process's copy of the most used cache entries, least recently used out.

    An entry is returned only for the data version it was built under, which the
    caller has just read from the database: a copy here is never staler than
    the shared entry it copies, and a hit costs one small query, not the
    transfer of the whole page from the shared cache.
    """

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self.entries: OrderedDict[str, tuple] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str, version) -> tuple | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[0] != version:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry

    # Copies are for the many small pages; the few big tables stay in the shared cache.
    max_body = 256 * 1024

    def put(self, key: str, entry: tuple) -> None:
        if self.max_entries <= 0 or len(entry[1][2]) > self.max_body:
            return
        with self.lock:
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


hot_entries = HotEntries(settings.RESPONSE_CACHE_LOCAL_ENTRIES)


def accepts_gzip(request: HttpRequest) -> bool:
    return gzip_allowed(request.headers.get("Accept-Encoding", ""))


@lru_cache(maxsize=256)
def gzip_allowed(accept_encoding: str) -> bool:
    """Whether an Accept-Encoding value allows gzip: named (or "*") with a q-value above 0.

    The most specific entry decides: "gzip;q=0" refuses gzip even beside "*".
    A malformed q-value counts as 0; without the header the body goes as it is.
    """
    qualities = {}
    for element in accept_encoding.split(","):
        coding, *parameters = (part.strip() for part in element.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = (part.strip() for part in parameter.partition("="))
            if name.lower() == "q":
                quality = float(value) if QVALUE.fullmatch(value) else 0.0
        if coding:
            qualities[coding.lower()] = quality
    for coding in ("gzip", "x-gzip", "*"):
        if coding in qualities:
            return qualities[coding] > 0
    return False


def freeze(response: HttpResponse) -> tuple:
    """(status, headers, body, gzipped): what is stored, the body gzipped when that pays.

    Compressed once, when stored: hits then send the small body to clients that
    accept it. Only anonymous public responses come here (no CSRF token or
    session in them), so compression gives BREACH nothing to guess.
    """
    content_type = response.get("Content-Type", "")
    gzipped = (
        len(response.content) >= 1024
        and not response.has_header("Content-Encoding")
        and content_type.startswith(COMPRESSIBLE)
    )
    body = response.content
    if gzipped:
        body = compress_string(body)
        patch_vary_headers(response, ("Accept-Encoding",))
    return (response.status_code, list(response.items()), body, gzipped)


def thaw(frozen: tuple, *, client_accepts_gzip: bool) -> HttpResponse:
    """The stored response: gzipped for a client that accepts it, else as the view made it."""
    status, headers, body, gzipped = frozen
    send_gzip = gzipped and client_accepts_gzip
    response = HttpResponse(
        gzip.decompress(body) if gzipped and not send_gzip else body, status=status
    )
    for name, value in headers:
        response[name] = value
    if send_gzip:
        send_gzipped(response, body)
    return response


def send_gzipped(response: HttpResponse, body: bytes) -> None:
    response.content = body
    response["Content-Length"] = str(len(body))
    response["Content-Encoding"] = "gzip"
    # The body differs from the uncompressed one: a strong ETag must say so.
    etag = response.get("ETag", "")
    if etag.startswith('"'):
        response["ETag"] = "W/" + etag


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """304 when the client's copy is current (If-None-Match / If-Modified-Since)."""
    last_modified = response.get("Last-Modified")
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(last_modified) if last_modified else None,
        response=response,
    )


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 with a clear page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, DATABASE_ERRORS):
            return database_unavailable(request, exception)
        return None
