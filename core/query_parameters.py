"""Which query parameters each public view reads, so the response cache keys on those alone.

A cached response is shared by every request with the same key. Were the whole
query string in the key, each new `?utm_source=` or cache-buster would add an
entry, and anyone could fill the cache; were a parameter the view reads left
out, one request's answer would be served for another's.

So each view declares what it reads: `@query_parameters("crm", "diff")` on a
page (a name ending in `*` stands for every name it begins, as in `w-*`), and
API views derive theirs from their filters, pagination and query serializer
(`comparisons.api.views.ApiViewMixin`). The response cache keeps only those
parameters, sorted by name with each name's values in the order given, and
hands the view that same query: the response cannot depend on anything the key
leaves out, and `?a=1&b=2` and `?b=2&a=1` share one entry. A parameter missing
from a declaration is thus ignored on anonymous requests, which tests notice;
it is never a page cached for one query and served for another.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, wraps

from django.conf import settings
from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.http import urlencode
from rest_framework.views import APIView


@dataclass(frozen=True)
class QueryParameters:
    names: frozenset[str]
    prefixes: tuple[str, ...]

    @classmethod
    def of(cls, names: Iterable[str]) -> "QueryParameters":
        names = set(names)
        prefixes = {name for name in names if name.endswith("*")}
        return cls(frozenset(names - prefixes), tuple(sorted(p[:-1] for p in prefixes)))

    def reads(self, name: str) -> bool:
        return name in self.names or name.startswith(self.prefixes)

    def canonical(self, query: QueryDict) -> str:
        """The query string of the parameters read: names sorted, each name's values in order.

        Values keep their order because it can change the answer (`?crm=a&crm=b`
        puts a's column first).
        """
        names = sorted(name for name in query if self.reads(name))
        return urlencode([(name, value) for name in names for value in query.getlist(name)])


def query_parameters(*names: str) -> Callable:
    """Declare the query parameters a view's response depends on."""
    parameters = QueryParameters.of(names)

    def decorate(view: Callable) -> Callable:
        # A wrapper, so declaring a third-party view (the sitemap) leaves the original alone.
        @wraps(view)
        def declared(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        declared.query_parameters = parameters
        return declared

    return decorate


def declared_parameters(request: HttpRequest) -> QueryParameters | None:
    """What the view at the request's path declares it reads; None: no view or no declaration."""
    return getattr(_view_at(settings.ROOT_URLCONF, request.path_info), "query_parameters", None)


def negotiates_content(request: HttpRequest) -> bool:
    """Whether the view at the request's path answers by the Accept header (DRF's views do).

    The pages are HTML whatever a client says it accepts, so Accept is no part of
    their cache key: were it, each made-up value would add an entry.
    """
    view = _view_at(settings.ROOT_URLCONF, request.path_info)
    if view is None:
        return True  # nothing known of it: assume the worst
    view_class = getattr(view, "cls", None)  # what DRF's as_view() sets
    return isinstance(view_class, type) and issubclass(view_class, APIView)


# Resolving would be the costliest step of a hit; a site has a few hundred paths.
@lru_cache(maxsize=1024)
def _view_at(urlconf: str, path_info: str) -> Callable | None:
    # The response cache runs before LocaleMiddleware, and the language prefix of
    # the path decides which URL patterns match: resolve under that language.
    language = translation.get_language_from_path(path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        try:
            return resolve(path_info, urlconf).func
        except Resolver404:
            return None


def replace_query(request: HttpRequest, query: str) -> None:
    """Let the view see `query` as the request's whole query string."""
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)
