"""Check an API answer against the OpenAPI schema, as a client generated from it would read it.

The schema is generated once per test session (it does not depend on the data).
Stricter than OpenAPI itself on one point: an object that lists its properties
may not carry others, so a field the schema does not mention is a failure too.
"""

import datetime
import functools
import json
import re
from urllib.parse import urlsplit

import jsonschema
from drf_spectacular.generators import SchemaGenerator

API_PREFIX = "/api/v1/"
JSON_TYPES = ("application/json", "application/problem+json")


@functools.cache
def api_schema() -> dict:
    """The OpenAPI document as the API serves it (JSON round trip: plain types only)."""
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path))


FORMATS = jsonschema.FormatChecker(["date", "regex", "email"])
FORMATS.checks("date-time")(_is_date_time)
FORMATS.checks("uri")(_is_uri)


def _as_json_schema(node):
    """OpenAPI 3.0 schema objects as JSON Schema (draft 4): `nullable` becomes a null branch,
    and objects that list their properties are closed."""
    if isinstance(node, list):
        return [_as_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _as_json_schema(value) for key, value in node.items()}
    if "properties" in converted and "additionalProperties" not in converted:
        converted["additionalProperties"] = False
    if converted.pop("nullable", False):
        if "enum" in converted and None not in converted["enum"]:
            converted["enum"] = [*converted["enum"], None]
        converted = {"anyOf": [converted, {"type": "null"}]}
    return converted


@functools.cache
def _validator_root() -> dict:
    schema = api_schema()
    return {"components": {"schemas": _as_json_schema(schema["components"]["schemas"])}}


@functools.cache
def _operations() -> list[tuple[re.Pattern, str, dict]]:
    operations = []
    for template, item in api_schema()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")
        for method, operation in item.items():
            operations.append((pattern, method.upper(), operation))
    # Literal paths before templated ones (/tools/cost/ is not /comparisons/{slug}/...).
    return sorted(operations, key=lambda entry: entry[0].pattern.count("[^/]+"))


def find_operation(method: str, path: str) -> dict | None:
    method = "GET" if method.upper() == "HEAD" else method.upper()
    for pattern, operation_method, operation in _operations():
        if operation_method == method and pattern.match(path):
            return operation
    return None


def schema_problems(*, method: str, path: str, status: int, content_type: str, body: bytes):
    """What in this answer the schema does not describe; an empty list when it all fits.

    Answers to paths or methods the schema has no operation for are not judged.
    """
    operation = find_operation(method, path)
    if operation is None:
        return []
    label = f"{method} {path} → {status}"
    responses = operation["responses"]
    documented = responses.get(str(status), responses.get("default"))
    if documented is None:
        return [f"{label}: status {status} is not documented (only {sorted(responses)})"]
    media_type = content_type.split(";")[0].strip()
    # The browsable API (HTML, for people with a browser) is not part of the contract.
    if not body or method.upper() == "HEAD" or media_type == "text/html":
        return []
    content = documented.get("content", {})
    if media_type not in content:
        return [f"{label}: {media_type} is not documented (only {sorted(content)})"]
    if media_type not in JSON_TYPES:
        return []
    validator = jsonschema.Draft4Validator(
        {**_validator_root(), "allOf": [_as_json_schema(content[media_type]["schema"])]},
        format_checker=FORMATS,
    )
    return [
        f"{label}: at {'/'.join(map(str, error.absolute_path)) or 'the top'}: {error.message}"
        for error in validator.iter_errors(json.loads(body))
    ]


def request_body_problems(*, method: str, path: str, body: dict) -> list[str]:
    """What in this JSON request body the operation's request schema refuses."""
    operation = find_operation(method, path)
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    validator = jsonschema.Draft4Validator(
        {**_validator_root(), "allOf": [_as_json_schema(schema)]}, format_checker=FORMATS
    )
    return [
        f"{'/'.join(map(str, error.absolute_path)) or 'the top'}: {error.message}"
        for error in validator.iter_errors(body)
    ]


def check_response(response, *, method: str | None = None) -> None:
    """Fail the test if a Django test client's response strays from the schema."""
    request = response.wsgi_request
    problems = schema_problems(
        method=method or request.method,
        path=request.path,
        status=response.status_code,
        content_type=response.get("Content-Type", ""),
        body=b"" if response.streaming else response.content,
    )
    assert not problems, "The answer does not match the API schema:\n" + "\n".join(problems)
