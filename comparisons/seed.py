"""Loading the seed article (fixtures/seed.json), with the history its facts start from.

`loaddata` saves rows raw, so django-simple-history records nothing. Each fact
of a model with history gets its first version here, dated at its last
verification and marked as loaded (`changes.LOADED`): the price history starts
on the day the seed's figures were checked, and the change log does not count
the load as a change. Reloading over edited rows (`force`) is a change, though:
the public sees the seed's values again, so each row it restores gets a new
version dated now, which the change log lists like an editor's edit.
"""

import json
from collections import defaultdict
from datetime import datetime, time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from .changes import LOADED, RESTORED
from .models import Vendor

SEED = Path(settings.BASE_DIR) / "fixtures" / "seed.json"


def load_seed(*, force: bool = False, verbosity: int = 1) -> bool:
    """Load the seed; without `force` only into an empty catalogue. Returns whether it did."""
    if Vendor.objects.exists() and not force:
        return False
    with transaction.atomic():
        call_command("loaddata", str(SEED), verbosity=verbosity)
        for model, pks in _seed_keys().items():
            if hasattr(model._meta, "simple_history_manager_attribute"):
                record_loaded_versions(model, pks=pks)
    return True


def _seed_keys() -> dict[type[Model], list]:
    keys: dict[type[Model], list] = defaultdict(list)
    for item in json.loads(SEED.read_text(encoding="utf-8")):
        keys[apps.get_model(item["model"])].append(item["pk"])
    return keys


def record_loaded_versions(model: type[Model], *, pks: list) -> None:
    """Give the loaded rows `pks` of `model` the history versions described above."""
    history = getattr(model, model._meta.simple_history_manager_attribute)
    key = model._meta.pk.attname
    records = history.filter(**{f"{key}__in": pks}).order_by("history_date", "history_id")
    latest = {getattr(record, key): record for record in records}
    now = timezone.now()
    first, readded, changed = [], [], []
    for instance in model.objects.filter(pk__in=pks):
        previous = latest.get(instance.pk)
        if previous is None:
            instance._history_date = min(_verified_at(instance), now)
            first.append(instance)
        elif previous.history_type == "-":
            readded.append(instance)
        elif _differs(previous, instance, history.model.tracked_fields):
            changed.append(instance)
    history.bulk_history_create(first, default_change_reason=LOADED)
    history.bulk_history_create(readded, default_change_reason=RESTORED, default_date=now)
    history.bulk_history_create(
        changed, update=True, default_change_reason=RESTORED, default_date=now
    )


def _verified_at(instance: Model) -> datetime:
    verified = getattr(instance, "last_verified", None)
    if verified is None:
        return timezone.now()
    return timezone.make_aware(datetime.combine(verified, time.min))


def _differs(record, instance: Model, fields) -> bool:
    return any(
        getattr(record, field.attname) != getattr(instance, field.attname) for field in fields
    )
