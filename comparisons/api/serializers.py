"""What the API reads and writes. Writes run the models' full_clean(), as the admin does."""

import copy
import re

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import (
    Assessment,
    Comparison,
    Criterion,
    FAQEntry,
    Feature,
    FeatureAvailability,
    FeatureCategory,
    Plan,
    Source,
    Vendor,
)
from ..models.facts import verification_moment


class ModelCleanMixin:
    """Validate with the model's full_clean(), so the API refuses what the admin refuses,
    and save what the model's clean() completes (a free plan's price), as the admin does.

    The instance checked is a copy: a refused update leaves nothing half-changed.
    """

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = model() if self.instance is None else copy.copy(self.instance)
        concrete = [field for field in model._meta.concrete_fields if field.editable]
        for field in concrete:
            if field.name in attrs:
                setattr(instance, field.name, attrs[field.name])
        given = {field.attname: getattr(instance, field.attname) for field in concrete}
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error)) from error
        for field in concrete:
            if getattr(instance, field.attname) != given[field.attname]:
                attrs[field.name] = getattr(instance, field.name)
        return attrs


SLUG_RE = re.compile(r"[-a-zA-Z0-9_]+")


class SlugReferenceField(serializers.SlugRelatedField):
    """A reference by slug; a value that cannot be a slug is refused before any query
    (PostgreSQL answers some characters, e.g. NUL, with an error rather than no match)."""

    def to_internal_value(self, data):
        if not isinstance(data, str) or not SLUG_RE.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)


def _slug_of(model, **kwargs):
    return SlugReferenceField(slug_field="slug", queryset=model.objects.all(), **kwargs)


def _source_field():
    return serializers.PrimaryKeyRelatedField(
        queryset=Source.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Id of the source the fact was taken from."),
    )


class OptionalURLField(serializers.URLField):
    """A link, or null where none is recorded (the model stores that as "")."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class SourceSerializer(serializers.ModelSerializer):
    url = OptionalURLField()

    class Meta:
        model = Source
        fields = ["id", "title", "url", "publisher", "published_on"]


SOURCE_EDITOR_FIELDS = ("watch_url", "watch_selector", "watch_ignore")


class WatchedSourceSerializer(serializers.ModelSerializer):
    """A source, when its watched page was last checked and last changed; the watch
    settings only for editors (users who may change sources)."""

    class Meta:
        model = Source
        fields = [
            "id",
            "title",
            "publisher",
            "url",
            "published_on",
            "checked_at",
            "changed_at",
            "watch_url",
            "watch_selector",
            "watch_ignore",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "checked_at": {
                "help_text": _("When the watched page was last read automatically; null if never.")
            },
            "changed_at": {
                "help_text": _(
                    "When the watched part of the page last changed; null if it has not "
                    "changed since it was first read."
                )
            },
            **{
                name: {"help_text": _("Editors only: absent for other clients.")}
                for name in SOURCE_EDITOR_FIELDS
            },
        }

    def get_fields(self):
        fields = super().get_fields()
        if getattr(self.context.get("view"), "swagger_fake_view", False):
            # The schema documents every field; the editors' ones as not required.
            for name in SOURCE_EDITOR_FIELDS:
                fields[name].read_only, fields[name].required = False, False
            return fields
        request = self.context.get("request")
        if request is None or not request.user.has_perm("comparisons.change_source"):
            for name in SOURCE_EDITOR_FIELDS:
                del fields[name]
        return fields


class VerificationMixin:
    """A write that sets `last_verified` verifies the fact, even with the same date again:
    `verified_at` becomes now (today) or that day's start."""

    def _verified(self, validated_data: dict) -> dict:
        if "last_verified" in validated_data:
            validated_data["verified_at"] = verification_moment(validated_data["last_verified"])
        return validated_data

    def create(self, validated_data):
        return super().create(self._verified(validated_data))

    def update(self, instance, validated_data):
        return super().update(instance, self._verified(validated_data))


class VendorSerializer(ModelCleanMixin, serializers.ModelSerializer):
    logo = serializers.ImageField(read_only=True)
    html_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Vendor
        fields = [
            "slug",
            "name",
            "website",
            "summary",
            "best_for",
            "description",
            "color",
            "logo",
            "html_url",
            "updated_at",
        ]


class PlanSerializer(VerificationMixin, ModelCleanMixin, serializers.ModelSerializer):
    vendor = _slug_of(Vendor, help_text=_("Vendor slug."))
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    billing_period_display = serializers.CharField(
        source="get_billing_period_display", read_only=True
    )
    pricing_unit_display = serializers.CharField(source="get_pricing_unit_display", read_only=True)
    source = _source_field()

    class Meta:
        model = Plan
        fields = [
            "id",
            "vendor",
            "name",
            "slug",
            "kind",
            "kind_display",
            "position",
            "description",
            *Plan.PRICE_FIELDS,
            "billing_period_display",
            "pricing_unit_display",
            "percent_min",
            "percent_max",
            *Plan.LIMIT_FIELDS,
            "last_verified",
            "verified_at",
            "source",
            "updated_at",
        ]


class PlanPriceHistorySerializer(serializers.ModelSerializer):
    """One saved version of a plan: its price and terms from `history_date` on."""

    plan = serializers.IntegerField(source="id", read_only=True)
    vendor = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    billing_period_display = serializers.CharField(
        source="get_billing_period_display", read_only=True
    )
    pricing_unit_display = serializers.CharField(source="get_pricing_unit_display", read_only=True)
    history_type_display = serializers.SerializerMethodField()

    class Meta:
        model = Plan.history.model
        fields = [
            "history_id",
            "history_date",
            "history_type",
            "history_type_display",
            "plan",
            "vendor",
            "name",
            "slug",
            "kind",
            *Plan.PRICE_FIELDS,
            "billing_period_display",
            "pricing_unit_display",
        ]

    def get_history_type_display(self, obj) -> str:
        labels = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
        return str(labels.get(obj.history_type, obj.history_type))


class FeatureCategorySerializer(ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = FeatureCategory
        fields = ["slug", "name", "position", "updated_at"]


class FeatureSerializer(ModelCleanMixin, serializers.ModelSerializer):
    category = _slug_of(FeatureCategory, help_text=_("Feature category slug."))
    category_name = serializers.CharField(source="category.name", read_only=True)

    class Meta:
        model = Feature
        fields = [
            "slug",
            "name",
            "description",
            "position",
            "category",
            "category_name",
            "updated_at",
        ]


class FeatureAvailabilitySerializer(
    VerificationMixin, ModelCleanMixin, serializers.ModelSerializer
):
    vendor = _slug_of(Vendor, help_text=_("Vendor slug."))
    feature = _slug_of(Feature, help_text=_("Feature slug."))
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    plan = serializers.PrimaryKeyRelatedField(
        queryset=Plan.objects.all(),
        allow_null=True,
        required=False,
        help_text=_("Id of the cheapest plan that includes the feature."),
    )
    source = _source_field()

    class Meta:
        model = FeatureAvailability
        fields = [
            "id",
            "vendor",
            "feature",
            "status",
            "status_display",
            "plan",
            "note",
            "quantity",
            "is_key",
            "last_verified",
            "verified_at",
            "source",
            "updated_at",
        ]


class CriterionSerializer(ModelCleanMixin, serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = [
            "slug",
            "name",
            "description",
            "position",
            "default_weight",
            "at_a_glance",
            "updated_at",
        ]


class AssessmentSerializer(VerificationMixin, ModelCleanMixin, serializers.ModelSerializer):
    vendor = _slug_of(Vendor, help_text=_("Vendor slug."))
    criterion = _slug_of(Criterion, help_text=_("Criterion slug."))
    source = _source_field()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "vendor",
            "criterion",
            "verdict",
            "text",
            "score",
            "last_verified",
            "verified_at",
            "source",
            "updated_at",
        ]


class FAQEntrySerializer(ModelCleanMixin, serializers.ModelSerializer):
    comparison = _slug_of(
        Comparison,
        allow_null=True,
        required=False,
        help_text=_("Comparison slug; empty for a general question."),
    )

    class Meta:
        model = FAQEntry
        fields = ["id", "comparison", "question", "answer", "position", "updated_at"]
