"""FilterSets and strict search/ordering for the API.

Every parameter is validated: a value the schema does not allow gets 400 naming
the parameter, never a silently ignored filter.
"""

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import filters as drf_filters
from rest_framework.exceptions import ValidationError

from ..models import (
    Assessment,
    Comparison,
    FAQEntry,
    Feature,
    FeatureAvailability,
    Plan,
    Source,
)

SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
PRICE_MAX = 1_000_000_000
ID_MAX = 2_147_483_647


class StrictBooleanField(forms.Field):
    """Only "true" and "false": anything else is an error, not "no filter"."""

    default_error_messages = {"invalid": _("Enter true or false.")}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value == "true":
            return True
        if value == "false":
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


@extend_schema_field({"type": "string", "pattern": SLUG_PATTERN})
class SlugFilter(django_filters.CharFilter):
    field_class = forms.SlugField


@extend_schema_field({"type": "string", "pattern": CURRENCY_PATTERN})
class CurrencyFilter(django_filters.CharFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "validators",
            [RegexValidator(CURRENCY_PATTERN, _("Enter an ISO 4217 code such as USD or EUR."))],
        )
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "number", "minimum": 0, "maximum": PRICE_MAX})
class PriceFilter(django_filters.NumberFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", PRICE_MAX)
        super().__init__(*args, **kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": ID_MAX})
class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(*args, **kwargs)


class StrictFilterSet(django_filters.FilterSet):
    """A blank value for a filter is an error too (the schema promises a non-empty value)."""

    def is_valid(self):
        valid = super().is_valid()
        for name in self.filters:
            if name in self.data and self.data.get(name) == "":
                self.form.add_error(name, _("This parameter cannot be blank."))
                valid = False
        return valid


class VerifiedFactFilter(StrictFilterSet):
    needs_checking = StrictBooleanFilter(
        method="filter_needs_checking",
        help_text=_(
            "true: facts not verified for STALE_AFTER_DAYS or whose source changed since "
            "they were verified; false: the others."
        ),
    )

    def filter_needs_checking(self, queryset, name, value):
        return queryset.needs_checking() if value else queryset.up_to_date()


class PlanFilter(VerifiedFactFilter):
    vendor = SlugFilter(field_name="vendor__slug", help_text=_("Vendor slug."))
    currency = CurrencyFilter(help_text=_("ISO 4217 currency code, e.g. USD."))
    billing_period = django_filters.ChoiceFilter(choices=Plan.BillingPeriod.choices)
    pricing_unit = django_filters.ChoiceFilter(choices=Plan.PricingUnit.choices)
    kind = django_filters.ChoiceFilter(choices=Plan.Kind.choices)
    price_min = PriceFilter(
        field_name="price", lookup_expr="gte", help_text=_("Price at least this amount.")
    )
    price_max = PriceFilter(
        field_name="price", lookup_expr="lte", help_text=_("Price at most this amount.")
    )
    free = StrictBooleanFilter(field_name="is_free", help_text=_("Free plans only, or paid only."))

    class Meta:
        model = Plan
        fields = []


class PlanPriceHistoryFilter(StrictFilterSet):
    vendor = SlugFilter(field_name="vendor__slug", help_text=_("Vendor slug."))
    plan = IdFilter(field_name="id", help_text=_("Plan id."))
    currency = CurrencyFilter(help_text=_("ISO 4217 currency code, e.g. USD."))

    class Meta:
        model = Plan.history.model
        fields = []


class FeatureFilter(StrictFilterSet):
    category = SlugFilter(field_name="category__slug", help_text=_("Feature category slug."))
    available_for = SlugFilter(
        method="filter_available_for",
        help_text=_("Vendor slug: only features this vendor offers (in any plan or as add-on)."),
    )

    class Meta:
        model = Feature
        fields = []

    def filter_available_for(self, queryset, name, value):
        offered = FeatureAvailability.objects.filter(vendor__slug=value).exclude(
            status=FeatureAvailability.Status.UNAVAILABLE
        )
        return queryset.filter(pk__in=offered.values("feature_id"))


class FeatureAvailabilityFilter(VerifiedFactFilter):
    vendor = SlugFilter(field_name="vendor__slug", help_text=_("Vendor slug."))
    feature = SlugFilter(field_name="feature__slug", help_text=_("Feature slug."))
    category = SlugFilter(
        field_name="feature__category__slug", help_text=_("Feature category slug.")
    )
    status = django_filters.ChoiceFilter(choices=FeatureAvailability.Status.choices)

    class Meta:
        model = FeatureAvailability
        fields = []


class AssessmentFilter(VerifiedFactFilter):
    vendor = SlugFilter(field_name="vendor__slug", help_text=_("Vendor slug."))
    criterion = SlugFilter(field_name="criterion__slug", help_text=_("Criterion slug."))

    class Meta:
        model = Assessment
        fields = []


class SourceFilter(StrictFilterSet):
    watched = StrictBooleanFilter(
        method="filter_watched", help_text=_("Sources whose page is watched (true) or not.")
    )

    class Meta:
        model = Source
        fields = []

    def filter_watched(self, queryset, name, value):
        watched = queryset.watched()
        return watched if value else queryset.exclude(pk__in=watched.values("pk"))


class ComparisonFilter(StrictFilterSet):
    vendor = SlugFilter(
        field_name="vendors__slug", help_text=_("Vendor slug: comparisons including it.")
    )
    published = StrictBooleanFilter(
        field_name="is_published",
        help_text=_("Published or draft (drafts are visible to editors only)."),
    )

    class Meta:
        model = Comparison
        fields = []


class FAQEntryFilter(StrictFilterSet):
    comparison = SlugFilter(field_name="comparison__slug", help_text=_("Comparison slug."))
    general = StrictBooleanFilter(
        field_name="comparison",
        lookup_expr="isnull",
        help_text=_("General questions (true) or questions on a comparison (false)."),
    )

    class Meta:
        model = FAQEntry
        fields = []


class StrictSearchFilter(drf_filters.SearchFilter):
    def get_search_terms(self, request):
        try:
            return super().get_search_terms(request)
        except ValidationError as error:
            raise ValidationError({self.search_param: error.detail}) from error

    def get_schema_operation_parameters(self, view):
        if not getattr(view, "search_fields", None):
            return []
        parameters = super().get_schema_operation_parameters(view)
        parameters[0]["schema"]["pattern"] = r"^[^\u0000]*$"
        return parameters


def _nulls_last(term: str):
    if term.startswith("-"):
        return F(term[1:]).desc(nulls_last=True)
    return F(term).asc(nulls_last=True)


class StrictOrderingFilter(drf_filters.OrderingFilter):
    """Unknown ordering fields get 400; every ordering ends with the primary key, for
    a stable order across pages."""

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw is None:
            ordering = list(
                self.get_default_ordering(view)
                or queryset.query.order_by
                or queryset.model._meta.ordering
            )
        else:
            terms = raw.split(",")
            valid = self.remove_invalid_fields(queryset, terms, view, request)
            if not raw or len(valid) != len(terms):
                raise ValidationError(
                    {
                        self.ordering_param: [
                            _("Order by one or more of: %(fields)s (prefix - to reverse).")
                            % {"fields": ", ".join(self._field_names(queryset, view, request))}
                        ]
                    }
                )
            ordering = valid
        return [*ordering, "pk"]

    def filter_queryset(self, request, queryset, view):
        # Empty values (an unpublished price) last in both directions, on every database.
        return queryset.order_by(*map(_nulls_last, self.get_ordering(request, queryset, view)))

    def _field_names(self, queryset, view, request):
        return [item[0] for item in self.get_valid_fields(queryset, view, {"request": request})]

    def get_schema_operation_parameters(self, view):
        fields = [
            item if isinstance(item, str) else item[0]
            for item in getattr(view, "ordering_fields", None) or []
        ]
        if not fields:
            return []
        parameters = super().get_schema_operation_parameters(view)
        term = "-?(" + "|".join(fields) + ")"
        parameters[0]["schema"]["pattern"] = f"^{term}(,{term})*$"
        parameters[0]["description"] = str(
            _("Order by one or more of: %(fields)s (prefix - to reverse).")
            % {"fields": ", ".join(fields)}
        )
        return parameters
