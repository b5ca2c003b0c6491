"""Pieces shared by the comparisons admin classes."""

from django.contrib import admin, messages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.utils import bulk_update_with_history

from ..freshness import data_changed
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
    """One UPDATE and one history INSERT, whatever the number of rows selected."""
    today = timezone.localdate()
    now = timezone.now()
    objs = list(queryset)
    for obj in objs:
        obj.last_verified = today
        # Moves the version too, so a form opened before this action cannot overwrite it.
        obj.updated_at = now
    model = queryset.model
    if hasattr(model, "history"):
        bulk_update_with_history(
            objs, model, ["last_verified", "updated_at"], default_user=request.user
        )
    else:
        model.objects.bulk_update(objs, ["last_verified", "updated_at"])
    # bulk_update sends no signals: move the data version by hand.
    data_changed()
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d fact marked as verified today.",
            "%(count)d facts marked as verified today.",
            len(objs),
        )
        % {"count": len(objs)},
        messages.SUCCESS,
    )


# Editors paste addresses without a scheme; they are https nowadays.
URL_FIELD_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}
