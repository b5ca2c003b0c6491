"""Admin for criteria and verdicts, comparisons with their vendors, sections and FAQ."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import (
    Assessment,
    Comparison,
    ComparisonSection,
    ComparisonVendor,
    Criterion,
    FAQEntry,
    Source,
)
from .base import (
    URL_FIELD_OVERRIDES,
    LastVerifiedFilter,
    SharedChoicesInlineMixin,
    mark_verified_today,
)
from .forms import (
    ComparisonAdminForm,
    ComparisonSectionFormSet,
    ComparisonVendorFormSet,
    ConcurrencySafeForm,
)


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "default_weight", "at_a_glance"]
    list_editable = ["position", "default_weight"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    form = ConcurrencySafeForm
    list_display = ["vendor", "criterion", "score", "verdict", "last_verified"]
    list_filter = ["criterion", LastVerifiedFilter, "vendor"]
    list_select_related = ["vendor", "criterion"]
    search_fields = ["vendor__name", "criterion__name", "verdict"]
    autocomplete_fields = ["vendor", "criterion", "source"]
    actions = [mark_verified_today]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides = URL_FIELD_OVERRIDES
    list_display = ["title", "publisher", "published_on", "url"]
    search_fields = ["title", "publisher", "url"]


class ComparisonVendorInline(SharedChoicesInlineMixin, admin.TabularInline):
    model = ComparisonVendor
    formset = ComparisonVendorFormSet
    extra = 0
    fields = ["vendor", "position"]
    ordering = ["position", "id"]
    shared_choice_fields = ("vendor",)
    inline_select_related = ("comparison", "vendor")


class ComparisonSectionInline(SharedChoicesInlineMixin, admin.StackedInline):
    model = ComparisonSection
    formset = ComparisonSectionFormSet
    extra = 0
    fields = [("title", "criterion", "winner", "position"), "body"]
    shared_choice_fields = ("criterion", "winner")
    inline_select_related = ("criterion", "winner")


class FAQEntryInline(admin.StackedInline):
    model = FAQEntry
    extra = 0
    fields = [("question", "position"), "answer"]


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    """A comparison with its vendors (in column order), sections, FAQ and conclusion."""

    form = ComparisonAdminForm
    inlines = [ComparisonVendorInline, ComparisonSectionInline, FAQEntryInline]
    list_display = ["title", "is_published", "updated_on", "preview_link"]
    list_filter = ["is_published", "updated_on"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["overall_winner", "sources"]
    date_hierarchy = "updated_on"
    fieldsets = [
        (None, {"fields": ["title", "slug", "intro", "seen_updated_at"]}),
        (_("Verdict"), {"fields": ["overall_winner", "conclusion"]}),
        (_("Author"), {"fields": ["author_name", "author_bio"]}),
        (
            _("Publication"),
            {"fields": ["is_published", ("published_on", "updated_on"), "sources"]},
        ),
    ]

    @admin.display(description=_("on the site"))
    def preview_link(self, obj):
        label = _("View") if obj.is_published else _("Preview")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)


@admin.register(FAQEntry)
class FAQEntryAdmin(admin.ModelAdmin):
    list_display = ["question", "comparison", "position"]
    list_filter = ["comparison"]
    list_select_related = ["comparison"]
    search_fields = ["question", "answer"]
