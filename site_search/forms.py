"""The search's query parameters, for the results page and the API alike."""

from django import forms
from django.utils.translation import gettext_lazy as _

from comparisons.forms import QueryForm

from .backends import MAX_HITS
from .models import Kind

# Longer queries are refused (a 400 naming `q`), not cut: what is searched is what was typed.
MAX_QUERY_CHARS = 200
MAX_LIMIT = 100


class QueryTextField(forms.CharField):
    def openapi_schema(self) -> dict:
        return {"type": "string", "maxLength": self.max_length}


class SearchForm(QueryForm):
    """`?q=words&type=feature&limit=20&offset=0`"""

    q = QueryTextField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_CHARS,
        help_text=_("A CRM, a feature, a plan or a question. Accents and case do not matter."),
    )
    type = forms.ChoiceField(
        label=_("Only"),
        required=False,
        choices=[("", _("Everything")), *Kind.choices],
        help_text=_("Only results of this kind; empty for every kind."),
    )
    limit = forms.IntegerField(
        label=_("Results per page"),
        min_value=1,
        max_value=MAX_LIMIT,
        help_text=_("How many results to return."),
    )
    offset = forms.IntegerField(
        label=_("First result"),
        min_value=0,
        max_value=MAX_HITS,
        help_text=_("How many of the best results to skip."),
    )
    defaults = {"limit": 20, "offset": 0}

    @property
    def query(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""

    @property
    def kinds(self) -> list[str]:
        kind = self.cleaned_data["type"]
        return [kind] if kind else []
