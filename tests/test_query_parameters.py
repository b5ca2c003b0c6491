"""Which query parameters each view reads: the response cache keys on those alone."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.http import QueryDict
from rest_framework.filters import BaseFilterBackend

from comparisons.api.views import PlanViewSet, VendorViewSet
from core.query_parameters import QueryParameters


def test_canonical_query_keeps_the_read_parameters_sorted_by_name_values_in_order():
    parameters = QueryParameters.of(["crm", "diff", "w-*"])

    query = QueryDict("w-b=2&utm_source=x&crm=zoho&diff=1&crm=hubspot&w-a=5&wa=1")

    assert parameters.canonical(query) == "crm=zoho&crm=hubspot&diff=1&w-a=5&w-b=2"


def test_canonical_query_of_a_view_that_reads_nothing_is_empty():
    assert QueryParameters.of([]).canonical(QueryDict("utm_source=x&fbclid=y")) == ""


def test_api_list_reads_its_filters_search_ordering_pagination_language_and_format():
    view = PlanViewSet.as_view({"get": "list"})

    assert {
        "vendor",
        "currency",
        "free",
        "search",
        "ordering",
        "limit",
        "offset",
        "lang",
        "format",
    } <= view.query_parameters.names
    assert not view.query_parameters.reads("utm_source")


def test_an_action_without_filters_or_pagination_reads_only_language_and_format():
    from comparisons.api.views import ComparisonViewSet

    view = ComparisonViewSet.as_view(
        {"get": "csv"}, detail=True, filter_backends=[], pagination_class=None
    )

    assert view.query_parameters.names == {"lang", "format"}


def test_a_filter_backend_whose_parameters_are_unknown_is_refused():
    class GuessingFilter(BaseFilterBackend):
        def filter_queryset(self, request, queryset, view):
            return queryset.filter(name=request.query_params.get("name"))

    class GuessingViewSet(VendorViewSet):
        filter_backends = [GuessingFilter]

    with pytest.raises(ImproperlyConfigured, match="GuessingFilter"):
        GuessingViewSet.as_view({"get": "list"})
