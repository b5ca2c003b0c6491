import datetime
from collections import namedtuple
from types import SimpleNamespace

from django.utils import translation

from comparisons.rows import MATRIX_FIELDS, matrix_rows

CUTOFF = datetime.date(2026, 1, 1)
FRESH = datetime.date(2026, 6, 1)
OLD = datetime.date(2025, 6, 1)
PRO = SimpleNamespace(pk=7, name="Pro")
SOURCE = SimpleNamespace(pk=3, name="Pricing page")
# What values_list(*MATRIX_FIELDS, named=True) yields.
Row = namedtuple("Row", MATRIX_FIELDS)


def values(
    pk,
    vendor_id,
    feature_id,
    *,
    status="available",
    plan_id=None,
    source_id=None,
    is_key=False,
    verified=FRESH,
    category=(1, "Sales", "sales", 0),
    feature_position=0,
):
    row = {
        "pk": pk,
        "vendor_id": vendor_id,
        "feature_id": feature_id,
        "status": status,
        "plan_id": plan_id,
        "note": f"note {pk}",
        "quantity": None,
        "is_key": is_key,
        "last_verified": verified,
        "source_id": source_id,
        "feature__name": f"F{feature_id}",
        "feature__slug": f"f{feature_id}",
        "feature__position": feature_position,
        "feature__category_id": category[0],
        "feature__category__name": category[1],
        "feature__category__slug": category[2],
        "feature__category__position": category[3],
    }
    return Row(**row)


def test_rows_carry_their_fact_plan_and_staleness():
    matrix = matrix_rows(
        [
            values(1, 10, 100, plan_id=7, verified=OLD),
            values(2, 10, 101, status="unavailable", plan_id=99),  # another vendor's plan
        ],
        plans={7: PRO},
        sources={},
        stale_before=CUTOFF,
    )
    pro, other = matrix.availabilities
    assert (pro.pk, pro.id, pro.vendor_id, pro.feature_id) == (1, 1, 10, 100)
    assert pro.plan is PRO and pro.plan_id == 7
    assert pro.note == "note 1" and pro.is_stale
    assert pro.source is None and pro.source_id is None
    # As when None was assigned to a model instance's plan: the id goes too.
    assert other.plan is None and other.plan_id is None
    assert not other.is_stale
    with translation.override("en"):
        assert other.get_status_display() == "not available"
    with translation.override("es"):
        assert other.get_status_display() == "no disponible"


def test_features_and_categories_are_built_once_and_shared():
    service = (2, "Service", "service", 1)
    matrix = matrix_rows(
        [values(1, 10, 100), values(2, 11, 100), values(3, 10, 101, category=service)],
        plans={},
        sources={},
        stale_before=CUTOFF,
    )
    assert [feature.pk for feature in matrix.features] == [100, 101]
    assert [(c.pk, c.name, c.slug) for c in matrix.categories] == [
        (1, "Sales", "sales"),
        (2, "Service", "service"),
    ]
    first, second, third = matrix.availabilities
    assert first.feature is second.feature
    assert third.feature.category is matrix.categories[1] and third.feature.category_id == 2
    assert (str(first.feature), first.feature.slug, first.feature.id) == ("F100", "f100", 100)


def test_key_rows_come_last_in_category_then_feature_order():
    late = (2, "Service", "service", 5)
    matrix = matrix_rows(
        [
            values(1, 10, 100, is_key=True, category=late, feature_position=0),
            values(2, 10, 101),
            values(3, 10, 102, is_key=True, feature_position=3),
            values(4, 10, 103, is_key=True, feature_position=1),
        ],
        plans={},
        sources={},
        stale_before=CUTOFF,
    )
    assert [row.pk for row in matrix.availabilities] == [2, 4, 3, 1]


def test_rows_carry_their_source_and_none_for_a_source_deleted_since():
    matrix = matrix_rows(
        [values(1, 10, 100, source_id=3), values(2, 10, 101, source_id=4)],
        plans={},
        sources={3: SOURCE},
        stale_before=CUTOFF,
    )
    cited, deleted = matrix.availabilities
    assert (cited.source, cited.source_id) == (SOURCE, 3)
    assert (deleted.source, deleted.source_id) == (None, None)
