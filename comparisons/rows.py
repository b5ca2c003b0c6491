"""Light stand-ins for the feature matrix's rows, built from `values_list()` tuples.

A 10 × 600 comparison holds 6,000 availabilities: as model instances (each
with its source joined in) they were most of the page's time (issue 7). These
slotted classes carry what the tables, templates, API and CSV read of a
FeatureAvailability, its Feature and its FeatureCategory, nothing more; they
are read-only by intent, never saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .models import FeatureAvailability
from .models.catalog import choice_label

# The columns `matrix_rows` reads, in this order: one query joins the feature
# and its category into every availability.
MATRIX_FIELDS = (
    "pk",
    "vendor_id",
    "feature_id",
    "status",
    "plan_id",
    "note",
    "quantity",
    "is_key",
    "last_verified",
    "source_id",
    "feature__name",
    "feature__slug",
    "feature__position",
    "feature__category_id",
    "feature__category__name",
    "feature__category__slug",
    "feature__category__position",
)


class _Ref:
    """What a matrix heading needs of a model row: its pk (also as id), name, slug, position."""

    __slots__ = ("name", "pk", "position", "slug")

    @property
    def id(self) -> int:
        return self.pk

    def __str__(self) -> str:
        return self.name

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.pk}: {self.name}>"


class CategoryRef(_Ref):
    """A FeatureCategory as the matrix shows it (a group heading)."""

    __slots__ = ()

    def __init__(self, pk: int, name: str, slug: str, position: int) -> None:
        self.pk = pk
        self.name = name
        self.slug = slug
        self.position = position


class FeatureRef(_Ref):
    """A Feature as the matrix shows it (a row heading)."""

    __slots__ = ("category", "category_id")

    def __init__(self, pk: int, name: str, slug: str, position: int, category: CategoryRef):
        self.pk = pk
        self.name = name
        self.slug = slug
        self.position = position
        self.category = category
        self.category_id = category.pk


class AvailabilityRow:
    """A FeatureAvailability with its plan, feature and source attached.

    `is_stale` is decided once, against the cutoff the whole table uses, rather
    than asking the clock per cell as the model's property does.
    """

    __slots__ = (
        "feature",
        "feature_id",
        "is_key",
        "is_stale",
        "last_verified",
        "note",
        "pk",
        "plan",
        "plan_id",
        "quantity",
        "source",
        "source_id",
        "status",
        "vendor_id",
    )

    def __init__(
        self,
        *,
        pk: int | None,
        vendor_id: int,
        feature_id: int,
        status: str,
        last_verified: date,
        is_stale: bool,
        feature: Any = None,
        plan_id: int | None = None,
        plan: Any = None,
        note: str = "",
        quantity: int | None = None,
        is_key: bool = False,
        source_id: int | None = None,
        source: Any = None,
    ) -> None:
        self.pk = pk
        self.vendor_id = vendor_id
        self.feature_id = feature_id
        self.feature = feature
        self.status = status
        self.plan_id = plan_id
        self.plan = plan
        self.note = note
        self.quantity = quantity
        self.is_key = is_key
        self.last_verified = last_verified
        self.is_stale = is_stale
        self.source_id = source_id
        self.source = source

    @property
    def id(self) -> int:
        return self.pk

    def get_status_display(self) -> str:
        return choice_label(FeatureAvailability.Status, self.status)

    def __repr__(self) -> str:
        return f"<AvailabilityRow vendor={self.vendor_id} feature={self.feature_id}: {self.status}>"


@dataclass
class MatrixRows:
    availabilities: list[AvailabilityRow]
    features: list[FeatureRef]
    categories: list[CategoryRef]


def matrix_rows(
    values: Iterable[tuple], *, plans: Mapping[int, Any], stale_before: date
) -> MatrixRows:
    """Availabilities, and their features and categories (each once), from MATRIX_FIELDS tuples.

    The tuples may come in any order.

    `plans` maps plan ids to the plans already fetched; a plan not among them
    (another vendor's) is left out, `plan_id` included, as when the model
    instances had None assigned to their plan.
    """
    availabilities = []
    key_rows = []
    new_row = object.__new__
    features: dict[int, FeatureRef] = {}
    categories: dict[int, CategoryRef] = {}
    for (
        pk,
        vendor_id,
        feature_id,
        status,
        plan_id,
        note,
        quantity,
        is_key,
        last_verified,
        source_id,
        feature_name,
        feature_slug,
        feature_position,
        category_id,
        category_name,
        category_slug,
        category_position,
    ) in values:
        feature = features.get(feature_id)
        if feature is None:
            category = categories.get(category_id)
            if category is None:
                category = categories[category_id] = CategoryRef(
                    category_id, category_name, category_slug, category_position
                )
            feature = features[feature_id] = FeatureRef(
                feature_id, feature_name, feature_slug, feature_position, category
            )
        plan = plans.get(plan_id) if plan_id is not None else None
        # Slots filled here rather than through __init__: keyword arguments
        # cost more than the rest of the loop, 6,000 times at 10 × 600.
        row = new_row(AvailabilityRow)
        row.pk = pk
        row.vendor_id = vendor_id
        row.feature_id = feature_id
        row.feature = feature
        row.status = status
        row.plan_id = None if plan is None else plan_id
        row.plan = plan
        row.note = note
        row.quantity = quantity
        row.is_key = is_key
        row.last_verified = last_verified
        row.is_stale = last_verified < stale_before
        row.source_id = source_id
        row.source = None
        (key_rows if is_key else availabilities).append(row)
    # Only the order of the key features shows (each column's "at a glance"
    # list): the few key rows go last, by category then feature position, as
    # FeatureAvailability's Meta.ordering sorted them.
    key_rows.sort(key=lambda row: (row.feature.category.position, row.feature.position))
    return MatrixRows(
        availabilities=availabilities + key_rows,
        features=list(features.values()),
        categories=list(categories.values()),
    )
