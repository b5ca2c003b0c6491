"""API of the buyer tools: cost, cost series, fit and price history.

The same pure functions as the pages (pricing, series, fit), so the API and
the pages never disagree. Read-only, open to anyone, cached on the data
version like the other endpoints (ETag, Last-Modified, ?lang=).
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from comparisons import selectors
from comparisons.api.views import CatalogueViewSetMixin
from comparisons.models import Comparison, Vendor

from ..charts import vendor_colors
from ..fit import WeightsError, format_weights, parse_weights, rank_by_fit
from ..forms import (
    COST_DEFAULTS,
    MAX_CHART_SIZES,
    MAX_CHART_USERS,
    MAX_CONTACTS,
    MAX_MONTHS,
    MAX_USERS,
    MAX_VENDORS,
)
from ..pricing import BILLING_CHOICES, TeamNeeds, compare_costs
from ..series import cost_series, plan_histories

MONEY = {"max_digits": 16, "decimal_places": 2}

# --- Query parameters ----------------------------------------------------------------------


class QuerySerializer(serializers.Serializer):
    """Query parameters, refused when blank (`?billing=`) unless a field allows it:
    DRF would otherwise quietly take the default for an optional one."""

    def to_internal_value(self, data):
        blank = [
            name
            for name, field in self.fields.items()
            if data.get(name) == "" and not getattr(field, "allow_blank", False)
        ]
        if blank:
            raise ValidationError({name: [_("This parameter cannot be blank.")] for name in blank})
        return super().to_internal_value(data)


class NeedsQuerySerializer(QuerySerializer):
    users = serializers.IntegerField(
        min_value=1,
        max_value=MAX_USERS,
        help_text=_("Number of users (at least 1)."),
        error_messages={
            "min_value": _("Enter at least 1 user."),
            "required": _("Enter the number of users."),
        },
    )
    contacts = serializers.IntegerField(
        min_value=0,
        max_value=MAX_CONTACTS,
        default=0,
        help_text=_("Number of contacts in the CRM."),
        error_messages={"min_value": _("The number of contacts cannot be negative.")},
    )
    months = serializers.IntegerField(
        min_value=1,
        max_value=MAX_MONTHS,
        default=COST_DEFAULTS["months"],
        help_text=_("Period to price, in months."),
        error_messages={"min_value": _("Enter a period of at least 1 month.")},
    )
    billing = serializers.ChoiceField(
        choices=BILLING_CHOICES,
        default=COST_DEFAULTS["billing"],
        help_text=_("Billing preference: any, month (monthly only) or year (yearly only)."),
    )

    def needs(self) -> TeamNeeds:
        return TeamNeeds(**{key: self.validated_data[key] for key in TeamNeeds.__annotations__})


class SeriesQuerySerializer(NeedsQuerySerializer):
    users = None  # the series runs over a range of team sizes instead
    users_from = serializers.IntegerField(
        min_value=1, max_value=MAX_CHART_USERS, default=COST_DEFAULTS["users_from"]
    )
    users_to = serializers.IntegerField(
        min_value=2, max_value=MAX_CHART_USERS, default=COST_DEFAULTS["users_to"]
    )

    def validate(self, attrs):
        if attrs["users_to"] <= attrs["users_from"]:
            raise ValidationError(
                {"users_to": [_("The chart must end at more users than it starts with.")]}
            )
        if attrs["users_to"] - attrs["users_from"] + 1 > MAX_CHART_SIZES:
            raise ValidationError(
                {
                    "users_to": [
                        _("The chart shows at most %(count)s team sizes.")
                        % {"count": MAX_CHART_SIZES}
                    ]
                }
            )
        return attrs


class FitQuerySerializer(QuerySerializer):
    weights = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text=_(
            "Weights from 0 to 5 as criterion-slug:weight pairs separated by commas, "
            "e.g. ease-of-use:5,value-for-money:3. Criteria not named keep their default weight."
        ),
    )


class SlugListField(serializers.ListField):
    """A repeated slug parameter; errors are one flat list of messages naming the values."""

    def run_child_validation(self, data):
        try:
            return super().run_child_validation(data)
        except ValidationError as error:
            raise ValidationError(
                [
                    _("“%(value)s” is not a valid slug.") % {"value": data[int(index)]}
                    for index in error.detail
                ]
            ) from error


class VendorsQueryMixin(QuerySerializer):
    vendors = SlugListField(
        child=serializers.SlugField(),
        min_length=1,
        max_length=MAX_VENDORS,
        help_text=_("Vendor slugs, repeated: ?vendors=zoho-crm&vendors=hubspot."),
    )

    def validate_vendors(self, slugs):
        found = selectors.vendors_by_slugs(slugs=slugs)
        unknown = sorted(set(slugs) - {vendor.slug for vendor in found})
        if unknown:
            raise ValidationError(
                [_("“%(value)s” is not a CRM we cover.") % {"value": slug} for slug in unknown]
            )
        return found


class PickedNeedsQuerySerializer(VendorsQueryMixin, NeedsQuerySerializer):
    pass


class PickedSeriesQuerySerializer(VendorsQueryMixin, SeriesQuerySerializer):
    pass


class PickedFitQuerySerializer(VendorsQueryMixin, FitQuerySerializer):
    pass


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
    answers conditional GETs on the data version and documents its errors."""

    permission_classes = [AllowAny]
    http_method_names = ["get", "head", "options"]
    query_serializer_class: type[serializers.Serializer]

    def query(self, request) -> dict:
        query = self.query_serializer_class(data=request.query_params)
        query.is_valid(raise_exception=True)
        self.query_serializer = query
        return query.validated_data

    def vendors(self, request, query, slug=None):
        if slug is None:
            return query["vendors"]
        try:
            comparison = selectors.tool_comparison(slug=slug)
        except Comparison.DoesNotExist:
            raise Http404 from None
        return selectors.comparison_vendors(comparison)


class CostMixin:
    def get(self, request, slug=None):
        query = self.query(request)
        vendors = self.vendors(request, query, slug)
        result = compare_costs(
            vendors=vendors,
            plans=selectors.pricing_plans(vendors=vendors),
            needs=self.query_serializer.needs(),
        )
        return Response(CostSerializer(result).data)


class CostSeriesMixin:
    def get(self, request, slug=None):
        query = self.query(request)
        vendors = self.vendors(request, query, slug)
        series = cost_series(
            vendors=vendors,
            plans=selectors.pricing_plans(vendors=vendors),
            users=range(query["users_from"], query["users_to"] + 1),
            contacts=query["contacts"],
            months=query["months"],
            billing=query["billing"],
        )
        return Response(CostSeriesSerializer(series).data)


class FitMixin:
    def get(self, request, slug=None):
        query = self.query(request)
        vendors = self.vendors(request, query, slug)
        criteria, assessments = selectors.fit_inputs(vendors=vendors)
        try:
            weights = parse_weights(query["weights"], criteria)
            ranking = rank_by_fit(
                vendors=vendors, criteria=criteria, assessments=assessments, weights=weights
            )
        except WeightsError as error:
            raise ValidationError({"weights": [str(error)]}) from None
        return Response(
            FitSerializer({"weights": format_weights(weights), "ranking": ranking}).data
        )


COST_DOC = {
    "summary": "What each vendor costs a team",
    "description": (
        "For each vendor: the cheapest plan that covers the users and contacts, its total for "
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


@extend_schema(parameters=[SLUG, NeedsQuerySerializer], **COST_DOC)
class ComparisonCostView(CostMixin, ToolView):
    query_serializer_class = NeedsQuerySerializer


@extend_schema(parameters=[PickedNeedsQuerySerializer], **COST_DOC)
class PickedCostView(CostMixin, ToolView):
    query_serializer_class = PickedNeedsQuerySerializer


@extend_schema(parameters=[SLUG, SeriesQuerySerializer], **SERIES_DOC)
class ComparisonCostSeriesView(CostSeriesMixin, ToolView):
    query_serializer_class = SeriesQuerySerializer


@extend_schema(parameters=[PickedSeriesQuerySerializer], **SERIES_DOC)
class PickedCostSeriesView(CostSeriesMixin, ToolView):
    query_serializer_class = PickedSeriesQuerySerializer


@extend_schema(parameters=[SLUG, FitQuerySerializer], **FIT_DOC)
class ComparisonFitView(FitMixin, ToolView):
    query_serializer_class = FitQuerySerializer


@extend_schema(parameters=[PickedFitQuerySerializer], **FIT_DOC)
class PickedFitView(FitMixin, ToolView):
    query_serializer_class = PickedFitQuerySerializer


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
