"""Admin for vendors and what they sell: plans, features, availability, pros and cons."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import Assessment, Feature, FeatureAvailability, FeatureCategory, Plan, ProCon, Vendor
from ..resources import PlanResource
from .base import (
    URL_FIELD_OVERRIDES,
    LastVerifiedFilter,
    SharedChoicesInlineMixin,
    TextAreaFieldsMixin,
    mark_verified_today,
)
from .forms import ConcurrencySafeForm, PlanAdminForm
from .imports import SafeImportExportMixin


class PlanInline(SharedChoicesInlineMixin, admin.TabularInline):
    model = Plan
    form = PlanAdminForm
    extra = 0
    show_change_link = True
    fields = [
        "name",
        "slug",
        "kind",
        "is_free",
        "price",
        "currency",
        "billing_period",
        "pricing_unit",
        "last_verified",
        "seen_updated_at",
    ]
    prepopulated_fields = {"slug": ("name",)}
    inline_select_related = ("vendor",)


class FeatureAvailabilityInline(TextAreaFieldsMixin, SharedChoicesInlineMixin, admin.TabularInline):
    model = FeatureAvailability
    form = ConcurrencySafeForm
    extra = 0
    fields = ["feature", "status", "plan", "note", "is_key", "last_verified", "seen_updated_at"]
    text_area_fields = ("note",)
    shared_choice_fields = ("feature", "plan")
    inline_select_related = ("vendor", "feature")

    def get_formset(self, request, obj=None, **kwargs):
        self._vendor = obj  # the "from plan" choices are this vendor's plans
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "plan":
            vendor = getattr(self, "_vendor", None)
            plans = Plan.objects.select_related("vendor")
            kwargs["queryset"] = plans.filter(vendor=vendor) if vendor else plans.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProConInline(TextAreaFieldsMixin, SharedChoicesInlineMixin, admin.TabularInline):
    model = ProCon
    extra = 0
    fields = ["kind", "text", "position", "last_verified"]
    text_area_fields = ("text",)
    inline_select_related = ("vendor",)


class AssessmentInline(TextAreaFieldsMixin, SharedChoicesInlineMixin, admin.TabularInline):
    model = Assessment
    form = ConcurrencySafeForm
    extra = 0
    fields = ["criterion", "score", "verdict", "last_verified", "seen_updated_at"]
    text_area_fields = ("verdict",)
    shared_choice_fields = ("criterion",)
    inline_select_related = ("vendor", "criterion")


@admin.register(Vendor)
class VendorAdmin(TextAreaFieldsMixin, admin.ModelAdmin):
    """Everything about one vendor, edited on one page."""

    form = ConcurrencySafeForm
    text_area_fields = ("summary", "best_for")
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["name", "slug", "website", "updated_at"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PlanInline, FeatureAvailabilityInline, ProConInline, AssessmentInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "website", "summary", "best_for", "seen_updated_at"]}),
        (_("Presentation"), {"fields": ["description", "logo", "color"]}),
    ]


@admin.register(Plan)
class PlanAdmin(TextAreaFieldsMixin, SafeImportExportMixin, SimpleHistoryAdmin):
    """Built for price updates: edit prices in the list, bulk-edit them as CSV."""

    form = PlanAdminForm
    text_area_fields = ("description",)
    text_area_rows = 3
    resource_classes = [PlanResource]
    change_list_template = "admin/comparisons/change_list_versioned.html"
    list_display = [
        "name",
        "vendor",
        "price",
        "currency",
        "price_basis",
        "is_free",
        "last_verified",
    ]
    list_display_links = ["name"]
    list_editable = ["price", "last_verified"]
    list_select_related = ["vendor"]
    list_filter = [
        "vendor",
        "currency",
        "billing_period",
        "is_free",
        LastVerifiedFilter,
        "last_verified",
    ]
    list_per_page = 50
    search_fields = ["name", "vendor__name"]
    ordering = ["vendor__name", "position", "name"]
    autocomplete_fields = ["vendor", "source"]
    prepopulated_fields = {"slug": ("name",)}
    actions = [mark_verified_today]
    history_list_display = ["price", "currency", "last_verified"]
    fieldsets = [
        (None, {"fields": ["vendor", "name", "slug", "kind", "position", "description"]}),
        (
            _("Price"),
            {
                "fields": [
                    "is_free",
                    ("price", "currency"),
                    ("billing_period", "pricing_unit"),
                    "is_from_price",
                    ("percent_min", "percent_max"),
                ]
            },
        ),
        (
            _("Limits"),
            {
                "fields": [
                    ("users_included", "user_limit", "unlimited_users"),
                    ("contacts_included", "contact_limit", "unlimited_contacts"),
                    ("extra_contacts_block_size", "extra_contacts_block_price"),
                ]
            },
        ),
        (_("Verification"), {"fields": ["last_verified", "source", "seen_updated_at"]}),
    ]

    @admin.display(description=_("per"), ordering="billing_period")
    def price_basis(self, plan):
        return f"{plan.get_pricing_unit_display()} / {plan.get_billing_period_display()}"

    def get_changelist_form(self, request, **kwargs):
        # The list's own forms must also carry the version they were rendered from.
        kwargs.setdefault("form", PlanAdminForm)
        return super().get_changelist_form(request, **kwargs)

    def get_import_data_kwargs(self, **kwargs):
        # One bad row, even one that fails model validation, and nothing is saved.
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs


@admin.register(FeatureCategory)
class FeatureCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Feature)
class FeatureAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "position"]
    list_filter = ["category"]
    list_select_related = ["category"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(FeatureAvailability)
class FeatureAvailabilityAdmin(SimpleHistoryAdmin):
    form = ConcurrencySafeForm
    list_display = ["vendor", "feature", "status", "plan", "is_key", "last_verified"]
    list_editable = ["last_verified"]
    list_filter = ["status", "is_key", LastVerifiedFilter, "vendor"]
    list_select_related = ["vendor", "feature", "plan", "plan__vendor"]
    search_fields = ["vendor__name", "feature__name"]
    autocomplete_fields = ["vendor", "feature", "plan", "source"]
    change_list_template = "admin/comparisons/change_list_versioned.html"
    actions = [mark_verified_today]

    def get_changelist_form(self, request, **kwargs):
        kwargs.setdefault("form", ConcurrencySafeForm)
        return super().get_changelist_form(request, **kwargs)


@admin.register(ProCon)
class ProConAdmin(admin.ModelAdmin):
    list_display = ["text", "vendor", "kind", "position", "last_verified"]
    list_filter = ["kind", "vendor"]
    list_select_related = ["vendor"]
    search_fields = ["text", "vendor__name"]
    autocomplete_fields = ["vendor", "source"]
