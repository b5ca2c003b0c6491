"""GET forms of the buyer tools; the API validates its query parameters with them too."""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from comparisons.models.ratings import WEIGHT_MAX

from .fit import default_weights
from .pricing import BILLING_ANY, BILLING_MONTH, BILLING_YEAR, TeamNeeds

MAX_USERS = 100_000
MAX_CONTACTS = 100_000_000
MAX_MONTHS = 120
MAX_CHART_USERS = 500
MAX_CHART_SIZES = 200
MAX_VENDORS = 6

COST_DEFAULTS = {
    "users": 5,
    "contacts": 1000,
    "billing": BILLING_ANY,
    "months": 12,
    "users_from": 1,
    "users_to": 50,
}


def with_defaults(query: Mapping[str, Any], defaults: Mapping[str, Any]) -> dict[str, Any]:
    """Form data: the defaults, overridden by whatever the query string gives.

    So a bare URL shows a worked example, and a shared URL shows its own numbers.
    """
    data = dict(defaults)
    for name in defaults:
        if name in query:
            data[name] = query.get(name)
    return data


class CostForm(forms.Form):
    users = forms.IntegerField(
        label=_("Users"),
        min_value=1,
        max_value=MAX_USERS,
        error_messages={
            "min_value": _("Enter at least 1 user."),
            "required": _("Enter the number of users."),
        },
    )
    contacts = forms.IntegerField(
        label=_("Contacts"),
        min_value=0,
        max_value=MAX_CONTACTS,
        error_messages={
            "min_value": _("The number of contacts cannot be negative."),
            "required": _("Enter the number of contacts (0 if you do not know)."),
        },
    )
    billing = forms.ChoiceField(
        label=_("Billing"),
        choices=[
            (BILLING_ANY, _("No preference")),
            (BILLING_MONTH, _("Monthly")),
            (BILLING_YEAR, _("Yearly")),
        ],
    )
    months = forms.IntegerField(
        label=_("Period in months"),
        min_value=1,
        max_value=MAX_MONTHS,
        error_messages={
            "min_value": _("Enter a period of at least 1 month."),
            "required": _("Enter the period in months."),
        },
    )
    users_from = forms.IntegerField(
        label=_("Chart from (users)"),
        min_value=1,
        max_value=MAX_CHART_USERS,
        error_messages={"min_value": _("The chart starts at 1 user or more.")},
    )
    users_to = forms.IntegerField(
        label=_("Chart up to (users)"),
        min_value=2,
        max_value=MAX_CHART_USERS,
        error_messages={"min_value": _("The chart needs at least 2 users at its end.")},
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("users_from"), data.get("users_to")
        if low is not None and high is not None:
            if high <= low:
                self.add_error(
                    "users_to", _("The chart must end at more users than it starts with.")
                )
            elif high - low + 1 > MAX_CHART_SIZES:
                self.add_error(
                    "users_to",
                    _("The chart shows at most %(count)s team sizes.") % {"count": MAX_CHART_SIZES},
                )
        return data

    @property
    def needs(self) -> TeamNeeds:
        data = self.cleaned_data
        return TeamNeeds(
            users=data["users"],
            contacts=data["contacts"],
            months=data["months"],
            billing=data["billing"],
        )

    @property
    def chart_users(self) -> range:
        return range(self.cleaned_data["users_from"], self.cleaned_data["users_to"] + 1)


WEIGHT_PREFIX = "w-"
# Every weight field, for query_parameters().
WEIGHT_FIELDS = WEIGHT_PREFIX + "*"


def weight_field_name(criterion: Any) -> str:
    return f"{WEIGHT_PREFIX}{criterion.slug}"


WEIGHT_CHOICES = [
    (0, _("0 · ignore")),
    (1, _("1 · minor")),
    (2, "2"),
    (3, _("3 · important")),
    (4, "4"),
    (WEIGHT_MAX, _("5 · decisive")),
]


class FitForm(forms.Form):
    """One 0–5 weight per criterion, named w-<slug> so the URL can be shared."""

    def __init__(self, data=None, *, criteria: Sequence[Any]):
        self.criteria = list(criteria)
        if data is not None:
            defaults = {weight_field_name(c): c.default_weight for c in self.criteria}
            data = with_defaults(data, defaults)
        super().__init__(data)
        for criterion in self.criteria:
            self.fields[weight_field_name(criterion)] = forms.TypedChoiceField(
                label=criterion.name,
                choices=WEIGHT_CHOICES,
                coerce=int,
                initial=criterion.default_weight,
                # Django prints help_text as HTML; a description is an editor's plain text.
                help_text=escape(criterion.description),
                error_messages={"invalid_choice": _("Choose a weight from 0 to 5.")},
            )

    def clean(self):
        data = super().clean()
        if not self.errors and not any(data.get(weight_field_name(c)) for c in self.criteria):
            raise forms.ValidationError(_("Give at least one criterion a weight above 0."))
        return data

    @property
    def weights(self) -> dict[str, int]:
        weights = default_weights(self.criteria)
        for criterion in self.criteria:
            weights[criterion.slug] = self.cleaned_data[weight_field_name(criterion)]
        return weights

    def weight_fields(self):
        """(criterion, bound field) pairs, for templates."""
        return [(c, self[weight_field_name(c)]) for c in self.criteria]


class VendorPickForm(forms.Form):
    """The any-vendors selection: ?vendors=a&vendors=b, in the order given."""

    vendors = forms.MultipleChoiceField(
        label=_("CRMs to compare"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one CRM."),
            "invalid_choice": _("“%(value)s” is not a CRM we cover."),
        },
    )

    def __init__(self, data=None, *, vendors: Sequence[Any]):
        super().__init__(data)
        self.vendor_objects = {vendor.slug: vendor for vendor in vendors}
        self.fields["vendors"].choices = [(vendor.slug, vendor.name) for vendor in vendors]

    def clean_vendors(self):
        slugs = list(dict.fromkeys(self.cleaned_data["vendors"]))
        if len(slugs) > MAX_VENDORS:
            raise forms.ValidationError(
                _("Choose at most %(count)s CRMs.") % {"count": MAX_VENDORS}
            )
        return slugs

    @property
    def selected(self) -> list[Any]:
        return [self.vendor_objects[slug] for slug in self.cleaned_data["vendors"]]
