"""Structured logs: one JSON object per line, as settings.LOGGING configures them."""

import json
import logging
import sys

from django.conf import settings
from django.utils.module_loading import import_string


def json_formatter() -> logging.Formatter:
    """The formatter the "json" entry of settings.LOGGING builds, as dictConfig does."""
    config = dict(settings.LOGGING["formatters"]["json"])
    factory = import_string(config.pop("()"))
    return factory(**config)


def test_log_lines_are_json_with_extra_fields():
    record = logging.makeLogRecord(
        {"name": "comparisons", "levelname": "WARNING", "msg": "price %s", "args": ("14 €",)}
    )
    record.path = "/comparar/x/"
    record.status = 503

    line = json.loads(json_formatter().format(record))

    assert line["level"] == "WARNING"
    assert line["logger"] == "comparisons"
    assert line["message"] == "price 14 €"
    assert line["path"] == "/comparar/x/"
    assert line["status"] == 503
    assert line["time"].endswith("+00:00")


def test_exceptions_are_kept_in_one_line():
    try:
        raise ValueError("bad")
    except ValueError:
        record = logging.makeLogRecord({"msg": "failed", "exc_info": sys.exc_info()})

    output = json_formatter().format(record)

    assert "\n" not in output
    assert "ValueError: bad" in json.loads(output)["exception"]
