"""Field validators shared by the models, forms, admin and API."""

from babel.numbers import is_currency
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
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
