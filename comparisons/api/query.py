"""The query parameters an API view reads, for the response cache's key (query_parameters.py)."""

from django.core.exceptions import ImproperlyConfigured
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.generics import GenericAPIView
from rest_framework.settings import api_settings

# Attributes of DRF's pagination classes that name a query parameter.
PAGINATION_PARAMETERS = (
    "limit_query_param",
    "offset_query_param",
    "page_query_param",
    "page_size_query_param",
    "cursor_query_param",
)


def read_query_parameters(view_class: type, initkwargs: dict) -> set[str]:
    """Every parameter the view may read: ?lang= and ?format= on every view, a
    generic view's filters, search, ordering and pagination, a tool's query forms.

    `initkwargs` are those of as_view(): a viewset's @action can replace the
    filters or the pagination of its class.
    """

    def attribute(name: str):
        return initkwargs.get(name, getattr(view_class, name, None))

    names = {"lang", api_settings.URL_FORMAT_OVERRIDE}
    if issubclass(view_class, GenericAPIView):
        for backend in attribute("filter_backends") or []:
            if issubclass(backend, SearchFilter):
                names.add(backend.search_param)
            elif issubclass(backend, OrderingFilter):
                names.add(backend.ordering_param)
            elif issubclass(backend, DjangoFilterBackend):
                if attribute("filterset_class") is not None:
                    names.update(attribute("filterset_class").base_filters)
                elif attribute("filterset_fields"):
                    raise ImproperlyConfigured(
                        f"{view_class.__name__}: give a filterset_class, whose filters name "
                        "the query parameters the response cache keys on."
                    )
            else:
                # Its parameters would be dropped from anonymous requests: say so, not guess.
                raise ImproperlyConfigured(
                    f"{view_class.__name__}: which query parameters does {backend.__name__} read?"
                )
        pagination = attribute("pagination_class")
        if pagination is not None:
            names.update(
                getattr(pagination, name)
                for name in PAGINATION_PARAMETERS
                if getattr(pagination, name, None)
            )
    for form in attribute("query_forms") or ():
        names.update(form.parameter_names())
    return names
