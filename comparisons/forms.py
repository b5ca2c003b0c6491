"""Forms that parse the public pages' GET parameters."""

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Vendor

MIN_VENDORS = 2
MAX_VENDORS = 4


class VendorSlugsField(forms.MultipleChoiceField):
    """Checkboxes of vendors; unknown slugs are reported by the form, by name."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value) -> bool:
        return True


class CompareForm(forms.Form):
    """Pick 2 to 4 vendors to see side by side: `?crm=zoho-crm&crm=hubspot-crm`.

    Built with the vendor list the page already fetched, so validating costs
    no query; `cleaned_data["vendors"]` keeps the order the buyer gave.
    """

    crm = VendorSlugsField(
        label=_("CRMs to compare"),
        help_text=_("Pick 2 to 4."),
        error_messages={"required": _("Pick at least 2 CRMs to compare.")},
    )

    def __init__(self, *args, vendors: Sequence[Vendor], **kwargs):
        super().__init__(*args, **kwargs)
        self.vendors_by_slug = {vendor.slug: vendor for vendor in vendors}
        self.fields["crm"].choices = [(vendor.slug, vendor.name) for vendor in vendors]

    def clean_crm(self) -> list[str]:
        slugs = list(dict.fromkeys(self.cleaned_data["crm"]))
        unknown = [slug for slug in slugs if slug not in self.vendors_by_slug]
        if unknown:
            raise forms.ValidationError(
                ngettext(
                    "We do not know this CRM: %(slugs)s.",
                    "We do not know these CRMs: %(slugs)s.",
                    len(unknown),
                )
                % {"slugs": ", ".join(f"“{slug}”" for slug in unknown)},
                code="unknown",
            )
        if len(slugs) < MIN_VENDORS:
            raise forms.ValidationError(
                _("Pick at least %(min)d CRMs to compare.") % {"min": MIN_VENDORS},
                code="too_few",
            )
        if len(slugs) > MAX_VENDORS:
            raise forms.ValidationError(
                _("Pick at most %(max)d CRMs to compare.") % {"max": MAX_VENDORS},
                code="too_many",
            )
        return slugs

    @property
    def vendors(self) -> list[Vendor]:
        """The chosen vendors in the buyer's order (only once the form is valid)."""
        return [self.vendors_by_slug[slug] for slug in self.cleaned_data["crm"]]


class DifferencesForm(forms.Form):
    """The "differences only" switch: `?diff=1`, works without JavaScript."""

    diff = forms.BooleanField(label=_("Show differences only"), required=False)

    @property
    def differences_only(self) -> bool:
        return self.is_valid() and self.cleaned_data["diff"]
