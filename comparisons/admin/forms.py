"""Admin forms: clear per-field validation and protection against lost updates."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from ..models import Plan

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


class ComparisonVendorFormSet(BaseInlineFormSet):
    """A comparison compares at least two vendors, and its winner is one of them."""

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        vendor_ids = {
            form.cleaned_data["vendor"].pk
            for form in self.forms
            if form.cleaned_data.get("vendor") and not form.cleaned_data.get("DELETE")
        }
        # The sections formset, validated after this one, checks its winners against these.
        self.instance._submitted_vendor_ids = vendor_ids
        if len(vendor_ids) < 2:
            raise ValidationError(
                _("A comparison needs at least two vendors."), code="too_few_vendors"
            )
        winner_id = self.instance.overall_winner_id
        if winner_id and winner_id not in vendor_ids:
            message = _("The overall winner must be one of the compared vendors.")
            # Shown on the field when the admin form registered itself (see ComparisonAdminForm).
            parent_form = getattr(self.instance, "_admin_form", None)
            if parent_form is not None:
                parent_form.add_error("overall_winner", message)
            raise ValidationError(message, code="winner_not_compared")


class ComparisonSectionFormSet(BaseInlineFormSet):
    """Each section's winner is one of the vendors submitted with it."""

    def clean(self):
        super().clean()
        vendor_ids = getattr(self.instance, "_submitted_vendor_ids", None)
        if vendor_ids is None:
            return
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            winner = form.cleaned_data.get("winner")
            if winner and winner.pk not in vendor_ids:
                form.add_error(
                    "winner",
                    ValidationError(
                        _("The winner must be one of the compared vendors."),
                        code="winner_not_compared",
                    ),
                )


class ComparisonAdminForm(ConcurrencySafeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Lets the vendors formset put a winner error on this form's field.
        self.instance._admin_form = self
