"""The Jinja2 environment of the public pages (templates/jinja2/).

Jinja2 renders the big public tables several times faster than the Django
template language; the admin, DRF's browsable API, drf-spectacular's pages and
form widgets keep their Django templates. The globals and filters below stand in
for Django's template tags and filters, calling the same Python functions, so a
page reads the same whichever engine draws it. Translations go through Django's
gettext, so the msgids in locale/ are shared with the rest of the site.
"""

import datetime
from decimal import Decimal
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.template import defaultfilters
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse, translate_url
from django.utils import timezone, translation
from django.utils.module_loading import module_has_submodule
from django.utils.safestring import SafeData, SafeString
from jinja2 import Environment, pass_context

from .formatting import format_day, format_money, format_money_compact, format_number

# Each app lends its own globals and filters to the pages from a module of this
# name (JINJA_GLOBALS, JINJA_FILTERS): core knows no app of the project.
APP_TEMPLATING_MODULE = "templating"


def environment(**options) -> Environment:
    # Keep each file's last newline, as Django's templates do: the pages come
    # out with the same whitespace whichever engine draws them.
    options.setdefault("keep_trailing_newline", True)
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(
        translation.gettext,
        translation.ngettext,
        newstyle=True,
        pgettext=translation.pgettext,
        npgettext=translation.npgettext,
    )
    env.globals.update(
        url=url,
        static=static,
        get_current_language=translation.get_language,
        available_languages=available_languages,
        canonical_url=canonical_url,
        alternate_url=alternate_url,
    )
    env.filters.update(
        # Django's own filters, with the same localisation and escaping.
        date=date,
        day=day,
        floatformat=django_filter(defaultfilters.floatformat),
        capfirst=django_filter(defaultfilters.capfirst),
        striptags=django_filter(defaultfilters.striptags),
        truncatechars=django_filter(defaultfilters.truncatechars),
        linebreaks=django_filter(defaultfilters.linebreaks_filter, autoescape=True),
        linebreaksbr=django_filter(defaultfilters.linebreaksbr, autoescape=True),
        # The site's own.
        money=money,
        money_compact=money_compact,
        number=number,
    )
    for module in _app_templating_modules():
        env.globals.update(getattr(module, "JINJA_GLOBALS", {}))
        env.filters.update(getattr(module, "JINJA_FILTERS", {}))
    return env


def _app_templating_modules():
    for app_config in apps.get_app_configs():
        if module_has_submodule(app_config.module, APP_TEMPLATING_MODULE):
            yield import_module(f"{app_config.name}.{APP_TEMPLATING_MODULE}")


def url(viewname: str, *args) -> str:
    """{{ url("comparisons:vendor_detail", vendor.slug) }}, like {% url %}."""
    return reverse(viewname, args=args)


def available_languages() -> list[tuple[str, str]]:
    """(code, name in the page's language) pairs, like {% get_available_languages %}."""
    return [(code, translation.gettext(name)) for code, name in settings.LANGUAGES]


@pass_context
def canonical_url(context) -> str:
    """The page's absolute URL without tracking or display parameters."""
    request = context["request"]
    return request.build_absolute_uri(context.get("canonical_path") or request.path)


@pass_context
def alternate_url(context, language: str, absolute: bool = True) -> str:
    """This page in `language` (for hreflang links and the language switcher)."""
    request = context["request"]
    path = context.get("canonical_path") or request.path
    if not absolute:
        path = request.get_full_path()
    translated = _translated_path(path, language)
    return request.build_absolute_uri(translated) if absolute else translated


def _translated_path(path: str, language: str) -> str:
    """translate_url() of a path under the script prefix the site is mounted at.

    resolve() wants the path without the prefix, reverse() adds it back;
    unresolvable paths stay as they are.
    """
    script_prefix = get_script_prefix()
    unprefixed = "/" + path.removeprefix(script_prefix) if path.startswith(script_prefix) else path
    translated = translate_url(unprefixed, language)
    return path if translated == unprefixed else translated


def date(value, arg=None) -> str:
    """Django's `date` filter; like Django's templates, in the local time zone."""
    return defaultfilters.date(timezone.template_localtime(value), arg)


def django_filter(function, **options):
    """One of Django's filters, told that Jinja's Markup is already escaped HTML.

    Django's filters keep (and do not re-escape) what Django marked safe; Jinja marks
    its own escaped strings, such as translations, with Markup instead.
    """

    def apply(value, *args):
        if hasattr(value, "__html__") and not isinstance(value, SafeData):
            value = SafeString(value.__html__())
        return function(value, *args, **options)

    return apply


def money(amount, currency: str) -> str:
    """{{ cost.total|money(cost.currency) }} → "70,00 US$" / "$70.00"."""
    if amount is None or amount == "":
        return ""
    return format_money(Decimal(amount), currency)


def money_compact(amount, currency: str) -> str:
    """A plan's price: {{ plan.price|money_compact(plan.currency) }} → "14 US$" / "$14.50"."""
    if amount is None:
        return ""
    return format_money_compact(Decimal(amount), currency)


def day(value) -> str:
    """{{ change.date|day }} → "3 mar 2026" / "Mar 3, 2026": the local date, as charts write it."""
    if isinstance(value, datetime.datetime):
        value = timezone.template_localtime(value).date()
    return format_day(value)


def number(value) -> str:
    """{{ 1000000|number }} → "1.000.000" / "1,000,000"."""
    if value is None or value == "":
        return ""
    return format_number(value)
