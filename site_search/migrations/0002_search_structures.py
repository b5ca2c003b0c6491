"""What each database needs beyond the tables: pg_trgm and a GIN index on PostgreSQL,
an FTS5 table on SQLite (each step does nothing on the other database); the index's
state row."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations
from django.utils import timezone

FTS_TABLE = "site_search_fts"


class TrigramExtensionKept(TrigramExtension):
    """pg_trgm, created if missing and kept when the migration is reversed: other things
    in the database may use it (and Django's reversal fails on SQLite)."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def create_structures(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX site_search_vector_gin ON site_search_searchdocument "
            "USING gin (search_vector)"
        )
    elif vendor == "sqlite":
        # Columns hold Snowball stems (site_search/text.py); remove_diacritics covers any
        # accent the stemmer leaves.
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 2')"
        )


def create_state_row(apps, schema_editor):
    # A row from the start, for every rebuild to lock (search.rebuild_index): two first
    # searches at once would otherwise both build the index.
    IndexState = apps.get_model("site_search", "IndexState")
    IndexState.objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"version": 0, "built_at": timezone.now()}
    )


def drop_structures(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS site_search_vector_gin")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_initial")]

    operations = [
        # Typo suggestions on PostgreSQL (similarity()); CREATE EXTENSION needs the right
        # to create it (docs/deploy.md). A no-op on SQLite.
        TrigramExtensionKept(),
        migrations.RunPython(create_structures, drop_structures, elidable=False),
        migrations.RunPython(create_state_row, migrations.RunPython.noop),
    ]
