"""The Editors group: add and change content, view history; never delete vendors or
comparisons, never manage users.

Permissions are normally created after `migrate` (post_migrate), so on a fresh
database they do not exist yet here: create them first, then grant them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Editors"

# Content editors add and change.
EDITABLE = [
    "vendor",
    "plan",
    "featurecategory",
    "feature",
    "featureavailability",
    "procon",
    "criterion",
    "assessment",
    "comparison",
    "comparisonvendor",
    "comparisonsection",
    "faqentry",
    "source",
]
# Rows that belong to a vendor or a comparison: removing them is part of editing
# it (an inline row's "delete" box). Vendors and comparisons themselves, and the
# shared vocabularies (features, criteria, sources), stay undeletable.
DELETABLE = [
    "plan",
    "featureavailability",
    "procon",
    "assessment",
    "comparisonvendor",
    "comparisonsection",
    "faqentry",
]
HISTORY = ["historicalplan", "historicalfeatureavailability", "historicalassessment"]


def codenames():
    names = []
    for model in EDITABLE:
        names += [f"add_{model}", f"change_{model}", f"view_{model}"]
    names += [f"delete_{model}" for model in DELETABLE]
    names += [f"view_{model}" for model in HISTORY]
    return names


def create_editors_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        # create_permissions skips app configs without a models module, which is
        # how migration states look; it only checks that the attribute is set.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = codenames()
    permissions = list(
        Permission.objects.filter(content_type__app_label="comparisons", codename__in=wanted)
    )
    missing = set(wanted) - {permission.codename for permission in permissions}
    if missing:
        raise RuntimeError(f"Permissions missing for the Editors group: {sorted(missing)}")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.set(permissions)


def delete_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("comparisons", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_editors_group, delete_editors_group)]
