"""Pieces shared by the comparisons admin classes."""

from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import services
from ..models.facts import stale_cutoff


class LastVerifiedFilter(admin.SimpleListFilter):
    """Recently verified facts versus those due for a check."""

    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("stale", _("Needs checking")), ("fresh", _("Recently verified"))]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.filter(last_verified__lt=stale_cutoff())
        if self.value() == "fresh":
            return queryset.filter(last_verified__gte=stale_cutoff())
        return queryset


@admin.action(description=_("Mark as verified today"), permissions=["change"])
def mark_verified_today(modeladmin, request, queryset):
    count = services.facts_mark_verified(facts=queryset, on=timezone.localdate(), user=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d fact marked as verified today.",
            "%(count)d facts marked as verified today.",
            count,
        )
        % {"count": count},
        messages.SUCCESS,
    )


# Editors paste addresses without a scheme; they are https nowadays.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


class TextAreaFieldsMixin:
    """Short text fields (up to 300 characters) in text areas that show them whole.

    A one-line box showed a fifth of a plan's description; in a tabular row, about
    18 of a pro's, verdict's or note's up to 200 characters.
    """

    text_area_fields: tuple[str, ...] = ()
    text_area_rows = 2

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.text_area_fields:
            kwargs["widget"] = AdminTextareaWidget(
                attrs={"rows": self.text_area_rows, "class": "vLargeTextField short-text"}
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class SharedChoicesInlineMixin:
    """Inline rows share one list of choices per foreign key, fetched once per request.

    Otherwise every row of a tabular inline queries its own copy of the choices
    (or, with autocomplete, its selected label), so a vendor with 50 features
    took 200 queries to show.
    """

    shared_choice_fields: tuple[str, ...] = ()
    # Related rows the inline's own rows display (their __str__ and links).
    inline_select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if self.inline_select_related:
            queryset = queryset.select_related(*self.inline_select_related)
        return queryset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name in self.shared_choice_fields:
            cache = request.__dict__.setdefault("_shared_admin_choices", {})
            key = (type(self), db_field.name)
            if key not in cache:
                cache[key] = list(field.choices)
            field.choices = cache[key]
        return field
