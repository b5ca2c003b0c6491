"""API of the buyer tools: cost, cost series, fit, recommendation and price history.

The same pure functions as the pages (pricing, series, fit), so the API and
the pages never disagree. Read-only, open to anyone, cached on the data
version like the other endpoints (ETag, Last-Modified, ?lang=).
"""

from dataclasses import replace

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from comparisons import selectors
from comparisons.api.query_forms import check_query
from comparisons.api.views import CatalogueViewSetMixin
from comparisons.forms import QueryForm
from comparisons.models import Comparison, Vendor

from ..charts import vendor_colors
from ..fit import format_weights, rank_by_fit
from ..forms import CostForm, CostSeriesForm, FitForm, RecommendationForm, ToolVendorsForm
from ..inputs import team_must_haves
from ..pricing import compare_costs
from ..recommendation import recommend
from ..series import cost_series, plan_histories

MONEY = {"max_digits": 16, "decimal_places": 2}

# --- Responses ---------------------------------------------------------------------------------


class CostLineSerializer(serializers.Serializer):
    label = serializers.CharField(help_text=_("The arithmetic, in words and figures."))
    amount = serializers.DecimalField(**MONEY, allow_null=True)


class PlanCostSerializer(serializers.Serializer):
    plan = serializers.CharField(source="plan.slug")
    plan_name = serializers.CharField(source="plan.name")
    currency = serializers.CharField()
    total = serializers.DecimalField(**MONEY, help_text=_("For the whole period."))
    per_month = serializers.DecimalField(**MONEY)
    months = serializers.IntegerField()
    is_estimate = serializers.BooleanField(help_text=_("True for “from” prices."))
    lines = CostLineSerializer(many=True)
    notes = serializers.ListField(child=serializers.CharField())
    addons_included = serializers.SerializerMethodField(
        help_text=_("Add-ons in the total, bought for a must-have feature (slugs).")
    )

    def get_addons_included(self, obj) -> list[str]:
        return [addon.slug for addon in obj.addons_included]


class ExclusionSerializer(serializers.Serializer):
    plan = serializers.CharField(source="plan.slug")
    plan_name = serializers.CharField(source="plan.name")
    reasons = serializers.ListField(child=serializers.CharField())


class AddonCostSerializer(serializers.Serializer):
    addon = serializers.CharField(source="addon.slug")
    addon_name = serializers.CharField(source="addon.name")
    currency = serializers.CharField()
    label = serializers.CharField()
    amount = serializers.DecimalField(**MONEY, allow_null=True)
    amount_max = serializers.DecimalField(**MONEY, allow_null=True)
    is_estimate = serializers.BooleanField()


class VendorCostSerializer(serializers.Serializer):
    vendor = serializers.CharField(source="vendor.slug")
    vendor_name = serializers.CharField(source="vendor.name")
    fits = serializers.BooleanField()
    message = serializers.SerializerMethodField()
    cheapest = PlanCostSerializer(
        source="best", many=True, help_text=_("The cheapest fitting plan in each currency.")
    )
    options = PlanCostSerializer(many=True)
    ruled_out = ExclusionSerializer(many=True)
    unpriced = ExclusionSerializer(many=True)
    addons = AddonCostSerializer(many=True, help_text=_("Optional; not in the totals."))
    unmet_needs = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Why the must-have features rule this CRM out (empty when they do not)."),
    )

    def get_message(self, obj) -> str | None:
        if obj.fits:
            return None
        return str(_("No plan of this CRM fits your team and can be priced from the data we hold."))


class RankingEntrySerializer(serializers.Serializer):
    vendor = serializers.CharField()
    plan = serializers.CharField()
    total = serializers.DecimalField(**MONEY)
    per_month = serializers.DecimalField(**MONEY)
    is_estimate = serializers.BooleanField()


class RankingSerializer(serializers.Serializer):
    currency = serializers.CharField()
    entries = serializers.SerializerMethodField()

    def get_entries(self, obj) -> RankingEntrySerializer(many=True):
        return RankingEntrySerializer(
            [
                {
                    "vendor": vendor.slug,
                    "plan": option.plan.slug,
                    "total": option.total,
                    "per_month": option.per_month,
                    "is_estimate": option.is_estimate,
                }
                for vendor, option in obj.entries
            ],
            many=True,
        ).data


class NeedsSerializer(serializers.Serializer):
    users = serializers.IntegerField()
    contacts = serializers.IntegerField()
    months = serializers.IntegerField()
    billing = serializers.CharField()
    need = serializers.SerializerMethodField(help_text=_("The must-have features (slugs)."))

    def get_need(self, obj) -> list[str]:
        return [must.feature.slug for must in obj.must_haves]


class CostSerializer(serializers.Serializer):
    needs = NeedsSerializer()
    nothing_fits = serializers.BooleanField()
    rankings = RankingSerializer(
        many=True, help_text=_("One ranking per currency; currencies are never mixed.")
    )
    vendors = VendorCostSerializer(many=True)


class SeriesPointSerializer(serializers.Serializer):
    users = serializers.IntegerField()
    cost = serializers.DecimalField(**MONEY, allow_null=True, help_text=_("A month."))
    plan = serializers.CharField(source="plan.slug", allow_null=True, default=None)
    is_estimate = serializers.BooleanField()


class StepSerializer(serializers.Serializer):
    users = serializers.IntegerField()
    before = serializers.CharField(source="before.slug", allow_null=True, default=None)
    after = serializers.CharField(source="after.slug", allow_null=True, default=None)


class VendorSeriesSerializer(serializers.Serializer):
    vendor = serializers.CharField(source="vendor.slug")
    vendor_name = serializers.CharField(source="vendor.name")
    color = serializers.SerializerMethodField(
        help_text=_("The colour the charts use for this vendor (#rrggbb).")
    )
    points = SeriesPointSerializer(many=True)
    steps = StepSerializer(many=True)

    def get_color(self, obj) -> str:
        return self.context["colors"][obj.vendor.pk]


class BreakEvenSerializer(serializers.Serializer):
    users = serializers.IntegerField()
    cheaper = serializers.CharField(source="cheaper.slug")
    dearer = serializers.CharField(source="dearer.slug")
    label = serializers.CharField()


class CurrencyGroupSerializer(serializers.Serializer):
    currency = serializers.CharField()
    series = serializers.SerializerMethodField()
    break_evens = BreakEvenSerializer(many=True)

    def get_series(self, obj) -> VendorSeriesSerializer(many=True):
        vendors = [series.vendor for series in obj.series]
        colors = dict(zip((v.pk for v in vendors), vendor_colors(vendors), strict=True))
        return VendorSeriesSerializer(obj.series, many=True, context={"colors": colors}).data


class CostSeriesSerializer(serializers.Serializer):
    users = serializers.ListField(child=serializers.IntegerField())
    groups = CurrencyGroupSerializer(
        many=True, help_text=_("One group per currency: one chart, one axis.")
    )
    unpriced_vendors = serializers.SerializerMethodField()

    def get_unpriced_vendors(self, obj) -> list[str]:
        return [vendor.slug for vendor in obj.unpriced_vendors]


class ContributionSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.slug")
    weight = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=4, decimal_places=1, allow_null=True)
    points = serializers.DecimalField(max_digits=5, decimal_places=2)


class VendorFitSerializer(serializers.Serializer):
    vendor = serializers.CharField(source="vendor.slug")
    vendor_name = serializers.CharField(source="vendor.name")
    rank = serializers.IntegerField()
    score = serializers.DecimalField(max_digits=5, decimal_places=2, help_text=_("Out of 10."))
    contributions = ContributionSerializer(many=True)


class FitSerializer(serializers.Serializer):
    weights = serializers.CharField(help_text=_("The weights used, as slug:weight pairs."))
    ranking = VendorFitSerializer(many=True)


class CandidateSerializer(serializers.Serializer):
    vendor = serializers.CharField(source="vendor.slug")
    vendor_name = serializers.CharField(source="vendor.name")
    rank = serializers.IntegerField(source="fit.rank")
    score = serializers.DecimalField(
        source="fit.score", max_digits=5, decimal_places=2, help_text=_("Fit, out of 10.")
    )
    contributions = ContributionSerializer(source="fit.contributions", many=True)
    plan = PlanCostSerializer(
        allow_null=True,
        help_text=_(
            "The cheapest qualifying plan that can be priced, for a year (`total`) and a month "
            "(`per_month`); null when none can."
        ),
    )
    unpriced = ExclusionSerializer(
        many=True, help_text=_("Qualifying plans that cannot be priced, and why.")
    )


class RuledOutVendorSerializer(serializers.Serializer):
    vendor = serializers.CharField(source="vendor.slug")
    vendor_name = serializers.CharField(source="vendor.name")
    reasons = serializers.ListField(child=serializers.CharField())


class DeciderSerializer(serializers.Serializer):
    criterion = serializers.CharField(source="criterion.slug")
    criterion_name = serializers.CharField(source="criterion.name")
    favours = serializers.CharField(source="favours.slug")
    points = serializers.DecimalField(max_digits=5, decimal_places=2)


class CloseCallSerializer(serializers.Serializer):
    sentence = serializers.CharField()
    leader = serializers.CharField(source="leader.vendor.slug")
    runner_up = serializers.CharField(source="runner_up.vendor.slug")
    gap = serializers.DecimalField(max_digits=5, decimal_places=2)
    cheaper = serializers.CharField(
        source="cheaper.vendor.slug",
        allow_null=True,
        default=None,
        help_text=_("Null when they cost the same or their costs cannot be compared."),
    )
    deciders = DeciderSerializer(many=True, help_text=_("The criteria that separate them."))


class RecommendationSerializer(serializers.Serializer):
    needs = NeedsSerializer()
    weights = serializers.SerializerMethodField(
        help_text=_("The weights used, as slug:weight pairs.")
    )
    close_call_margin = serializers.DecimalField(
        source="margin",
        max_digits=4,
        decimal_places=2,
        help_text=_("Fits this close (out of 10) are a close call."),
    )
    candidates = CandidateSerializer(
        many=True, help_text=_("The CRMs that meet the must-haves, best fit first.")
    )
    ruled_out = RuledOutVendorSerializer(many=True)
    close_call = CloseCallSerializer(allow_null=True)

    def get_weights(self, obj) -> str:
        return format_weights(obj.weights)


class PriceChangeSerializer(serializers.Serializer):
    date = serializers.DateField(source="day")
    price = serializers.DecimalField(**MONEY, allow_null=True)
    currency = serializers.CharField()
    billing_period = serializers.CharField()
    pricing_unit = serializers.CharField()
    is_from_price = serializers.BooleanField()


class PlanHistorySerializer(serializers.Serializer):
    plan = serializers.CharField(source="plan.slug")
    plan_name = serializers.CharField(source="plan.name")
    kind = serializers.CharField(source="plan.kind")
    changes = PriceChangeSerializer(many=True, help_text=_("Oldest first, one per price change."))


class PriceHistorySerializer(serializers.Serializer):
    vendor = serializers.CharField()
    plans = PlanHistorySerializer(many=True)


# --- Views ------------------------------------------------------------------------------------

# Errors (400 naming each parameter, 404 for an unknown slug in the path, ...) are
# documented for every API view by ApiAutoSchema.
SLUG = OpenApiParameter("slug", OpenApiTypes.STR, OpenApiParameter.PATH)


class ToolView(CatalogueViewSetMixin, APIView):
    """Read-only and open to anyone; like the catalogue endpoints, it takes ?lang=,
    answers conditional GETs on the data version and documents its errors.

    Its query parameters are the pages' forms (buyer_tools/forms.py): the tool's
    own, and `ToolVendorsForm` (?vendors=) where the path names no comparison.
    `query_forms` lists them for the schema and the response cache's key.
    """

    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]
    query_forms: tuple[type[QueryForm], ...] = ()

    def tool_vendors(self, slug: str | None, *query_forms) -> list:
        """The comparison's vendors, or those ?vendors= picks; checks `query_forms`
        with the picks, so that one 400 names every wrong parameter."""
        if slug is None:
            picks = ToolVendorsForm(self.request.query_params)
            check_query(picks, *query_forms)
            return picks.picked
        check_query(*query_forms)
        try:
            comparison = selectors.tool_comparison(slug=slug)
        except Comparison.DoesNotExist:
            raise Http404 from None
        return selectors.comparison_vendors(comparison)


class CostMixin:
    def get(self, request, slug=None):
        query = CostForm(request.query_params)
        vendors = self.tool_vendors(slug, query)
        plans = selectors.pricing_plans(vendors=vendors)
        musts = team_must_haves(vendors=vendors, features=query.needed_features)
        needs = replace(query.needs, must_haves=musts)
        result = compare_costs(vendors=vendors, plans=plans, needs=needs)
        return Response(CostSerializer(result).data)


class CostSeriesMixin:
    def get(self, request, slug=None):
        query = CostSeriesForm(request.query_params)
        vendors = self.tool_vendors(slug, query)
        plans = selectors.pricing_plans(vendors=vendors)
        musts = team_must_haves(vendors=vendors, features=query.needed_features)
        series = cost_series(
            vendors=vendors, plans=plans, users=query.chart_users, must_haves=musts, **query.team
        )
        return Response(CostSeriesSerializer(series).data)


class RecommendationMixin:
    def get(self, request, slug=None):
        vendors = self.tool_vendors(slug)
        # The weights name criteria: they are checked once the criteria are read.
        criteria, assessments = selectors.fit_inputs(vendors=vendors)
        query = RecommendationForm(request.query_params, criteria=criteria)
        check_query(query)
        musts = team_must_haves(vendors=vendors, features=query.needed_features)
        answer = recommend(
            vendors=vendors,
            plans=selectors.pricing_plans(vendors=vendors),
            criteria=criteria,
            assessments=assessments,
            weights=query.chosen_weights,
            needs=replace(query.needs, must_haves=musts),
        )
        return Response(RecommendationSerializer(answer).data)


class FitMixin:
    def get(self, request, slug=None):
        vendors = self.tool_vendors(slug)
        # The weights name criteria: they are checked once the criteria are read.
        criteria, assessments = selectors.fit_inputs(vendors=vendors)
        query = FitForm(request.query_params, criteria=criteria)
        check_query(query)
        weights = query.chosen_weights
        ranking = rank_by_fit(
            vendors=vendors, criteria=criteria, assessments=assessments, weights=weights
        )
        fit = {"weights": format_weights(weights), "ranking": ranking}
        return Response(FitSerializer(fit).data)


COST_DOC = {
    "summary": "What each vendor costs a team",
    "description": (
        "For each vendor: the cheapest plan that covers the users, contacts and must-have "
        "features (`need`: a plan below the tier a feature starts from does not qualify, an "
        "add-on a feature takes is added to the total, and a feature the vendor lacks or the "
        "data says nothing about rules the vendor out, in `unmet_needs`), its total for "
        "the period and per month with the arithmetic line by line, the plans ruled out and why, "
        "the plans that cannot be priced and why, and optional add-ons. Totals in different "
        "currencies are ranked separately."
    ),
    "responses": {200: CostSerializer},
}
SERIES_DOC = {
    "summary": "Monthly cost by number of users (chart data)",
    "description": (
        "For each team size in the range: each vendor's cheapest fitting plan and its monthly "
        "cost, the steps where the plan changes and the break-even points, grouped by currency."
    ),
    "responses": {200: CostSeriesSerializer},
}
FIT_DOC = {
    "summary": "Vendors ranked by the buyer's weights",
    "description": (
        "Weighted mean of the editors' scores (0–10); each criterion's contribution adds up to "
        "the score. A criterion not assessed for a vendor counts as 0."
    ),
    "responses": {200: FitSerializer},
}


RECOMMENDATION_DOC = {
    "summary": "One recommendation for a team",
    "description": (
        "The CRMs whose plans meet the must-have features (`need`), ranked by the weighted fit "
        "of the editors' scores, each with its cheapest qualifying plan and what it costs a "
        "month and a year (the arithmetic line by line, add-ons the must-haves take included); "
        "the CRMs ruled out and why; and, when the first two fits are within "
        "`close_call_margin` of each other, a close call saying which costs the team less and "
        "which criteria separate them. The same functions as the cost and fit endpoints."
    ),
    "responses": {200: RecommendationSerializer},
}


@extend_schema(parameters=[SLUG], **COST_DOC)
class ComparisonCostView(CostMixin, ToolView):
    query_forms = (CostForm,)


@extend_schema(**COST_DOC)
class PickedCostView(CostMixin, ToolView):
    query_forms = (ToolVendorsForm, CostForm)


@extend_schema(parameters=[SLUG], **SERIES_DOC)
class ComparisonCostSeriesView(CostSeriesMixin, ToolView):
    query_forms = (CostSeriesForm,)


@extend_schema(**SERIES_DOC)
class PickedCostSeriesView(CostSeriesMixin, ToolView):
    query_forms = (ToolVendorsForm, CostSeriesForm)


@extend_schema(parameters=[SLUG], **FIT_DOC)
class ComparisonFitView(FitMixin, ToolView):
    query_forms = (FitForm,)


@extend_schema(**FIT_DOC)
class PickedFitView(FitMixin, ToolView):
    query_forms = (ToolVendorsForm, FitForm)


@extend_schema(parameters=[SLUG], **RECOMMENDATION_DOC)
class ComparisonRecommendationView(RecommendationMixin, ToolView):
    query_forms = (RecommendationForm,)


@extend_schema(**RECOMMENDATION_DOC)
class PickedRecommendationView(RecommendationMixin, ToolView):
    query_forms = (ToolVendorsForm, RecommendationForm)


@extend_schema(
    summary="A vendor's price history (chart data)",
    description="Each plan's recorded prices, oldest first, one entry per change of price.",
    parameters=[SLUG],
    responses={200: PriceHistorySerializer},
)
class PriceHistoryView(ToolView):
    def get(self, request, slug):
        try:
            vendor = Vendor.objects.get(slug=slug)
        except Vendor.DoesNotExist:
            raise Http404 from None
        plans, records = selectors.plan_price_history(vendor=vendor)
        histories = plan_histories(plans, records)
        return Response(PriceHistorySerializer({"vendor": vendor.slug, "plans": histories}).data)
