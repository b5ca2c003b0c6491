"""The "needs checking" queue: facts whose source changed since they were verified, grouped by
source and listed first, then facts not verified for too long; editors verify them from here."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.formatting import format_money

from .. import selectors
from ..models import Assessment, FeatureAvailability, Plan, Source
from ..services import facts_mark_verified

CHECKED_MODELS = [Plan, FeatureAvailability, Assessment]
# The value of a fact's checkbox is "<model name>:<pk>".
FACT_FIELD = "fact"
SOURCE_BUTTON = "verify_source"


@dataclass(frozen=True)
class StaleRow:
    kind: str
    fact: str
    last_verified: date
    days_old: int
    change_url: str
    key: str
    # For a plan, its price as the catalogue states it (next to the page's amounts).
    here: str = ""


@dataclass
class SourceGroup:
    """The facts one changed source backs, with what its watched part says now."""

    title: str
    changed_at: datetime
    diff_url: str
    amounts: list[str]
    rows: list[StaleRow] = field(default_factory=list)
    pk: int = 0


def _key(fact) -> str:
    return f"{fact._meta.model_name}:{fact.pk}"


def _here(fact) -> str:
    if not isinstance(fact, Plan) or fact.price is None:
        return ""
    return format_money(fact.price, fact.currency)


def stale_row(fact, *, today: date) -> StaleRow:
    opts = fact._meta
    return StaleRow(
        kind=opts.verbose_name,
        fact=str(fact),
        last_verified=fact.last_verified,
        days_old=(today - fact.last_verified).days,
        change_url=reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[fact.pk]),
        key=_key(fact),
        here=_here(fact),
    )


def stale_rows(facts, *, today: date) -> list[StaleRow]:
    """Shape facts into table rows with the link to each one's edit form (no queries)."""
    return [stale_row(fact, today=today) for fact in facts]


def queue(facts: Iterable, *, today: date) -> tuple[list[SourceGroup], list[StaleRow]]:
    """Split facts (from selectors.facts_to_check) into groups by changed source, the latest
    change first, and the rest (no queries)."""
    groups: dict[int, SourceGroup] = {}
    rest = []
    for fact in facts:
        if not fact.source_changed:
            rest.append(stale_row(fact, today=today))
            continue
        source = fact.source
        group = groups.get(source.pk)
        if group is None:
            group = groups[source.pk] = SourceGroup(
                title=str(source),
                changed_at=source.changed_at,
                diff_url=reverse("admin:comparisons_source_change", args=[source.pk])
                + "#watch-diff",
                amounts=list(source.watched_amounts or []),
                pk=source.pk,
            )
        group.rows.append(stale_row(fact, today=today))
    ordered = sorted(groups.values(), key=lambda group: group.changed_at, reverse=True)
    return ordered, rest


def _visible_models(user) -> list[type]:
    return [
        model
        for model in CHECKED_MODELS
        if user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}")
    ]


def needs_checking(request):
    visible = _visible_models(request.user)
    if not visible:
        raise PermissionDenied
    if request.method == "POST":
        return _mark_verified(request, visible)
    groups, rows = queue(selectors.facts_to_check(models=visible), today=timezone.localdate())
    context = {
        **admin.site.each_context(request),
        "title": _("Needs checking"),
        "source_groups": groups,
        "rows": rows,
        "stale_after_days": settings.STALE_AFTER_DAYS,
        "can_verify": any(_may_change(request.user, model) for model in visible),
        "fact_field": FACT_FIELD,
        "source_button": SOURCE_BUTTON,
    }
    return TemplateResponse(request, "admin/comparisons/needs_checking.html", context)


def _may_change(user, model) -> bool:
    return user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def _mark_verified(request, visible: list[type]):
    """Verify the ticked facts, or every fact a changed source flags (its group's button)."""
    user = request.user
    models = {model._meta.model_name: model for model in visible if _may_change(user, model)}
    if not models:
        raise PermissionDenied
    source_pk = _posted_pk(request.POST.get(SOURCE_BUTTON, ""), Source)
    if source_pk is not None:
        batches = [
            model.objects.filter(source_id=source_pk)
            .with_source_changed()
            .filter(source_changed=True)
            for model in models.values()
        ]
    else:
        chosen: dict[type, set[int]] = {}
        for value in request.POST.getlist(FACT_FIELD):
            name, _sep, pk = value.partition(":")
            if name in models and (pk := _posted_pk(pk, models[name])) is not None:
                chosen.setdefault(models[name], set()).add(pk)
        batches = [model.objects.filter(pk__in=pks) for model, pks in chosen.items()]
    today = timezone.localdate()
    count = sum(facts_mark_verified(facts=facts, on=today, user=request.user) for facts in batches)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d fact marked as verified.", "%(count)d facts marked as verified.", count
            )
            % {"count": count},
        )
    else:
        messages.warning(request, _("Tick the facts you verified, then mark them as verified."))
    return HttpResponseRedirect(reverse("admin_needs_checking"))


def _posted_pk(value: str, model) -> int | None:
    """An id from the form as the database can hold it, or None: the form was tampered with.

    ("²".isdigit() is true, and an id beyond the column's range fails in the database.)
    """
    if not (value.isascii() and value.isdigit()):
        return None
    _low, high = connection.ops.integer_field_range(model._meta.pk.get_internal_type())
    pk = int(value)
    return pk if high is None or pk <= high else None


needs_checking_view = admin.site.admin_view(needs_checking)
