"""OpenAPI details drf-spectacular cannot infer: the language parameter, the query forms'
parameters (query_forms.py), the error answers each operation can give, null cells, and
names that do not depend on the language.

Clients are generated from this schema and parse answers exactly as it says, so it
describes what the API answers, not what it would ideally answer.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import build_array_type
from drf_spectacular.utils import OpenApiParameter, extend_schema_serializer
from rest_framework import serializers

from .filters import SLUG_PATTERN
from .query_forms import openapi_parameters
from .serializers import SlugReferenceField


@extend_schema_serializer(many=False)
class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong, in the requested language."))


@extend_schema_serializer(many=False)
class ValidationErrorSerializer(serializers.Serializer):
    """A 400's body: messages by parameter or field (see ValidationErrorSchema)."""


class ValidationErrorSchema(OpenApiSerializerExtension):
    target_class = ValidationErrorSerializer

    def map_serializer(self, auto_schema, direction):
        return {
            "type": "object",
            "description": str(
                _(
                    "Keys are the offending parameters or fields (non_field_errors for the "
                    "request as a whole), values lists of messages."
                )
            ),
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }


class NullableCellsSchema(OpenApiSerializerFieldExtension):
    """Matrix cells: one per vendor column, null where the vendor has no data."""

    target_class = "comparisons.api.comparison_serializers.CellsField"

    def map_serializer_field(self, auto_schema, direction):
        component = auto_schema.resolve_serializer(self.target.child, direction)
        return build_array_type({"allOf": [component.ref], "nullable": True})


class ComparedVendorsSchema(OpenApiSerializerFieldExtension):
    """Requests must name two vendors or more; stored comparisons are shown as they are."""

    target_class = "comparisons.api.comparison_serializers.ComparedVendorsField"

    def map_serializer_field(self, auto_schema, direction):
        schema = build_array_type({"type": "string", "pattern": SLUG_PATTERN})
        schema.update(uniqueItems=True, description="Vendor slugs in column order.")
        if direction == "request":
            schema["minItems"] = 2
        return schema


def history_type_choices():
    """For ENUM_NAME_OVERRIDES: django-simple-history declares these choices inline."""
    from ..models import Plan

    return Plan.history.model._meta.get_field("history_type").choices


def drop_titles(result, generator, request, public):
    """Remove every `title`: drf-spectacular copies them from translated verbose names,
    and client generators name classes after them (`PlansListPeriodoDeFacturaciÓN`).
    Names must be ASCII and the same in every language; descriptions carry the text."""

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("title"), str):
                del node["title"]
                # A reference wrapped only to carry the title: unwrap it.
                if list(node) == ["allOf"] and len(node["allOf"]) == 1:
                    node.update(node.pop("allOf")[0])
            for key, value in node.items():
                # A property named "title" is data, not a schema keyword.
                if key == "properties":
                    for prop in value.values():
                        walk(prop)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(result.get("paths", {}))
    walk(result.get("components", {}))
    return result


def _decimal_pattern(field) -> str | None:
    """drf-spectacular's pattern for a decimal string also matches "" and "-", which
    DRF refuses: at least one digit, before or after the point."""
    whole, places = field.max_whole_digits, field.decimal_places
    if field.localize or not whole or not places:
        return None
    return rf"^-?(?:\d{{1,{whole}}}(?:\.\d{{0,{places}}})?|\.\d{{1,{places}}})$"


LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    OpenApiParameter.QUERY,
    enum=[code for code, _name in settings.LANGUAGES],
    description=_(
        "Language of labels and messages; without it the Accept-Language header decides."
    ),
)


class ApiAutoSchema(AutoSchema):
    """Every error each operation can answer, as the views raise them.

    The view class says what applies to it: `conditional_requests` (ETag and
    If-* headers, see conditional.py) and whether its path can miss (a slug or id).
    Session authentication comes first, so missing or wrong credentials are 403
    (DRF answers 401 only when the first authenticator names a challenge).
    """

    def get_auth(self):
        # Reads need no credentials (DjangoModelPermissionsOrAnonReadOnly): say so.
        auth = super().get_auth()
        if self.method in ("GET", "HEAD") and {} not in auth:
            auth.append({})
        return auth

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, SlugReferenceField) and schema.get("type") == "string":
            # Refused before any lookup when it cannot be a slug (serializers.py).
            schema["pattern"] = SLUG_PATTERN
        if isinstance(field, serializers.DecimalField) and "pattern" in schema:
            schema["pattern"] = _decimal_pattern(field) or schema["pattern"]
        return schema

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            LANG_PARAMETER,
            *openapi_parameters(*getattr(self.view, "query_forms", ())),
        ]

    def _error_answers(self):
        conditional = getattr(self.view, "conditional_requests", False)
        has_body = self.method in ("POST", "PUT", "PATCH")
        yield "400", _("Invalid parameter or field, named in the body.")
        yield "403", _("Not signed in, wrong credentials, or without the permission.")
        if "{" in self.path:
            yield "404", _("Not found.")
        yield "406", _("The Accept header asks for a format this operation does not answer in.")
        if self.method == "DELETE":
            yield "409", _("Other data still refers to this object.")
        if conditional:
            yield "412", _("If-Match or If-Unmodified-Since failed.")
        if has_body:
            yield "415", _("The body's Content-Type is not one this operation reads.")
        yield "429", _("Too many requests; see the Retry-After header.")

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code, description in self._error_answers():
            if code not in responses:
                responses[code] = {**self._error_response(code), "description": description}
        if self.method == "GET" and getattr(self.view, "conditional_requests", False):
            responses.setdefault("304", {"description": _("Not modified (If-None-Match).")})
        return responses

    def _error_response(self, code):
        media = ["application/json"]
        if code != "400":
            return self._get_response_for_code(
                ErrorSerializer, code, media_types=media, direction="response"
            )
        response = self._get_response_for_code(
            ValidationErrorSerializer, code, media_types=media, direction="response"
        )
        if self.method in ("POST", "PUT", "PATCH"):
            # A body that cannot be parsed at all is a ParseError: {"detail": "..."}.
            error = self._get_response_for_code(
                ErrorSerializer, code, media_types=media, direction="response"
            )
            body = response["content"]["application/json"]
            body["schema"] = {
                "oneOf": [body["schema"], error["content"]["application/json"]["schema"]]
            }
        return response
