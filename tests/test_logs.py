"""Structured logs: one JSON object per line."""

import json
import logging
import sys

from core.logs import JSONFormatter


def test_log_lines_are_json_with_extra_fields():
    record = logging.makeLogRecord(
        {"name": "comparisons", "levelname": "WARNING", "msg": "price %s", "args": ("14 €",)}
    )
    record.path = "/comparar/x/"

    line = json.loads(JSONFormatter().format(record))

    assert line["level"] == "WARNING"
    assert line["logger"] == "comparisons"
    assert line["message"] == "price 14 €"
    assert line["path"] == "/comparar/x/"
    assert line["time"].endswith("+00:00")


def test_exceptions_are_kept_in_one_line():
    try:
        raise ValueError("bad")
    except ValueError:
        record = logging.makeLogRecord({"msg": "failed", "exc_info": sys.exc_info()})

    output = JSONFormatter().format(record)

    assert "\n" not in output
    assert "ValueError: bad" in json.loads(output)["exception"]
