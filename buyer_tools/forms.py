"""The buyer tools' query parameters, one form per concern, for the pages and the API alike.

Each field is a query parameter with one name everywhere: the pages render and
validate these forms, and the API validates the same forms and documents their
fields as its parameters (buyer_tools/api/views.py). A new parameter is a new
field here (with its default, if it has one, in the form's `defaults`).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from comparisons import selectors
from comparisons.forms import QueryForm, SlugsField, VendorPicksForm, VendorSlugsField
from comparisons.models.ratings import WEIGHT_MAX

from .fit import WeightsError, default_weights, parse_weights
from .pricing import BILLING_ANY, BILLING_MONTH, BILLING_YEAR, TeamNeeds

MAX_USERS = 100_000
MAX_CONTACTS = 100_000_000
MAX_MONTHS = 120
MAX_CHART_USERS = 500
MAX_CHART_SIZES = 200
# Must-have features one question takes: more than a team can weigh, fewer than the
# matrix has rows.
MAX_NEEDS = 20
# Vendors the cost calculator, the fit finder and their charts take at once (the
# side-by-side compare page, with its columns, takes fewer: comparisons.forms).
TOOLS_MAX_VENDORS = 6


class ToolVendorsForm(VendorPicksForm):
    """The any-vendors tools' selection: `?vendors=a&vendors=b`, in the order given."""

    vendors = VendorSlugsField(min_count=1, max_count=TOOLS_MAX_VENDORS)


class FeatureSlugsField(SlugsField):
    default_error_messages: ClassVar[dict] = {
        "unknown": ngettext_lazy(
            "We do not know this feature: %(slugs)s.",
            "We do not know these features: %(slugs)s.",
            "count",
        ),
        "too_few": ngettext_lazy(
            "Name at least %(count)d feature.", "Name at least %(count)d features.", "count"
        ),
        "too_many": ngettext_lazy(
            "Name at most %(count)d must-have feature.",
            "Name at most %(count)d must-have features.",
            "count",
        ),
    }

    def __init__(self, **kwargs):
        super().__init__(lookup=lambda slugs: selectors.features_by_slugs(slugs=slugs), **kwargs)


@dataclass(frozen=True)
class NeedChoice:
    """One must-have checkbox on the tools' forms."""

    feature: Any
    id: str
    checked: bool


class TeamForm(QueryForm):
    """What the team needs, besides its size: shared by the cost, cost-series and
    recommendation tools. A page passes `features` (all of them, for its checkboxes);
    the API looks up only the slugs given."""

    need = FeatureSlugsField(
        label=_("Must-have features"),
        help_text=_(
            "Features your team cannot do without, by slug, repeated "
            "(need=a&need=b): a plan counts only if it has them all."
        ),
        max_count=MAX_NEEDS,
        # The pages draw the checkboxes by category (need_groups); none is this widget.
        widget=forms.MultipleHiddenInput,
    )

    contacts = forms.IntegerField(
        label=_("Contacts"),
        help_text=_("How many contacts the CRM will hold."),
        min_value=0,
        max_value=MAX_CONTACTS,
        error_messages={
            "min_value": _("The number of contacts cannot be negative."),
            "required": _("Enter the number of contacts (0 if you do not know)."),
        },
    )
    billing = forms.ChoiceField(
        label=_("Billing"),
        help_text=_("Monthly plans only, yearly plans only, or whichever costs less."),
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

    defaults = {"contacts": 0, "billing": BILLING_ANY, "months": 12}

    def __init__(self, query: Mapping | None = None, *, features=None, **kwargs):
        super().__init__(query, **kwargs)
        if features is not None:
            self.fields["need"].set_catalogue(features)
            if features:
                # Error messages link to the first checkbox.
                self.fields["need"].widget.attrs["id"] = f"id_need-{features[0].slug}"

    @property
    def team(self) -> dict[str, Any]:
        """The needs every cost tool passes on (pricing.TeamNeeds, series.cost_series),
        but the must-haves, which come with their availabilities (`needed_features`)."""
        return {
            name: self.cleaned_data[name]
            for name in TeamForm.base_fields
            if name != "need" and name in self.fields
        }

    @property
    def needed_features(self) -> list[Any]:
        return self.cleaned_data["need"]

    def need_groups(self) -> list[tuple[Any, list[NeedChoice]]]:
        """The must-have checkboxes by feature category (page forms only: needs `features`)."""
        given = set(self.data.getlist("need")) if self.is_bound else set()
        groups: dict[Any, list[NeedChoice]] = {}
        for feature in (self.fields["need"].catalogue or {}).values():
            groups.setdefault(feature.category, []).append(
                NeedChoice(feature, f"id_need-{feature.slug}", feature.slug in given)
            )
        return list(groups.items())


class CostForm(TeamForm):
    """What a team of `users` pays: the cost tool."""

    users = forms.IntegerField(
        label=_("Users"),
        help_text=_("How many people will use the CRM."),
        min_value=1,
        max_value=MAX_USERS,
        error_messages={
            "min_value": _("Enter at least 1 user."),
            "required": _("Enter the number of users."),
        },
    )
    field_order = ["users", "contacts", "billing", "months"]

    @property
    def needs(self) -> TeamNeeds:
        return TeamNeeds(users=self.cleaned_data["users"], **self.team)


class CostSeriesForm(TeamForm):
    """The monthly cost of each team size in a range: the cost chart."""

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

    defaults = {"users_from": 1, "users_to": 50}

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
    def chart_users(self) -> range:
        return range(self.cleaned_data["users_from"], self.cleaned_data["users_to"] + 1)


class CostPageForm(CostForm, CostSeriesForm):
    """The cost calculator page: the cost and its chart, in one form."""

    field_order = ["users", "contacts", "billing", "months", "users_from", "users_to"]
    # The page fills in a worked example where the URL says nothing (the API asks for
    # the users, and counts no contacts).
    defaults = {"users": 5, "contacts": 1000}


WEIGHT_CHOICES = [
    (0, _("0 · ignore")),
    (1, _("1 · minor")),
    (2, "2"),
    (3, _("3 · important")),
    (4, "4"),
    (WEIGHT_MAX, _("5 · decisive")),
]
WEIGHT_ALIAS_PREFIX = "w-"


class WeightsField(forms.Field):
    """Criteria weights from 0 to 5 as `slug:weight` values, repeated
    (`?weights=ease-of-use:5&weights=support:3`) or comma-separated in one
    (`?weights=ease-of-use:5,support:3`). Criteria not named keep their default weight.

    Cleans to {criterion slug: weight} for every criterion.
    """

    widget = forms.MultipleHiddenInput  # the fit page draws one select per criterion

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)
        self.criteria: Sequence[Any] = ()

    def to_python(self, value) -> dict[str, int]:
        pieces = [value] if isinstance(value, str) else list(value or ())
        try:
            return parse_weights(",".join(pieces), self.criteria)
        except WeightsError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def validate(self, value) -> None:
        super().validate(value)
        if not any(value.values()):
            raise forms.ValidationError(
                _("Give at least one criterion a weight above 0."), code="all_zero"
            )

    def openapi_schema(self) -> dict[str, Any]:
        pair = r"[-a-zA-Z0-9_]+:[0-5]"
        return {"type": "array", "items": {"type": "string", "pattern": f"^{pair}(,{pair})*$"}}


@dataclass(frozen=True)
class WeightChoice:
    """One criterion's select on the fit page: all of them are named `weights`."""

    criterion: Any
    id: str
    options: list[tuple[str, Any, bool]]  # (value sent, label, selected)


def select_id(criterion) -> str:
    return f"id_weights-{criterion.slug}"


class FitForm(QueryForm):
    """The fit finder's weights, one per criterion; see WeightsField."""

    weights = WeightsField(
        label=_("Weights"),
        help_text=_(
            "Weights from 0 to 5 as criterion-slug:weight, repeated or separated by commas, "
            "e.g. ease-of-use:5,value-for-money:3. Criteria not named keep their default weight."
        ),
    )

    def __init__(self, query: Mapping | None = None, *, criteria: Sequence[Any], **kwargs):
        super().__init__(query, **kwargs)
        self.criteria = list(criteria)
        self.fields["weights"].criteria = self.criteria
        if self.criteria:
            # Error messages link to the first criterion's select.
            self.fields["weights"].widget.attrs["id"] = select_id(self.criteria[0])

    @classmethod
    def apply_aliases(cls, data: QueryDict) -> None:
        # The fit page's first URLs gave each weight its own parameter: ?w-<slug>=5.
        super().apply_aliases(data)
        former = [
            f"{name.removeprefix(WEIGHT_ALIAS_PREFIX)}:{value}"
            for name in data
            if name.startswith(WEIGHT_ALIAS_PREFIX)
            for value in data.getlist(name)[-1:]
        ]
        if former and "weights" not in data:
            data.setlist("weights", former)

    @classmethod
    def parameter_names(cls) -> list[str]:
        return [*super().parameter_names(), WEIGHT_ALIAS_PREFIX + "*"]

    @property
    def chosen_weights(self) -> dict[str, int]:
        """The weights by criterion slug (only once the form is valid)."""
        return self.cleaned_data["weights"]

    def weight_choices(self) -> list[WeightChoice]:
        """Each criterion's select: the weight chosen (or given, or its default)."""
        weights = default_weights(self.criteria)
        if self.is_bound:
            weights.update(self._given_weights())
        return [
            WeightChoice(
                criterion=criterion,
                id=select_id(criterion),
                options=[
                    (f"{criterion.slug}:{value}", label, value == weights[criterion.slug])
                    for value, label in WEIGHT_CHOICES
                ],
            )
            for criterion in self.criteria
        ]

    def _given_weights(self) -> dict[str, int]:
        # What can be read of the values given, even when some are wrong, so the
        # page shows the buyer's choices beside the error.
        slugs = {criterion.slug for criterion in self.criteria}
        given = {}
        for value in self.data.getlist("weights"):
            for piece in value.split(","):
                slug, _sep, weight = piece.strip().partition(":")
                weight = weight.strip()
                if slug in slugs and weight.isascii() and weight.isdigit():
                    given[slug] = min(int(weight), WEIGHT_MAX)
        return given


class RecommendationForm(CostForm, FitForm):
    """One answer for a team: its size, contacts, billing, must-haves and priorities.

    Costs are for a year, given a month and a year, so it takes no period.
    """

    months = None
    field_order = ["users", "contacts", "billing", "need", "weights"]


class RecommendationPageForm(RecommendationForm):
    """The recommendation page: a worked example where the URL says nothing."""

    defaults = {"users": 5}
