"""/api/v1/search/: the results page's search, as JSON."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from comparisons.api.query_forms import check_query
from comparisons.api.views import CatalogueViewSetMixin
from comparisons.models import Plan

from .forms import SearchForm
from .models import Kind
from .results import result_page
from .search import find


class OfferSerializer(serializers.Serializer):
    vendor = serializers.CharField(help_text=_("The vendor's slug."))
    vendor_name = serializers.CharField()
    status = serializers.CharField()
    plan = serializers.CharField(allow_null=True, help_text=_("The plan it comes with, if known."))
    label = serializers.CharField(help_text=_("How it is offered, in words."))


class PriceSerializer(serializers.Serializer):
    plan = serializers.CharField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    currency = serializers.CharField()
    is_from_price = serializers.BooleanField()
    pricing_unit = serializers.ChoiceField(choices=Plan.PricingUnit.choices)
    billing_period = serializers.ChoiceField(choices=Plan.BillingPeriod.choices)


class ResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    title = serializers.CharField(source="title_text")
    title_html = serializers.CharField(
        source="title", help_text=_("The title, escaped, with the matched words in <mark>.")
    )
    snippet_html = serializers.CharField(
        source="snippet", help_text=_("Part of the text, escaped, matched words in <mark>.")
    )
    url = serializers.SerializerMethodField()
    score = serializers.FloatField(help_text=_("Relevance; higher is better."))
    offers = OfferSerializer(
        many=True, help_text=_("Features: the vendors that offer it and from which plan.")
    )
    price = PriceSerializer(
        allow_null=True, help_text=_("Vendors: the price from; plans: the plan's price.")
    )
    has_free_plan = serializers.BooleanField(
        help_text=_("Vendors: whether one of its plans is free (always false for others).")
    )

    def get_url(self, obj) -> str:
        return self.context["request"].build_absolute_uri(obj.url)


class SearchResultSerializer(serializers.Serializer):
    query = serializers.CharField()
    suggestion = serializers.CharField(
        allow_null=True,
        help_text=_(
            "When the query as typed found nothing: the corrected query the results are for."
        ),
    )
    count = serializers.IntegerField(help_text=_("Results in all (at most 200)."))
    results = ResultSerializer(many=True, help_text=_("Grouped by kind, best first in each."))


@extend_schema(
    summary="Search vendors, plans, features, FAQ, comparisons and criteria",
    description=(
        "Words match in any case, with or without accents, in their Spanish and English "
        "forms. When nothing matches and a word looks like a typo, `suggestion` gives the "
        "corrected query and the results are its results."
    ),
    responses={200: SearchResultSerializer},
)
class SearchView(CatalogueViewSetMixin, APIView):
    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]
    query_forms = (SearchForm,)

    def get(self, request):
        form = SearchForm(request.query_params)
        check_query(form)
        query = form.query
        data = {"query": query, "suggestion": None, "count": 0, "results": []}
        if query:
            found = find(query, kinds=form.kinds)
            offset, limit = form.cleaned_data["offset"], form.cleaned_data["limit"]
            groups = result_page(found.words, found.hits, offset=offset, limit=limit)
            data.update(
                suggestion=found.suggestion,
                count=len(found.hits),
                results=[result for group in groups for result in group.results],
            )
        return Response(SearchResultSerializer(data, context={"request": request}).data)
