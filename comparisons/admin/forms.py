"""Admin forms: clear per-field validation and protection against lost updates."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import ComparisonVendor, Plan

# Name of the hidden field carrying the version an editor started from.
SEEN_VERSION_FIELD = "seen_updated_at"

LIMIT_FIELDS = (
    "users_included",
    "user_limit",
    "contacts_included",
    "contact_limit",
    "extra_contacts_block_size",
)
MONEY_FIELDS = ("price", "extra_contacts_block_price")


def version_token(instance) -> str:
    """The version of a saved row an editor sees: its last write time, to the microsecond."""
    updated_at = getattr(instance, "updated_at", None)
    return updated_at.isoformat() if updated_at else ""


class ConcurrencySafeForm(forms.ModelForm):
    """Refuses to save over a change made after this form was opened.

    The hidden field carries `updated_at` as it was when the form was rendered;
    the admin loads the row afresh on POST, so a different value means someone
    else saved in between.
    """

    seen_updated_at = forms.CharField(widget=forms.HiddenInput, required=False)

    stale_message = _(
        "Someone else changed this %(object)s after you opened it. "
        "Reload the page to see their change, then make yours again."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[SEEN_VERSION_FIELD].initial = version_token(self.instance)

    def clean(self):
        cleaned_data = super().clean()
        seen = cleaned_data.get(SEEN_VERSION_FIELD)
        if self.instance.pk and seen and seen != version_token(self.instance):
            raise ValidationError(
                self.stale_message,
                code="stale",
                params={"object": self.instance._meta.verbose_name},
            )
        return cleaned_data


class PlanAdminForm(ConcurrencySafeForm):
    """A plan with messages that say what is wrong, on the field that is wrong."""

    # No Meta: the admin builds the form for Plan with the fields it shows.

    def clean_currency(self):
        # Editors type "usd"; the code is upper case.
        return (self.cleaned_data.get("currency") or "").strip().upper()

    def _clean_not_negative(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and value < 0:
            raise ValidationError(_("A price cannot be negative."), code="negative_price")
        return value

    def clean_price(self):
        return self._clean_not_negative("price")

    def clean_extra_contacts_block_price(self):
        return self._clean_not_negative("extra_contacts_block_price")

    def clean(self):
        cleaned_data = super().clean()
        for name in LIMIT_FIELDS:
            value = cleaned_data.get(name)
            if value is not None and value < 1 and name in self.fields:
                self.add_error(name, ValidationError(_("Must be at least 1."), code="min_one"))
        self._check_slug_free(cleaned_data)
        return cleaned_data

    def _check_slug_free(self, cleaned_data):
        """The unique (vendor, slug) constraint, reported on the slug field."""
        slug = cleaned_data.get("slug")
        vendor = cleaned_data.get("vendor")
        vendor_id = vendor.pk if vendor else self.instance.vendor_id
        if not slug or not vendor_id or "slug" not in self.fields:
            return
        others = Plan.objects.filter(vendor_id=vendor_id, slug=slug)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            self.add_error(
                "slug",
                ValidationError(
                    _("This vendor already has a plan with the slug “%(slug)s”."),
                    code="slug_taken",
                    params={"slug": slug},
                ),
            )


class _SubmittedVendorRow(forms.Form):
    vendor = forms.IntegerField(required=False)


# The vendors inline as submitted, read without validating its rows (that inline does).
_SubmittedVendorRows = formset_factory(_SubmittedVendorRow, can_delete=True)
VENDORS_PREFIX = ComparisonVendor._meta.get_field("comparison").remote_field.get_accessor_name()


def submitted_vendor_ids(data, comparison) -> set[int]:
    """The vendors a comparison's admin page submits in its vendors inline (rows not
    deleted), or, without that inline in the data, the comparison's stored vendors.

    The comparison form and the sections inline check their winners against these:
    the vendors can change in the same save.
    """
    rows = _SubmittedVendorRows(data, prefix=VENDORS_PREFIX)
    # Editors who may only view the vendors submit neither the inline nor its rows' vendors.
    if not rows.management_form.is_valid() or any(
        row.add_prefix("vendor") not in data for row in rows.initial_forms
    ):
        if comparison.pk is None:
            return set()
        return set(comparison.comparison_vendors.values_list("vendor_id", flat=True))
    return {
        row.cleaned_data["vendor"]
        for row in rows.forms
        if row.is_valid() and row.cleaned_data.get("vendor") and not row.cleaned_data["DELETE"]
    }


class ComparisonVendorFormSet(BaseInlineFormSet):
    """A comparison compares at least two vendors."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        # The rows' instances carry the vendors submitted, and the stored ones where the
        # editor may only view them (the admin then skips validating those rows).
        vendor_ids = [
            form.instance.vendor_id
            for form in self.forms
            if form.instance.vendor_id and not form.cleaned_data.get("DELETE")
        ]
        try:
            services.comparison_check_vendors(vendor_ids=vendor_ids)
        except ValidationError as error:
            # The formset's own errors: shown above its rows.
            raise ValidationError(error.error_dict["vendors"]) from error


class ComparisonSectionFormSet(BaseInlineFormSet):
    """Each section's winner is one of the vendors submitted with it."""

    def clean(self):
        super().clean()
        winners = {
            form.prefix: form.cleaned_data["winner"].pk
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("winner")
            and not form.cleaned_data.get("DELETE")
        }
        try:
            services.comparison_check_winners(
                vendor_ids=submitted_vendor_ids(self.data, self.instance),
                overall_winner_id=None,
                section_winner_ids=winners,
            )
        except ValidationError as error:
            forms_by_prefix = {form.prefix: form for form in self.forms}
            for prefix, errors in error.error_dict.items():
                forms_by_prefix[prefix].add_error("winner", errors)


class ComparisonAdminForm(ConcurrencySafeForm):
    """A comparison; its overall winner is one of the vendors submitted with it."""

    def clean(self):
        cleaned_data = super().clean()
        winner = cleaned_data.get("overall_winner")
        if winner is not None and self.is_bound:
            try:
                services.comparison_check_winners(
                    vendor_ids=submitted_vendor_ids(self.data, self.instance),
                    overall_winner_id=winner.pk,
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data
