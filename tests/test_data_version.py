"""The data version: moved by database triggers on every catalogue table, read from the database."""

import json
import os
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

from comparisons.models import Plan
from core.data_version import current_version
from core.models import DataVersion
from core.version_triggers import (
    catalogue_tables,
    expected_events,
    installed_version_triggers,
    remove_version_triggers,
)
from tests.factories import PlanFactory
from tests.fresh_python import run_django

pytestmark = pytest.mark.django_db


def test_every_table_of_the_catalogue_has_its_version_triggers():
    in_database = {
        table
        for table in connection.introspection.table_names()
        if table.startswith("comparisons_")
    }
    tables = in_database | set(catalogue_tables(apps))
    # The models' tables, the auto-created many-to-many ones and the history's.
    assert {"comparisons_plan", "comparisons_comparison_sources", "comparisons_historicalplan"} <= (
        tables
    )
    installed = installed_version_triggers(connection)

    missing = {
        table: sorted(expected_events(connection) - installed.get(table, set()))
        for table in sorted(tables)
        if installed.get(table) != expected_events(connection)
    }

    assert missing == {}


def test_a_write_moves_the_version_only_when_it_commits():
    plan = PlanFactory()
    before = current_version().number

    with pytest.raises(RuntimeError), transaction.atomic():
        Plan.objects.filter(pk=plan.pk).update(price=Decimal("99"))
        assert current_version().number > before  # seen inside the writing transaction
        raise RuntimeError("rolled back")

    assert current_version().number == before


def test_a_deleted_version_row_comes_back_with_a_number_never_used_before():
    PlanFactory()
    before = current_version().number

    DataVersion.objects.all().delete()

    assert current_version().number > before


@pytest.mark.django_db(transaction=True)
def test_migrate_gives_a_table_back_the_triggers_it_lost_and_moves_the_version():
    # SQLite rebuilds a table to alter one of its columns, which drops its triggers.
    with connection.schema_editor() as schema_editor:
        remove_version_triggers(schema_editor, ["comparisons_plan"])
    assert "comparisons_plan" not in installed_version_triggers(connection)
    before = current_version().number

    call_command("migrate", verbosity=0)

    assert installed_version_triggers(connection)["comparisons_plan"] == expected_events(connection)
    # A new release's code may render pages differently: nothing cached before it is served.
    assert current_version().number > before


# `make run` beside a command: the server process (this script, with `make run`'s
# local-memory cache) serves a plan, a shell in another process updates it with
# QuerySet.update(), and the next request shows the new price.
SERVER_BESIDE_A_SHELL = """
import json, subprocess, sys
from django.core.management import call_command
from django.test import Client
from tests.factories import PlanFactory

call_command("migrate", verbosity=0)
plan = PlanFactory(price="14.00")
urls = [f"/api/v1/plans/{plan.pk}/", f"/en/crm/{plan.vendor.slug}/"]
client = Client()

def read():
    api, page = (client.get(url) for url in urls)
    return [api["X-Cache"], api.json()["price"], page["X-Cache"], "$16.50" in page.text]

answers = [read(), read()]
update = f"from comparisons.models import Plan; Plan.objects.filter(pk={plan.pk})"
subprocess.run(
    [sys.executable, "manage.py", "shell", "-c", update + ".update(price=16.5)"], check=True
)
answers.append(read())
print(json.dumps(answers))
"""


@pytest.mark.django_db(transaction=True)
def test_a_write_by_another_process_shows_on_the_next_request_with_the_local_cache(tmp_path):
    if connection.vendor == "postgresql":
        # The test database, which this test leaves committed to and flushes after.
        url = urlparse(os.environ["DATABASE_URL"])
        database_url = url._replace(path="/" + connection.settings_dict["NAME"]).geturl()
    else:
        database_url = f"sqlite:///{tmp_path / 'db.sqlite3'}"

    result = run_django(SERVER_BESIDE_A_SHELL, DATABASE_URL=database_url)

    assert result.returncode == 0, result.stderr
    first, second, after_the_update = json.loads(result.stdout.strip().splitlines()[-1])
    assert first == ["miss", "14.00", "miss", False]
    assert second == ["hit", "14.00", "hit", False]
    assert after_the_update == ["miss", "16.50", "miss", True]
