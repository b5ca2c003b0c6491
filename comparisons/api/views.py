"""The API's viewsets: thin, each a selector, a FilterSet and a serializer.

Shared behaviour lives in `CatalogueViewSetMixin`: language from ?lang= or
Accept-Language, conditional requests (see conditional.py), atomic writes,
409 for deletes that other data refers to.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import ProtectedError
from django.http import Http404
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, OpenApiTypes, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed, NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from core.query_parameters import QueryParameters

from .. import selectors as page_selectors
from ..exports import csv_columns, table_to_rows
from ..models import Comparison
from . import selectors
from .comparison_serializers import ComparisonDetailSerializer, ComparisonSerializer
from .conditional import current_validators, evaluate_preconditions
from .errors import Conflict, NotModified
from .filters import (
    AssessmentFilter,
    ComparisonFilter,
    FAQEntryFilter,
    FeatureAvailabilityFilter,
    FeatureFilter,
    PlanFilter,
    PlanPriceHistoryFilter,
    SourceFilter,
    StrictOrderingFilter,
    StrictSearchFilter,
)
from .pagination import StrictLimitOffsetPagination
from .query import read_query_parameters
from .renderers import SpreadsheetCSVRenderer
from .schema import ApiAutoSchema
from .serializers import (
    AssessmentSerializer,
    CriterionSerializer,
    FAQEntrySerializer,
    FeatureAvailabilitySerializer,
    FeatureCategorySerializer,
    FeatureSerializer,
    PlanPriceHistorySerializer,
    PlanSerializer,
    VendorSerializer,
    WatchedSourceSerializer,
)

SLUG_REGEX = r"[-a-zA-Z0-9_]+"


class ApiViewMixin:
    """Every API view: the documented schema, 405 before authentication, the language."""

    schema = ApiAutoSchema()
    # Whether If-None-Match and If-Match are answered (304, 412); the schema says so.
    conditional_requests = False

    @classmethod
    def as_view(cls, *args, **initkwargs):
        view = super().as_view(*args, **initkwargs)
        view.query_parameters = QueryParameters.of(read_query_parameters(cls, initkwargs))
        return view

    def initial(self, request, *args, **kwargs):
        self._activate_requested_language(request)
        # 405 before authentication: a method the endpoint lacks is not a permission matter.
        if getattr(self, request.method.lower(), None) is None:
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        # Django's Http404 carries an untranslated "No Vendor matches the given query.".
        if isinstance(exc, Http404):
            exc = NotFound()
        return super().handle_exception(exc)

    def _activate_requested_language(self, request):
        lang = request.query_params.get("lang")
        if lang is None:
            # LocaleMiddleware pins unprefixed URLs to LANGUAGE_CODE (the pages' rule);
            # the API has no language prefix, so the client's headers decide.
            lang = translation.get_language_from_request(request._request)
        if lang not in dict(settings.LANGUAGES):
            codes = ", ".join(code for code, _name in settings.LANGUAGES)
            raise ValidationError({"lang": [_("Choose one of: %(codes)s.") % {"codes": codes}]})
        translation.activate(lang)
        request.LANGUAGE_CODE = lang

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # The language the view answered in (?lang= included), not LocaleMiddleware's
        # guess; set here so a cached copy keeps its own.
        response.headers.setdefault("Content-Language", translation.get_language())
        return response


class SchemaView(ApiViewMixin, SpectacularAPIView):
    """The OpenAPI schema, its descriptions in the language asked for (?lang= or
    Accept-Language); its names are the same in every language."""

    schema = None

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON like everywhere else in the API, not YAML.
        if response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)


class CatalogueViewSetMixin(ApiViewMixin):
    conditional_requests = True
    pagination_class = StrictLimitOffsetPagination
    filter_backends = [DjangoFilterBackend, StrictSearchFilter, StrictOrderingFilter]

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        evaluate_preconditions(request)

    def handle_exception(self, exc):
        if isinstance(exc, NotModified):
            return exc.response
        if isinstance(exc, ProtectedError):
            exc = Conflict()
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code in (200, 304):
            etag, last_modified = current_validators(request)
            response.headers.setdefault("ETag", etag)
            response.headers.setdefault("Last-Modified", http_date(last_modified))
        # The ETag depends on the user, and token users are told apart by this header.
        patch_vary_headers(response, ["Authorization"])
        return response


class CatalogueViewSet(CatalogueViewSetMixin, viewsets.ModelViewSet):
    """Read by anyone; written by users with the model's add/change/delete permission.

    Each write is one transaction: nothing is half-saved.
    """

    @transaction.atomic
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    @transaction.atomic
    def update(self, request, *args, **kwargs):
        return super().update(request, *args, **kwargs)

    @transaction.atomic
    def destroy(self, request, *args, **kwargs):
        return super().destroy(request, *args, **kwargs)


class VendorViewSet(CatalogueViewSet):
    """CRM vendors."""

    queryset = selectors.vendors()
    serializer_class = VendorSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    search_fields = ["name", "summary", "best_for"]
    ordering_fields = ["name", "slug", "updated_at"]
    ordering = ["name"]


class PlanViewSet(CatalogueViewSet):
    """Vendors' plans and add-ons with their prices and limits."""

    queryset = selectors.plans()
    serializer_class = PlanSerializer
    filterset_class = PlanFilter
    search_fields = ["name", "description", "vendor__name"]
    ordering_fields = ["price", "name", "position", "last_verified", "updated_at"]
    ordering = ["vendor__name", "position", "name"]


class PlanPriceHistoryViewSet(CatalogueViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Every saved version of every plan (price and terms), newest first."""

    queryset = selectors.plan_price_history()
    serializer_class = PlanPriceHistorySerializer
    filterset_class = PlanPriceHistoryFilter
    lookup_field = "history_id"
    ordering_fields = ["history_date", "price"]
    ordering = ["-history_date", "-history_id"]


class FeatureCategoryViewSet(CatalogueViewSet):
    """Groups of features in the matrix."""

    queryset = selectors.feature_categories()
    serializer_class = FeatureCategorySerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    search_fields = ["name"]
    ordering_fields = ["position", "name"]
    ordering = ["position", "name"]


class FeatureViewSet(CatalogueViewSet):
    """Features compared across vendors, with their category."""

    queryset = selectors.features()
    serializer_class = FeatureSerializer
    filterset_class = FeatureFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    search_fields = ["name", "description"]
    ordering_fields = ["position", "name"]
    ordering = ["category__position", "position", "name"]


class FeatureAvailabilityViewSet(CatalogueViewSet):
    """Whether each vendor offers each feature (the cells of the feature matrix)."""

    queryset = selectors.feature_availabilities()
    serializer_class = FeatureAvailabilitySerializer
    filterset_class = FeatureAvailabilityFilter
    search_fields = ["note", "feature__name"]
    ordering_fields = ["status", "last_verified", "updated_at"]
    ordering = ["vendor__name", "feature__category__position", "feature__position"]


class CriterionViewSet(CatalogueViewSet):
    """What buyers weigh when choosing a CRM."""

    queryset = selectors.criteria()
    serializer_class = CriterionSerializer
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    search_fields = ["name", "description"]
    ordering_fields = ["position", "name", "default_weight"]
    ordering = ["position", "name"]


class AssessmentViewSet(CatalogueViewSet):
    """Each vendor's verdict and score (0 to 10) on each criterion."""

    queryset = selectors.assessments()
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    search_fields = ["verdict", "text"]
    ordering_fields = ["score", "last_verified", "updated_at"]
    ordering = ["criterion__position", "vendor__name"]


class SourceViewSet(CatalogueViewSetMixin, viewsets.ReadOnlyModelViewSet):
    """Where facts come from, and when each watched page was last checked and last changed.

    The watch settings are shown to editors only, and edited in the admin.
    """

    queryset = selectors.sources()
    serializer_class = WatchedSourceSerializer
    filterset_class = SourceFilter
    search_fields = ["title", "publisher"]
    ordering_fields = ["title", "checked_at", "changed_at"]
    ordering = ["title"]


class EditorsSeeDraftsMixin:
    """Anonymous clients and readers see published content; editors also drafts."""

    draft_permission = "comparisons.change_comparison"

    def include_unpublished(self) -> bool:
        return self.request.user.has_perm(self.draft_permission)


class ComparisonViewSet(EditorsSeeDraftsMixin, CatalogueViewSet):
    """Editor-curated comparisons; the detail carries the side-by-side table."""

    serializer_class = ComparisonSerializer
    filterset_class = ComparisonFilter
    lookup_field = "slug"
    lookup_value_regex = SLUG_REGEX
    search_fields = ["title", "intro"]
    ordering_fields = ["updated_on", "published_on", "title"]
    ordering = ["-updated_on", "title"]

    def get_queryset(self):
        return selectors.comparisons(include_unpublished=self.include_unpublished())

    def get_serializer_class(self):
        if self.action == "retrieve":
            return ComparisonDetailSerializer
        return super().get_serializer_class()

    def _comparison_with_table(self):
        try:
            comparison = page_selectors.comparison_detail(
                slug=self.kwargs["slug"], include_unpublished=self.include_unpublished()
            )
        except Comparison.DoesNotExist as error:
            raise Http404 from error
        table = page_selectors.comparison_table(
            vendors=page_selectors.comparison_vendors(comparison),
            sections=comparison.sections.all(),
        )
        return comparison, table

    def retrieve(self, request, *args, **kwargs):
        comparison, table = self._comparison_with_table()
        context = {**self.get_serializer_context(), "table": table}
        return Response(ComparisonDetailSerializer(comparison, context=context).data)

    def get_renderer_context(self):
        context = super().get_renderer_context()
        if columns := getattr(self, "csv_columns", None):
            context.update(header=list(columns), labels=columns)  # the CSV's columns, in order
        return context

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors of the CSV download are JSON like everywhere else in the API.
        if self.action == "csv" and response.status_code >= 400:
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    @extend_schema(
        summary="Side-by-side table as CSV",
        description=(
            "One row per feature and per criterion, one column per vendor in the "
            "comparison's order, then the winner of each criterion."
        ),
        filters=False,
        responses={
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV file"),
        },
    )
    @action(
        detail=True,
        url_path="csv",
        url_name="csv",
        renderer_classes=[SpreadsheetCSVRenderer],
        pagination_class=None,
        filter_backends=[],
    )
    def csv(self, request, *args, **kwargs):
        comparison, table = self._comparison_with_table()
        self.csv_columns = csv_columns(table)
        return Response(
            table_to_rows(table),
            headers={"Content-Disposition": f'attachment; filename="{comparison.slug}.csv"'},
        )


class FAQEntryViewSet(EditorsSeeDraftsMixin, CatalogueViewSet):
    """Questions and answers, on a comparison or general."""

    serializer_class = FAQEntrySerializer
    filterset_class = FAQEntryFilter
    search_fields = ["question", "answer"]
    ordering_fields = ["position"]
    ordering = ["comparison_id", "position", "id"]

    def get_queryset(self):
        return selectors.faq_entries(include_unpublished=self.include_unpublished())
