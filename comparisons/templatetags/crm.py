"""Display helpers for the public pages (not used inside the feature matrix loop)."""

import copy
from decimal import Decimal

from babel.core import Locale
from babel.numbers import format_decimal
from django import template
from django.urls import translate_url
from django.utils.translation import get_language, to_locale

from ..tables import provenance_title

register = template.Library()


def format_money(amount: Decimal, currency: str, language: str | None = None) -> str:
    """ "14 US$" / "$14", "14,50 US$" / "$14.50": cents only when there are any."""
    locale = Locale.parse(to_locale(language or get_language() or "es"))
    pattern = copy.copy(locale.currency_formats["standard"])
    if amount == amount.to_integral_value():
        pattern.frac_prec = (0, 0)
    return pattern.apply(amount, locale, currency=currency, currency_digits=False)


@register.simple_tag
def money(amount, currency):
    if amount is None:
        return ""
    return format_money(Decimal(amount), currency)


@register.simple_tag
def number(value):
    """A whole number with the language's grouping: 100.000 / 100,000."""
    if value is None:
        return ""
    locale = to_locale(get_language() or "es")
    return format_decimal(value, locale=locale)


@register.filter
def provenance(fact) -> str:
    return provenance_title(fact)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's absolute URL without tracking or display parameters."""
    request = context["request"]
    return request.build_absolute_uri(context.get("canonical_path") or request.path)


@register.simple_tag(takes_context=True)
def alternate_url(context, language: str, absolute: bool = True) -> str:
    """This page in `language` (for hreflang links and the language switcher)."""
    request = context["request"]
    path = context.get("canonical_path") or request.path
    if not absolute:
        path = request.get_full_path()
    translated = translate_url(path, language)
    return request.build_absolute_uri(translated) if absolute else translated
