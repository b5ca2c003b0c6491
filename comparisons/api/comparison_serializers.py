"""Comparisons: the editable fields, and the side-by-side table of the public page.

The table part serializes `tables.ComparisonTable` as built by
`selectors.comparison_table`, the code behind the public page.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import services
from ..models import Comparison, Vendor
from .serializers import SLUG_RE, ModelCleanMixin, SlugReferenceField, SourceSerializer


class ComparedVendorsField(serializers.Field):
    """Reads the prefetched `comparison_vendors` links; writes a list of vendor slugs."""

    default_error_messages = {
        "not_a_list": _("Give a list of vendor slugs."),
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
        vendors = attrs.get("comparison_vendors")
        winner = attrs.get("overall_winner", getattr(self.instance, "overall_winner", None))
        try:
            if vendors is None:
                vendors = [link.vendor for link in self.instance.comparison_vendors.all()]
                sections = {}
            else:
                services.comparison_check_vendors(vendor_ids=[vendor.pk for vendor in vendors])
                # New columns must keep every vendor that wins a section.
                sections = (
                    services.comparison_section_winners(comparison=self.instance)
                    if self.instance
                    else {}
                )
            services.comparison_check_winners(
                vendor_ids=[vendor.pk for vendor in vendors],
                overall_winner_id=winner.pk if winner else None,
                section_winner_ids=sections,
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(_api_errors(error)) from error
        return attrs

    def create(self, validated_data):
        vendors = validated_data.pop("comparison_vendors")
        return services.comparison_create(vendors=vendors, **validated_data)

    def update(self, instance, validated_data):
        vendors = validated_data.pop("comparison_vendors", None)
        return services.comparison_update(comparison=instance, vendors=vendors, **validated_data)


def _api_errors(error: DjangoValidationError) -> dict[str, list[str]]:
    """The services' errors by request field: a section's (keyed by the section) on "vendors",
    the only field of this serializer that can put its winner out of the comparison."""
    errors: dict[str, list[str]] = {}
    for key, messages in error.message_dict.items():
        if isinstance(key, str):
            errors.setdefault(key, []).extend(messages)
        else:
            errors.setdefault("vendors", []).extend(
                _("Section “%(section)s”: %(message)s") % {"section": key, "message": message}
                for message in messages
            )
    return errors


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
