"""Comparisons: the editable fields, and the side-by-side table of the public page.

The table part serializes `tables.ComparisonTable` as built by
`selectors.comparison_table`, the code behind the public page.
"""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Comparison, ComparisonVendor, Vendor
from .serializers import SLUG_RE, ModelCleanMixin, SlugReferenceField, SourceSerializer


class ComparedVendorsField(serializers.Field):
    """Reads the prefetched `comparison_vendors` links; writes a list of vendor slugs."""

    default_error_messages = {
        "not_a_list": _("Give a list of vendor slugs."),
        "too_few": _("Compare at least two vendors."),
        "duplicate": _("A vendor appears twice."),
        "unknown": _("Unknown vendor slug: %(slugs)s."),
    }

    def to_representation(self, links):
        return [link.vendor.slug for link in links.all()]

    def to_internal_value(self, data):
        if not isinstance(data, list) or not all(
            isinstance(slug, str) and SLUG_RE.fullmatch(slug) for slug in data
        ):
            self.fail("not_a_list")
        if len(data) < 2:
            self.fail("too_few")
        if len(set(data)) != len(data):
            self.fail("duplicate")
        found = {vendor.slug: vendor for vendor in Vendor.objects.filter(slug__in=data)}
        missing = [slug for slug in data if slug not in found]
        if missing:
            # Not self.fail(): it fills in str.format() fields, and the catalogues hold %(slugs)s.
            message = self.error_messages["unknown"] % {"slugs": ", ".join(missing)}
            raise serializers.ValidationError(message, code="unknown")
        return [found[slug] for slug in data]


class ComparisonSerializer(ModelCleanMixin, serializers.ModelSerializer):
    vendors = ComparedVendorsField(source="comparison_vendors")
    overall_winner = SlugReferenceField(
        slug_field="slug",
        queryset=Vendor.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Slug of the overall winner, one of the vendors; empty for none."),
    )
    html_url = serializers.CharField(source="get_absolute_url", read_only=True)
    csv_url = serializers.SerializerMethodField()

    class Meta:
        model = Comparison
        fields = [
            "slug",
            "title",
            "intro",
            "conclusion",
            "vendors",
            "overall_winner",
            "author_name",
            "author_bio",
            "is_published",
            "published_on",
            "updated_on",
            "html_url",
            "csv_url",
            "updated_at",
        ]

    def get_csv_url(self, obj) -> str:
        return reverse("api:comparison-csv", kwargs={"slug": obj.slug})

    def validate(self, attrs):
        attrs = super().validate(attrs)
        winner = attrs.get("overall_winner", getattr(self.instance, "overall_winner", None))
        if "comparison_vendors" in attrs:
            vendors = attrs["comparison_vendors"]
        elif self.instance is not None:
            vendors = [link.vendor for link in self.instance.comparison_vendors.all()]
        else:
            vendors = []
        if winner is not None and winner not in vendors:
            raise serializers.ValidationError(
                {"overall_winner": [_("The overall winner must be one of the vendors.")]}
            )
        return attrs

    @transaction.atomic
    def create(self, validated_data):
        vendors = validated_data.pop("comparison_vendors")
        comparison = super().create(validated_data)
        self._set_vendors(comparison, vendors)
        return comparison

    @transaction.atomic
    def update(self, instance, validated_data):
        vendors = validated_data.pop("comparison_vendors", None)
        comparison = super().update(instance, validated_data)
        if vendors is not None:
            self._set_vendors(comparison, vendors)
        return comparison

    def _set_vendors(self, comparison, vendors):
        comparison.comparison_vendors.all().delete()
        ComparisonVendor.objects.bulk_create(
            ComparisonVendor(comparison=comparison, vendor=vendor, position=position)
            for position, vendor in enumerate(vendors)
        )
        # Drop the stale prefetch so the response shows the new columns.
        getattr(comparison, "_prefetched_objects_cache", {}).pop("comparison_vendors", None)


class VendorRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()
    color = serializers.CharField()


class NamedRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class TablePlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    is_free = serializers.BooleanField()
    price = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    billing_period = serializers.CharField()
    billing_period_display = serializers.CharField(source="get_billing_period_display")
    pricing_unit = serializers.CharField()
    pricing_unit_display = serializers.CharField(source="get_pricing_unit_display")
    is_from_price = serializers.BooleanField()
    user_limit = serializers.IntegerField(allow_null=True)
    unlimited_users = serializers.BooleanField()
    contact_limit = serializers.IntegerField(allow_null=True)
    unlimited_contacts = serializers.BooleanField()
    last_verified = serializers.DateField()


class VendorColumnSerializer(serializers.Serializer):
    vendor = VendorRefSerializer()
    plans = TablePlanSerializer(many=True)
    price_from = TablePlanSerializer(allow_null=True)
    has_free_plan = serializers.BooleanField()
    pros = serializers.SerializerMethodField()
    cons = serializers.SerializerMethodField()
    overall_score = serializers.DecimalField(max_digits=4, decimal_places=2, allow_null=True)

    def get_pros(self, column) -> list[str]:
        return [item.text for item in column.pros]

    def get_cons(self, column) -> list[str]:
        return [item.text for item in column.cons]


class AvailabilityCellSerializer(serializers.Serializer):
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    plan = serializers.SlugField(source="plan.slug", allow_null=True)
    plan_name = serializers.CharField(source="plan.name", allow_null=True)
    note = serializers.CharField()
    quantity = serializers.IntegerField(allow_null=True)
    is_key = serializers.BooleanField()
    last_verified = serializers.DateField()


class AssessmentCellSerializer(serializers.Serializer):
    score = serializers.DecimalField(max_digits=3, decimal_places=1)
    verdict = serializers.CharField()
    last_verified = serializers.DateField()


class CellsField(serializers.ListField):
    """One cell per column; null where the vendor has no data."""

    def to_representation(self, data):
        return [None if cell is None else self.child.to_representation(cell) for cell in data]


class FeatureRowSerializer(serializers.Serializer):
    feature = NamedRefSerializer()
    all_equal = serializers.BooleanField()
    cells = CellsField(child=AvailabilityCellSerializer(allow_null=True))


class FeatureGroupSerializer(serializers.Serializer):
    category = NamedRefSerializer()
    rows = FeatureRowSerializer(many=True)


class CriterionRowSerializer(serializers.Serializer):
    criterion = NamedRefSerializer()
    all_equal = serializers.BooleanField()
    cells = CellsField(child=AssessmentCellSerializer(allow_null=True))
    section_title = serializers.CharField(source="section.title", allow_null=True)
    winner = serializers.SlugField(
        source="section.winner.slug",
        allow_null=True,
        help_text=_("Slug of the section's winner; null for a tie or no section."),
    )


class ComparisonTableSerializer(serializers.Serializer):
    columns = VendorColumnSerializer(many=True)
    feature_groups = FeatureGroupSerializer(many=True)
    criteria = CriterionRowSerializer(many=True)


class SectionSerializer(serializers.Serializer):
    title = serializers.CharField()
    body = serializers.CharField()
    criterion = serializers.SlugField(source="criterion.slug", allow_null=True)
    winner = serializers.SlugField(source="winner.slug", allow_null=True)


class FAQItemSerializer(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField()


class ComparisonDetailSerializer(ComparisonSerializer):
    """A comparison with everything its page shows, the table included."""

    sections = SectionSerializer(many=True, read_only=True)
    faq = FAQItemSerializer(source="faq_entries", many=True, read_only=True)
    sources = SourceSerializer(many=True, read_only=True)
    table = serializers.SerializerMethodField()

    class Meta(ComparisonSerializer.Meta):
        fields = [*ComparisonSerializer.Meta.fields, "sections", "faq", "sources", "table"]

    @extend_schema_field(ComparisonTableSerializer)
    def get_table(self, obj):
        return ComparisonTableSerializer(self.context["table"], context=self.context).data
