"""The search results page: /buscar/?q= (and /en/buscar/)."""

from django.shortcuts import render

from comparisons.api.throttling import AnonRateThrottle
from comparisons.views.common import conditional
from core.query_parameters import query_parameters

from .forms import MAX_QUERY_CHARS, SearchForm
from .results import result_page
from .search import find


def throttled(request) -> float | None:
    """Seconds an anonymous client must wait, or None: the API's anonymous rate, shared
    with it (one budget per client for every uncached read)."""
    throttle = AnonRateThrottle()
    if throttle.allow_request(request, None):
        return None
    return throttle.wait() or 1


def shown_query(query: str) -> str:
    """The query as the search boxes show it back: a NUL or other control character
    is not HTML, and a 10 000-character query is refused, not shown whole."""
    return "".join(ch for ch in query[:MAX_QUERY_CHARS] if ch.isprintable())


@query_parameters(*SearchForm.parameter_names())
@conditional
def search(request):
    wait = throttled(request)
    form = SearchForm(request.GET)
    context = {"form": form, "search_query": shown_query(request.GET.get("q", ""))}
    if wait is not None:
        response = render(
            request, "site_search/search.html", {**context, "throttled": True}, status=429
        )
        response["Retry-After"] = str(int(wait) + 1)
        return response
    if form.is_valid() and form.query:
        found = find(form.query, kinds=form.kinds)
        offset, limit = form.cleaned_data["offset"], form.cleaned_data["limit"]
        context.update(
            found=found,
            groups=result_page(found.words, found.hits, offset=offset, limit=limit),
            total=len(found.hits),
            offset=offset,
            limit=limit,
            next_offset=offset + limit if offset + limit < len(found.hits) else None,
        )
    status = 400 if form.errors else 200
    return render(request, "site_search/search.html", context, status=status)
