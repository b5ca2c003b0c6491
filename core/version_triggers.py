"""Database triggers that move the data version on every write to the catalogue's tables.

Each table of the apps in settings.DATA_VERSION_APPS (their models, the
auto-created many-to-many tables and django-simple-history's tables) gets
triggers that add 1 to core_dataversion's one row in the writing transaction:
QuerySet.update(), bulk_create(), raw SQL and another process's writes included.

- PostgreSQL: one plpgsql function and, per table, one statement-level trigger
  for INSERT, UPDATE, DELETE and TRUNCATE. It fires BEFORE the statement, so a
  transaction locks the version row before any catalogue row: two writers queue
  on the version row instead of each holding a row the other one waits for.
- SQLite: row-level AFTER INSERT, UPDATE and DELETE triggers (SQLite has no
  others); SQLite runs one writer at a time anyway.

They are installed after every `migrate` (and `flush`), as Django creates
permissions: a new catalogue model gets them without anything to remember, and
so does a table that SQLite rebuilt to alter it (rebuilding drops its triggers).
"""

import re

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.conf import settings
from django.db import connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

TRIGGER = "data_version"
FUNCTION = "core_move_data_version"
VERSION_TABLE = "core_dataversion"

POSTGRESQL_EVENTS = frozenset({"INSERT", "UPDATE", "DELETE", "TRUNCATE"})
SQLITE_EVENTS = frozenset({"INSERT", "UPDATE", "DELETE"})

POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE {VERSION_TABLE} SET version = version + 1, changed_at = clock_timestamp()
    WHERE id = 1;
    RETURN NULL;
END;
$$
"""
# pg_trigger.tgtype bits (PostgreSQL's include/catalog/pg_trigger.h).
_ROW_LEVEL = 1
_EVENT_BITS = {"INSERT": 4, "DELETE": 8, "UPDATE": 16, "TRUNCATE": 32}


def catalogue_tables(app_registry: Apps) -> list[str]:
    """The tables whose writes move the version, as the given app registry has them."""
    tables = set()
    for label in settings.DATA_VERSION_APPS:
        try:
            app_config = app_registry.get_app_config(label)
        except LookupError:
            continue
        for model in app_config.get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                tables.add(model._meta.db_table)
    return sorted(tables)


def expected_events(connection: BaseDatabaseWrapper) -> frozenset[str]:
    return POSTGRESQL_EVENTS if connection.vendor == "postgresql" else SQLITE_EVENTS


def install_version_triggers(schema_editor: BaseDatabaseSchemaEditor, tables: list[str]) -> None:
    """Create (or replace) the triggers on `tables`; tables that have them are left as they are."""
    vendor = schema_editor.connection.vendor
    quote = schema_editor.quote_name
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FUNCTION)
        for table in tables:
            schema_editor.execute(
                f"CREATE OR REPLACE TRIGGER {TRIGGER} "
                f"BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quote(table)} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
            )
    elif vendor == "sqlite":
        for table in tables:
            for event in sorted(SQLITE_EVENTS):
                # strftime('%f'): seconds with milliseconds, in the text format of
                # Django's DateTimeField on SQLite (UTC).
                schema_editor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {quote(_sqlite_name(table, event))} "
                    f"AFTER {event} ON {quote(table)} BEGIN "
                    f"UPDATE {VERSION_TABLE} SET version = version + 1, "
                    "changed_at = strftime('%Y-%m-%d %H:%M:%f', 'now') WHERE id = 1; END"
                )
    else:
        raise NotImplementedError(f"No data-version triggers for {vendor}.")


def remove_version_triggers(schema_editor: BaseDatabaseSchemaEditor, tables: list[str]) -> None:
    """Drop the triggers from `tables` (on PostgreSQL, their function once none is left)."""
    quote = schema_editor.quote_name
    if schema_editor.connection.vendor == "postgresql":
        for table in tables:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quote(table)}")
        if not installed_version_triggers(schema_editor.connection):
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    else:
        for table in tables:
            for event in sorted(SQLITE_EVENTS):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote(_sqlite_name(table, event))}")


def installed_version_triggers(connection: BaseDatabaseWrapper) -> dict[str, set[str]]:
    """What the database has: each table with version triggers, and the events they fire on."""
    installed: dict[str, set[str]] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, t.tgtype FROM pg_trigger t "
                "JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_proc p ON p.oid = t.tgfoid "
                "WHERE t.tgname = %s AND p.proname = %s AND NOT t.tgisinternal "
                "AND pg_table_is_visible(c.oid)",
                [TRIGGER, FUNCTION],
            )
            for table, tgtype in cursor.fetchall():
                if tgtype & _ROW_LEVEL:
                    continue  # not ours: ours fire once per statement
                installed[table] = {event for event, bit in _EVENT_BITS.items() if tgtype & bit}
        else:
            cursor.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            for table, sql in cursor.fetchall():
                match = _SQLITE_TRIGGER.search(sql or "")
                if match:
                    installed.setdefault(table, set()).add(match["event"].upper())
    return installed


def install_after_migrate(*, using: str, apps: Apps = global_apps, **kwargs) -> None:
    """post_migrate receiver: every catalogue table gets its triggers; the version moves.

    `apps` is the models as migrated (`flush` sends none: the current models).
    Moving the version after a migration means no response cached by the
    previous release (or before a data migration) is served by the next one.
    """
    from .data_version import move_version

    if not router.allow_migrate(using, "core"):
        return
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    if VERSION_TABLE not in existing:
        return  # core's migrations were unapplied
    installed = installed_version_triggers(connection)
    events = expected_events(connection)
    missing = [
        table
        for table in catalogue_tables(apps)
        if table in existing and installed.get(table, set()) != events
    ]
    if missing:
        with connection.schema_editor() as schema_editor:
            install_version_triggers(schema_editor, missing)
    move_version(using=using)


def _sqlite_name(table: str, event: str) -> str:
    return f"{TRIGGER}_{table}_{event.lower()}"


# A version trigger as SQLite stores it: what install_version_triggers wrote.
_SQLITE_TRIGGER = re.compile(
    rf"AFTER\s+(?P<event>INSERT|UPDATE|DELETE)\s+ON\s+\S+\s+BEGIN\s+UPDATE\s+\"?{VERSION_TABLE}\b",
    re.IGNORECASE,
)
