"""Forms that read query strings: the public pages' and, through the buyer tools, the API's.

A `QueryForm`'s fields are its query parameters, so a page and an API endpoint
that share one validate alike and name each parameter alike: the API documents
them from the form's fields (see comparisons/api/query_forms.py) and answers a
400 naming the same fields a page marks as wrong.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar

from django import forms
from django.core.validators import slug_re
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from . import selectors
from .models import Vendor

# Columns of the side-by-side compare page: more do not fit its layout.
SIDE_BY_SIDE_MIN_VENDORS = 2
SIDE_BY_SIDE_MAX_VENDORS = 4


def _values(query: Mapping, name: str) -> list[str]:
    if hasattr(query, "getlist"):
        return query.getlist(name)
    value = query[name]
    return [str(item) for item in value] if isinstance(value, list | tuple) else [str(value)]


class QueryForm(forms.Form):
    """A GET form whose fields are query parameters, for a page and the API alike.

    - `defaults`: the value a parameter takes when the query string leaves it out
      (the API's schema documents them);
    - `aliases`: {former name: field name}, so that shared URLs keep working;
    - repeated parameters (`?vendors=a&vendors=b`) reach the field as a list.

    Subclasses add to the defaults and aliases of the forms they extend.
    """

    defaults: ClassVar[Mapping[str, Any]] = {}
    aliases: ClassVar[Mapping[str, str]] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for attribute in ("defaults", "aliases"):
            merged: dict = {}
            for klass in reversed(cls.__mro__):
                merged.update(klass.__dict__.get(attribute, {}))
            setattr(cls, attribute, merged)

    def __init__(self, query: Mapping | None = None, **kwargs):
        super().__init__(None if query is None else self.read_query(query), **kwargs)

    @classmethod
    def read_query(cls, query: Mapping) -> QueryDict:
        """The query string as the fields read it: aliases under their current names,
        then the defaults of the parameters still missing."""
        data = QueryDict(mutable=True)
        for name in query:
            data.setlist(name, _values(query, name))
        cls.apply_aliases(data)
        for name, value in cls.defaults.items():
            if name not in data:
                data.setlist(name, _values({name: value}, name))
        return data

    @classmethod
    def apply_aliases(cls, data: QueryDict) -> None:
        for alias, name in cls.aliases.items():
            if alias in data and name not in data:
                data.setlist(name, data.getlist(alias))

    @classmethod
    def parameter_names(cls) -> list[str]:
        """Every query parameter the form reads, aliases included, for the response
        cache's key (core.query_parameters); `name*` stands for every name it begins."""
        return [*cls.base_fields, *cls.aliases]

    @classmethod
    def mentioned_in(cls, query: Mapping) -> bool:
        """Whether the query string gives any of this form's parameters."""
        return any(name in query for name in (*cls.base_fields, *cls.aliases))


class SlugsField(forms.MultipleChoiceField):
    """Objects picked by slug, repeated in the query string (`?vendors=a&vendors=b`).

    Cleans to the objects, each once, in the order given. The form gives the
    objects to pick from with `set_catalogue` (a page, which draws them as
    checkboxes, so validating costs no query); otherwise `lookup` finds the slugs
    given (the API). Unknown slugs are reported all at once, by name.
    """

    widget = forms.CheckboxSelectMultiple
    # Messages with `count` (and `slugs`), set by each kind of object.
    default_error_messages: ClassVar[dict] = {}

    def __init__(
        self,
        *,
        lookup: Callable[[list[str]], Iterable[Any]],
        min_count: int = 0,
        max_count: int,
        **kwargs,
    ):
        super().__init__(required=min_count > 0, **kwargs)
        self.lookup, self.min_count, self.max_count = lookup, min_count, max_count
        self.catalogue: dict[str, Any] | None = None

    def set_catalogue(self, objects: Iterable[Any]) -> None:
        self.catalogue = {item.slug: item for item in objects}
        self.choices = [(slug, str(item)) for slug, item in self.catalogue.items()]

    def valid_value(self, value) -> bool:
        return True

    def validate(self, value) -> None:
        if self.required and not value:
            raise forms.ValidationError(
                self._message("too_few", count=self.min_count), code="required"
            )
        super().validate(value)

    def clean(self, value) -> list[Any]:
        given = super().clean(value)
        # Counted as given, duplicates included, as the API's schema states the limit.
        if len(given) > self.max_count:
            raise forms.ValidationError(
                self._message("too_many", count=self.max_count), code="too_many"
            )
        slugs = list(dict.fromkeys(given))
        known = self.catalogue
        if known is None:
            # Only what can be a slug reaches the database (PostgreSQL refuses some characters).
            wanted = [slug for slug in slugs if slug_re.fullmatch(slug)]
            known = {item.slug: item for item in self.lookup(wanted)} if wanted else {}
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            names = ", ".join(f"“{slug}”" for slug in unknown)
            raise forms.ValidationError(
                self._message("unknown", count=len(unknown), slugs=names), code="unknown"
            )
        if len(slugs) < self.min_count:
            raise forms.ValidationError(
                self._message("too_few", count=self.min_count), code="too_few"
            )
        return [known[slug] for slug in slugs]

    def _message(self, key: str, **params) -> str:
        return self.error_messages[key] % params


class VendorSlugsField(SlugsField):
    default_error_messages: ClassVar[dict] = {
        "unknown": ngettext_lazy(
            "We do not know this CRM: %(slugs)s.", "We do not know these CRMs: %(slugs)s.", "count"
        ),
        "too_few": ngettext_lazy(
            "Pick at least %(count)d CRM to compare.",
            "Pick at least %(count)d CRMs to compare.",
            "count",
        ),
        "too_many": ngettext_lazy(
            "Pick at most %(count)d CRM to compare.",
            "Pick at most %(count)d CRMs to compare.",
            "count",
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("CRMs to compare"))
        super().__init__(lookup=lambda slugs: selectors.vendors_by_slugs(slugs=slugs), **kwargs)


class VendorPicksForm(QueryForm):
    """Vendors picked by slug (the `vendors` field each subclass declares with its limits).

    Built with the vendor list the page already fetched for its checkboxes, or
    without one (the API). `picked` is the vendors, once the form is valid.
    """

    def __init__(
        self, query: Mapping | None = None, *, vendors: Sequence[Vendor] | None = None, **kwargs
    ):
        super().__init__(query, **kwargs)
        if vendors is not None:
            self.fields["vendors"].set_catalogue(vendors)

    @property
    def picked(self) -> list[Vendor]:
        return self.cleaned_data["vendors"]


class CompareForm(VendorPicksForm):
    """Pick 2 to 4 vendors to see side by side: `?vendors=zoho-crm&vendors=hubspot-crm`."""

    vendors = VendorSlugsField(
        min_count=SIDE_BY_SIDE_MIN_VENDORS,
        max_count=SIDE_BY_SIDE_MAX_VENDORS,
        help_text=_("Pick 2 to 4."),
    )
    # The compare page's first URLs named the vendors `crm`.
    aliases = {"crm": "vendors"}


class DifferencesForm(forms.Form):
    """The "differences only" switch: `?diff=1`, works without JavaScript."""

    diff = forms.BooleanField(label=_("Show differences only"), required=False)

    @property
    def differences_only(self) -> bool:
        return self.is_valid() and self.cleaned_data["diff"]
