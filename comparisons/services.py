"""Writes, and the rules that span more than one object.

The admin, the API and the management commands call these, so a rule such as
"a comparison's winners are among its vendors" is written once. The checks
raise Django's ValidationError with messages keyed by the field they concern;
the admin shows them on its forms, the API answers them as a 400.
"""

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from .models import Comparison, ComparisonSection, ComparisonVendor, Vendor

MIN_COMPARED_VENDORS = 2

NO_SECTIONS: Mapping[Any, int | None] = MappingProxyType({})


def comparison_check_vendors(*, vendor_ids: Collection[int]) -> None:
    """A comparison compares at least two vendors; raises ValidationError on "vendors"."""
    if len(set(vendor_ids)) < MIN_COMPARED_VENDORS:
        raise ValidationError(
            {
                "vendors": ValidationError(
                    _("A comparison needs at least two vendors."), code="too_few_vendors"
                )
            }
        )


def comparison_check_winners(
    *,
    vendor_ids: Collection[int],
    overall_winner_id: int | None,
    section_winner_ids: Mapping[Any, int | None] = NO_SECTIONS,
) -> None:
    """The overall winner and each section's winner are among the compared vendors.

    `section_winner_ids` maps a key of the caller's choosing (the admin's form
    prefix, a stored section) to the section's winner; None is a tie.
    Raises ValidationError with the overall winner's error under "overall_winner"
    and each section's under its key.
    """
    errors = {}
    if overall_winner_id is not None and overall_winner_id not in vendor_ids:
        errors["overall_winner"] = ValidationError(
            _("The overall winner must be one of the compared vendors."),
            code="winner_not_compared",
        )
    for key, winner_id in section_winner_ids.items():
        if winner_id is not None and winner_id not in vendor_ids:
            errors[key] = ValidationError(
                _("The winner must be one of the compared vendors."), code="winner_not_compared"
            )
    if errors:
        raise ValidationError(errors)


def comparison_section_winners(*, comparison: Comparison) -> dict[ComparisonSection, int | None]:
    """The stored sections' winners, keyed by section, as comparison_check_winners takes them."""
    return {section: section.winner_id for section in comparison.sections.all()}


@transaction.atomic
def comparison_set_vendors(*, comparison: Comparison, vendors: Sequence[Vendor]) -> None:
    """Make `vendors` the comparison's columns, in that order.

    Checked against the comparison's stored winners: a vendor that wins the
    comparison or one of its sections cannot be dropped.
    """
    vendor_ids = [vendor.pk for vendor in vendors]
    comparison_check_vendors(vendor_ids=vendor_ids)
    comparison_check_winners(
        vendor_ids=vendor_ids,
        overall_winner_id=comparison.overall_winner_id,
        section_winner_ids=comparison_section_winners(comparison=comparison),
    )
    comparison.comparison_vendors.all().delete()
    ComparisonVendor.objects.bulk_create(
        ComparisonVendor(comparison=comparison, vendor=vendor, position=position)
        for position, vendor in enumerate(vendors)
    )
    # A prefetched list of the old columns would be stale.
    getattr(comparison, "_prefetched_objects_cache", {}).pop("comparison_vendors", None)


@transaction.atomic
def comparison_create(*, vendors: Sequence[Vendor], **fields) -> Comparison:
    """A new comparison of `vendors` (in column order) with the given field values."""
    comparison = Comparison(**fields)
    comparison.full_clean()
    comparison.save()
    comparison_set_vendors(comparison=comparison, vendors=vendors)
    return comparison


@transaction.atomic
def comparison_update(
    *, comparison: Comparison, vendors: Sequence[Vendor] | None = None, **fields
) -> Comparison:
    """Change the comparison's fields and, when given, its vendors, as one write."""
    for name, value in fields.items():
        setattr(comparison, name, value)
    comparison.full_clean()
    comparison.save()
    if vendors is not None:
        comparison_set_vendors(comparison=comparison, vendors=vendors)
    elif "overall_winner" in fields:
        comparison_check_winners(
            vendor_ids=[link.vendor_id for link in comparison.comparison_vendors.all()],
            overall_winner_id=comparison.overall_winner_id,
        )
    return comparison


def facts_mark_verified(*, facts: QuerySet, on: date, user=None) -> int:
    """Mark `facts` (plans, availabilities, assessments...) as verified `on` that day.

    One UPDATE, and one history INSERT where the model keeps history, whatever
    the number of facts. Returns how many were marked.
    """
    rows = list(facts)
    now = timezone.now()
    for fact in rows:
        fact.last_verified = on
        # Moves the version too, so a form opened before this cannot overwrite it.
        fact.updated_at = now
    model = facts.model
    if hasattr(model, "history"):
        bulk_update_with_history(rows, model, ["last_verified", "updated_at"], default_user=user)
    else:
        model.objects.bulk_update(rows, ["last_verified", "updated_at"])
    return len(rows)
