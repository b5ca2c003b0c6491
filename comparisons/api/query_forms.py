"""Query parameters read by the pages' forms (comparisons.forms.QueryForm), in the API.

One definition per parameter: the form validates it for the page and the API
alike, `check_query` answers its errors as a 400 naming the parameter, and
`openapi_parameters` documents it in the schema from the form's field. An API
view lists the forms it reads in `query_forms`: the schema (ApiAutoSchema) and
the response cache's key (query.py) follow that list.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

from ..forms import QueryForm, SlugsField
from .filters import SLUG_PATTERN


def check_query(*query_forms: forms.Form) -> None:
    """Raise a 400 naming every parameter any of `query_forms` finds wrong."""
    errors: dict[str, list[str]] = {}
    for form in query_forms:
        if not form.is_valid():
            for name, messages in form.errors.items():
                key = api_settings.NON_FIELD_ERRORS_KEY if name == NON_FIELD_ERRORS else name
                errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def openapi_parameters(*form_classes: type[QueryForm]) -> list[OpenApiParameter]:
    """The OpenAPI description of the forms' fields as query parameters."""
    return [parameter for form_class in form_classes for parameter in _form_parameters(form_class)]


def _form_parameters(form_class: type[QueryForm]) -> Iterable[OpenApiParameter]:
    for name, field in form_class.base_fields.items():
        yield OpenApiParameter(
            name,
            type=_schema(field),
            location=OpenApiParameter.QUERY,
            required=field.required and name not in form_class.defaults,
            description=field.help_text or field.label or "",
            default=form_class.defaults.get(name),
        )
    for alias, name in form_class.aliases.items():
        yield OpenApiParameter(
            alias,
            type=_schema(form_class.base_fields[name]),
            location=OpenApiParameter.QUERY,
            description=f"Former name of `{name}`, still read.",
            deprecated=True,
        )


def _schema(field: forms.Field) -> dict[str, Any]:
    if hasattr(field, "openapi_schema"):
        return field.openapi_schema()
    if isinstance(field, forms.IntegerField):
        schema: dict[str, Any] = {"type": "integer"}
        if field.min_value is not None:
            schema["minimum"] = field.min_value
        if field.max_value is not None:
            schema["maximum"] = field.max_value
        return schema
    if isinstance(field, SlugsField):
        schema = {"type": "array", "items": {"type": "string", "pattern": SLUG_PATTERN}}
        if field.min_count:
            schema["minItems"] = field.min_count
        schema["maxItems"] = field.max_count
        return schema
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [str(value) for value, _label in field.choices]}
    if isinstance(field, forms.BooleanField):
        return {"type": "boolean"}
    return {"type": "string"}
