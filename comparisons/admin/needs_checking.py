"""The "needs checking" page: facts editors have not verified for too long."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..models import Assessment, FeatureAvailability, Plan

CHECKED_MODELS = [Plan, FeatureAvailability, Assessment]


@dataclass(frozen=True)
class StaleRow:
    kind: str
    fact: str
    last_verified: date
    days_old: int
    change_url: str


def stale_rows(facts, *, today: date) -> list[StaleRow]:
    """Shape facts into table rows with the link to each one's edit form (no queries)."""
    rows = []
    for fact in facts:
        opts = fact._meta
        rows.append(
            StaleRow(
                kind=opts.verbose_name,
                fact=str(fact),
                last_verified=fact.last_verified,
                days_old=(today - fact.last_verified).days,
                change_url=reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_change", args=[fact.pk]
                ),
            )
        )
    return rows


def needs_checking(request):
    visible = [
        model
        for model in CHECKED_MODELS
        if request.user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]
    if not visible:
        raise PermissionDenied
    today = timezone.localdate()
    context = {
        **admin.site.each_context(request),
        "title": _("Needs checking"),
        "rows": stale_rows(selectors.stale_facts(models=visible), today=today),
        "stale_after_days": settings.STALE_AFTER_DAYS,
    }
    return TemplateResponse(request, "admin/comparisons/needs_checking.html", context)


needs_checking_view = admin.site.admin_view(needs_checking)
