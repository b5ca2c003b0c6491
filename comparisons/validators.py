"""Field validators shared by the models, forms, admin and API."""

from babel.numbers import is_currency
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.translation import gettext_lazy as _


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
