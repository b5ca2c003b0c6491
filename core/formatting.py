"""Numbers, money and dates written the way the reader's language writes them.

Every function reads the active Django language, so the same call gives
"70,00 US$" on a Spanish page and "$70.00" on an English one.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency, format_decimal, parse_pattern
from django.conf import settings
from django.utils.translation import get_language, to_locale

CENT = Decimal("0.01")


def current_locale() -> str:
    """The Babel locale of the active language ("es", "en")."""
    return to_locale(get_language() or settings.LANGUAGE_CODE)


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str) -> str:
    """An amount with its ISO 4217 currency, e.g. "1.800,00 US$" or "$1,800.00"."""
    return format_currency(to_cents(amount), currency, locale=current_locale())


def format_money_compact(amount: Decimal, currency: str) -> str:
    """Like format_money, without the cents when there are none: "700 US$", "$700"."""
    if amount != amount.to_integral_value():
        return format_money(amount, currency)
    locale = Locale.parse(current_locale())
    # The language's currency pattern, with no fraction digits.
    pattern = parse_pattern(locale.currency_formats["standard"].pattern)
    pattern.frac_prec = (0, 0)
    return pattern.apply(amount, locale, currency=currency, currency_digits=False)


def format_number(number: int | Decimal | float) -> str:
    """A count or score with the language's separators, e.g. "1.000.000" or "7,5"."""
    return format_decimal(number, locale=current_locale())


def format_day(day: date) -> str:
    """A date in the language's medium format, e.g. "3 mar 2024" or "Mar 3, 2024"."""
    return babel_format_date(day, format="medium", locale=current_locale())
