"""Field validators shared by the models, forms, admin and API."""

import re

import soupsieve
from babel.numbers import is_currency
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from core.netguard import UnsafeURL, check_url


def validate_currency(value: str) -> None:
    """Accept only ISO 4217 codes that babel (CLDR) knows, e.g. "USD", "EUR"."""
    if not value or not is_currency(value):
        raise ValidationError(
            _("“%(value)s” is not a known ISO 4217 currency code (e.g. USD, EUR)."),
            code="invalid_currency",
            params={"value": value},
        )


validate_hex_color = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, e.g. #1f6feb.")
)


# Long texts are unlimited columns. These caps, checked by full_clean, make the
# admin and the API refuse a text far beyond what a reader reads (and what every
# page and cached response would carry) with an error on the field. A validator
# changes no column: the migration that records it runs no SQL.
limit_short_text = MaxLengthValidator(2_000)  # a feature's or criterion's description, a bio
limit_text = MaxLengthValidator(5_000)  # a description, an assessment, an introduction, an answer
limit_long_text = MaxLengthValidator(20_000)  # a conclusion, a section's body


def validate_watch_url(value: str) -> None:
    """A page the source watch may fetch: http(s), on a host that resolves to public addresses.

    Checked again, redirects included, each time the page is fetched.
    """
    try:
        check_url(value, allow_private=settings.SOURCE_WATCH_ALLOW_PRIVATE)
    except UnsafeURL as error:
        raise ValidationError(str(error), code="unsafe_url") from error


def validate_css_selector(value: str) -> None:
    try:
        soupsieve.compile(value)
    except soupsieve.SelectorSyntaxError as error:
        raise ValidationError(
            _("“%(selector)s” is not a valid CSS selector."),
            code="invalid_selector",
            params={"selector": value},
        ) from error


IGNORE_PATTERNS_MAX = 20


def ignore_patterns(value: str) -> list[str]:
    """The regular expressions of a "text to ignore" field: one per non-blank line."""
    return [line.strip() for line in value.splitlines() if line.strip()]


def validate_ignore_patterns(value: str) -> None:
    patterns = ignore_patterns(value)
    if len(patterns) > IGNORE_PATTERNS_MAX:
        raise ValidationError(
            _("At most %(max)d patterns."), code="too_many", params={"max": IGNORE_PATTERNS_MAX}
        )
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise ValidationError(
                _("“%(pattern)s” is not a valid regular expression: %(error)s."),
                code="invalid_pattern",
                params={"pattern": pattern, "error": error.msg},
            ) from error
