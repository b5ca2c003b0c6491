"""generate_catalog: a synthetic catalogue, the same for the same seed."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import F

from comparisons.models import (
    Assessment,
    Comparison,
    Criterion,
    Feature,
    FeatureAvailability,
    Plan,
    ProCon,
    Vendor,
)
from core.data_version import current_version

pytestmark = pytest.mark.django_db
AS_OF = "2026-11-01"


def generate(**options):
    arguments = {"vendors": 3, "features": 20, "plans_per_vendor": 2, "seed": 7, "as_of": AS_OF}
    arguments.update(options)
    call_command(
        "generate_catalog",
        *[f"--{name.replace('_', '-')}={value}" for name, value in arguments.items()],
        stdout=None,
    )


def snapshot() -> dict:
    """Everything generated, without database ids or write times."""
    return {
        "vendors": list(Vendor.objects.values_list("slug", "name", "best_for", "color")),
        "plans": list(
            Plan.objects.values_list(
                "vendor__slug", "slug", "price", "currency", "is_free", "last_verified"
            ).order_by("vendor__slug", "slug")
        ),
        "availabilities": list(
            FeatureAvailability.objects.values_list(
                "vendor__slug", "feature__slug", "status", "plan__slug", "note", "is_key"
            ).order_by("vendor__slug", "feature__slug")
        ),
        "assessments": list(
            Assessment.objects.values_list("vendor__slug", "criterion__slug", "score").order_by(
                "vendor__slug", "criterion__slug"
            )
        ),
    }


def test_generates_every_vendor_feature_pair_and_a_published_comparison():
    generate(vendors=3, features=20, plans_per_vendor=2, criteria=4)

    assert Vendor.objects.count() == 3
    assert Plan.objects.count() == 6
    assert Feature.objects.count() == 20
    assert FeatureAvailability.objects.count() == 60
    assert Criterion.objects.count() == 4
    assert Assessment.objects.count() == 12
    assert ProCon.objects.count() == 15
    comparison = Comparison.objects.published().get(slug="gen-all-vendors")
    assert comparison.vendors.count() == 3
    assert comparison.sections.count() == 4
    assert Plan.history.count() == 6


def test_same_seed_gives_the_same_catalogue():
    generate(seed=7)
    first = snapshot()

    generate(seed=7)  # replaces the first run's rows

    assert snapshot() == first
    assert Vendor.objects.count() == 3


def test_another_seed_gives_another_catalogue():
    generate(seed=7)
    first = snapshot()

    generate(seed=8)

    assert snapshot() != first


def test_generated_data_respects_the_model_rules():
    generate(vendors=4, features=30, plans_per_vendor=3)

    for plan in Plan.objects.all():
        plan.full_clean()
    offered = FeatureAvailability.objects.filter(plan__isnull=False)
    assert not offered.exclude(plan__vendor=F("vendor")).exists()
    assert Plan.objects.filter(last_verified__gt=datetime.date.fromisoformat(AS_OF)).count() == 0


def test_generation_moves_the_data_version_on():
    before = current_version().number

    generate()

    assert current_version().number > before


def test_prefix_keeps_several_catalogues_apart():
    generate(prefix="small", vendors=2)
    generate(prefix="large", vendors=5)

    assert Vendor.objects.filter(slug__startswith="small-").count() == 2
    assert Vendor.objects.filter(slug__startswith="large-").count() == 5
    assert (
        Comparison.objects.filter(slug__in=["small-all-vendors", "large-all-vendors"]).count() == 2
    )
