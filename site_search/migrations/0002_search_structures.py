"""What each database needs beyond the tables: pg_trgm and a GIN index on PostgreSQL,
an FTS5 table on SQLite. Each step does nothing on the other database."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

FTS_TABLE = "site_search_fts"


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
        TrigramExtension(),
        migrations.RunPython(create_structures, drop_structures, elidable=False),
    ]
