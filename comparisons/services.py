"""Writes that go beyond one model's fields, called alike by the admin, the API and commands."""

from django.db.models import QuerySet
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from core.data_version import data_changed

VERIFIED_FIELDS = ["last_verified", "verified_at", "updated_at"]


def mark_verified(facts: QuerySet, *, user) -> int:
    """An editor verified `facts` now: last verified today, at this moment.

    One UPDATE (and one history INSERT) whatever the number of facts. Moves
    `updated_at` too, so an edit form opened before cannot overwrite it.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    objs = list(facts)
    if not objs:
        return 0
    for obj in objs:
        obj.last_verified, obj.verified_at, obj.updated_at = today, now, now
    model = facts.model
    if hasattr(model, "history"):
        bulk_update_with_history(objs, model, VERIFIED_FIELDS, default_user=user)
    else:
        model.objects.bulk_update(objs, VERIFIED_FIELDS)
    # bulk_update sends no signals: move the data version by hand.
    data_changed()
    return len(objs)
