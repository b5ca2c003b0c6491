"""OpenAPI details drf-spectacular cannot infer: the language parameter, the query forms'
parameters (query_forms.py) and error answers."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema_serializer
from rest_framework import serializers

from .query_forms import openapi_parameters


@extend_schema_serializer(many=False)
class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("What went wrong, in the requested language."))


@extend_schema_serializer(many=False)
class ValidationErrorSerializer(serializers.Serializer):
    """Keys are the offending parameters or fields, values lists of messages."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)


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
    def get_auth(self):
        # Reads need no credentials (DjangoModelPermissionsOrAnonReadOnly): say so.
        auth = super().get_auth()
        if self.method in ("GET", "HEAD") and {} not in auth:
            auth.append({})
        return auth

    def get_override_parameters(self):
        return [
            *super().get_override_parameters(),
            LANG_PARAMETER,
            *openapi_parameters(*getattr(self.view, "query_forms", ())),
        ]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        errors = {
            "400": (ValidationErrorSerializer, _("Invalid parameter or field, named in the body.")),
            "401": (ErrorSerializer, _("Invalid credentials.")),
            "403": (ErrorSerializer, _("Not signed in, or without the permission.")),
            "412": (ErrorSerializer, _("If-Match or If-Unmodified-Since failed.")),
            "429": (ErrorSerializer, _("Too many requests; see the Retry-After header.")),
        }
        if "{" in self.path:
            errors["404"] = (ErrorSerializer, _("Not found."))
        if self.method == "DELETE":
            errors["409"] = (ErrorSerializer, _("Other data still refers to this object."))
        for code, (serializer, description) in errors.items():
            if code not in responses:
                response = self._get_response_for_code(
                    serializer, code, media_types=["application/json"], direction=direction
                )
                response["description"] = description
                responses[code] = response
        if self.method == "GET":
            responses.setdefault("304", {"description": _("Not modified (If-None-Match).")})
        return responses
