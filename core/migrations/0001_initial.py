import time

from django.db import migrations, models
from django.utils import timezone


def create_row(apps, schema_editor):
    DataVersion = apps.get_model("core", "DataVersion")
    DataVersion.objects.using(schema_editor.connection.alias).create(
        pk=1, version=time.time_ns() // 1000, changed_at=timezone.now()
    )


def remove_triggers(apps, schema_editor):
    """Without the version's table, the triggers installed after `migrate` would fail writes."""
    from core.version_triggers import installed_version_triggers, remove_version_triggers

    tables = sorted(installed_version_triggers(schema_editor.connection))
    remove_version_triggers(schema_editor, tables)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.BigIntegerField()),
                ("changed_at", models.DateTimeField()),
            ],
            options={
                "ordering": ["pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("pk", 1)), name="data_version_single_row"
                    )
                ],
            },
        ),
        # The triggers themselves are installed after every migrate (core/version_triggers.py).
        migrations.RunPython(create_row, remove_triggers),
    ]
