"""Light stand-ins for the feature matrix's rows, built from `values_list(named=True)` rows.

A 10 × 600 comparison holds 6,000 availabilities: as model instances (each with
its source joined in) they were most of the page's time. These dataclasses carry
what the tables, templates, API and CSV read of a FeatureAvailability, its
Feature and its FeatureCategory, nothing more; they are never saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .models import FeatureAvailability

# The columns `matrix_rows` reads: one query joins the feature and its category
# into every availability.
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


@dataclass(slots=True, frozen=True)
class CategoryRef:
    """A FeatureCategory as the matrix shows it (a group heading)."""

    pk: int
    name: str
    slug: str
    position: int

    @property
    def id(self) -> int:
        return self.pk

    def __str__(self) -> str:
        return self.name


@dataclass(slots=True, frozen=True)
class FeatureRef:
    """A Feature as the matrix shows it (a row heading)."""

    pk: int
    name: str
    slug: str
    position: int
    category: CategoryRef

    @property
    def id(self) -> int:
        return self.pk

    @property
    def category_id(self) -> int:
        return self.category.pk

    def __str__(self) -> str:
        return self.name


# Not frozen: a frozen dataclass sets each field through object.__setattr__, many times
# slower for the thousands of rows of a big matrix (see docs/performance.md).
@dataclass(slots=True)
class AvailabilityRow:
    """A FeatureAvailability with its feature, plan and source attached; read-only by intent.

    `is_stale` is decided once, against the cutoff the whole table uses, rather
    than asking the clock per cell as the model's property does.
    """

    pk: int | None
    vendor_id: int
    feature_id: int
    feature: FeatureRef | None
    status: str
    plan_id: int | None
    plan: Any
    note: str
    quantity: int | None
    is_key: bool
    last_verified: date
    is_stale: bool
    source_id: int | None
    source: Any

    @property
    def id(self) -> int | None:
        return self.pk

    def get_status_display(self) -> str:
        return str(dict(FeatureAvailability.Status.choices).get(self.status, self.status))


@dataclass
class MatrixRows:
    availabilities: list[AvailabilityRow]
    features: list[FeatureRef]
    categories: list[CategoryRef]


def matrix_rows(
    values: Iterable[Any],
    *,
    plans: Mapping[int, Any],
    sources: Mapping[int, Any],
    stale_before: date,
) -> MatrixRows:
    """Availabilities, and their features and categories (each once), from MATRIX_FIELDS rows.

    `values` are named rows (`values_list(*MATRIX_FIELDS, named=True)`), in any order.
    `plans` and `sources` map ids to the plans and sources already fetched; a
    plan not among them (another vendor's) is left out, `plan_id` included, as
    when the model instances had None assigned to their plan; so is a source
    deleted since (SET_NULL's meaning).
    """
    availabilities = []
    key_rows = []
    features: dict[int, FeatureRef] = {}
    categories: dict[int, CategoryRef] = {}
    for row in values:
        feature = features.get(row.feature_id)
        if feature is None:
            category = categories.get(row.feature__category_id)
            if category is None:
                category = categories[row.feature__category_id] = CategoryRef(
                    pk=row.feature__category_id,
                    name=row.feature__category__name,
                    slug=row.feature__category__slug,
                    position=row.feature__category__position,
                )
            feature = features[row.feature_id] = FeatureRef(
                pk=row.feature_id,
                name=row.feature__name,
                slug=row.feature__slug,
                position=row.feature__position,
                category=category,
            )
        plan = plans.get(row.plan_id) if row.plan_id is not None else None
        source = sources.get(row.source_id) if row.source_id is not None else None
        availability = AvailabilityRow(
            pk=row.pk,
            vendor_id=row.vendor_id,
            feature_id=row.feature_id,
            feature=feature,
            status=row.status,
            plan_id=None if plan is None else row.plan_id,
            plan=plan,
            note=row.note,
            quantity=row.quantity,
            is_key=row.is_key,
            last_verified=row.last_verified,
            is_stale=row.last_verified < stale_before,
            source_id=None if source is None else row.source_id,
            source=source,
        )
        (key_rows if row.is_key else availabilities).append(availability)
    # Only the order of the key features shows (each column's "at a glance"
    # list): the few key rows go last, by category then feature position, as
    # FeatureAvailability's Meta.ordering sorted them.
    key_rows.sort(key=lambda row: (row.feature.category.position, row.feature.position))
    return MatrixRows(
        availabilities=availabilities + key_rows,
        features=list(features.values()),
        categories=list(categories.values()),
    )
