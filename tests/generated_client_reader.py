"""Read every GET operation of the API through a client generated from its schema.

Not a test module: tests/test_api_generated_client.py runs it with the generator's own
Python (a separate virtualenv), where the generated package is importable:

    python generated_client_reader.py PACKAGE BASE_URL

It prints one JSON object: for each operation, the status and the class the client
parsed the answer into (or the exception it raised), and what the comparison's
matrix held once parsed.
"""

import importlib
import inspect
import json
import pkgutil
import sys
import traceback

package_name, base_url = sys.argv[1:3]
package = importlib.import_module(package_name)
api = importlib.import_module(f"{package_name}.api")
client = package.Client(base_url=base_url, raise_on_unexpected_status=True)


def read_operations():
    """Every generated module for a GET operation, by operation id."""
    for group in pkgutil.iter_modules(api.__path__):
        subpackage = importlib.import_module(f"{api.__name__}.{group.name}")
        for module in pkgutil.iter_modules(subpackage.__path__):
            operation = importlib.import_module(f"{subpackage.__name__}.{module.name}")
            if '"method": "get"' in inspect.getsource(operation._get_kwargs):
                yield module.name, operation


operations = dict(read_operations())
report = {"operations": {}}


def call(name, **kwargs):
    try:
        response = operations[name].sync_detailed(client=client, **kwargs)
    # Whatever the generated parser raises (TypeError, KeyError...) is the finding.
    except Exception as error:  # noqa: BLE001
        report["operations"][name] = {"error": "".join(traceback.format_exception(error))}
        return None
    parsed = response.parsed
    report["operations"][name] = {
        "status": int(response.status_code),
        "parsed": type(parsed).__name__,
    }
    return parsed


# Lists first: their first items give the ids and slugs the details are read with.
lists = {name: call(name) for name in sorted(operations) if name.endswith("_list")}
first = {name.removesuffix("_list"): page.results[0] for name, page in lists.items() if page}

comparison = first["comparisons"].slug
vendor_slugs = [vendor.slug for vendor in lists["vendors_list"].results[:2]]
arguments = {
    "comparisons_retrieve": {"slug": comparison},
    "comparisons_cost_retrieve": {"slug": comparison, "users": 5},
    "comparisons_cost_series_retrieve": {"slug": comparison},
    "comparisons_fit_retrieve": {"slug": comparison},
    "comparisons_recommendation_retrieve": {
        "slug": comparison,
        "users": 5,
        "need": ["correo-marketing"],
    },
    "comparisons_csv_retrieve": {"slug": comparison},
    "vendors_price_history_retrieve": {"slug": vendor_slugs[0]},
    "tools_cost_retrieve": {"users": 5, "vendors": vendor_slugs},
    "tools_cost_series_retrieve": {"vendors": vendor_slugs},
    "tools_fit_retrieve": {"vendors": vendor_slugs},
    "tools_recommendation_retrieve": {"users": 5, "vendors": vendor_slugs},
    "search_retrieve": {"q": "crm"},
}
details = {}
for name in sorted(operations):
    if name in report["operations"]:
        continue
    if name in arguments:
        details[name] = call(name, **arguments[name])
        continue
    resource = name.removesuffix("_retrieve")
    if resource in first:
        # The lookup is the operation's only positional parameter: slug, id or history_id.
        code = operations[name].sync_detailed.__code__
        lookup = code.co_varnames[: code.co_argcount][0]
        call(name, **{lookup: getattr(first[resource], lookup)})
        continue
    report["operations"][name] = {"error": "the reader does not know how to call it"}

detail = details["comparisons_retrieve"]
if detail is not None:
    table = detail.table
    report["comparison"] = {
        "columns": len(table.columns),
        "feature_cells": [
            cell is None
            for group in table.feature_groups
            for row in group.rows
            for cell in row.cells
        ],
        "criterion_cells": [cell is None for row in table.criteria for cell in row.cells],
        "source_urls": [source.url for source in detail.sources],
    }

sys.stdout.write(json.dumps(report))
