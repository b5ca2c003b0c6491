"""Build a whole comparison (vendors, plans, features, verdicts, FAQ) from factories.

Tests call `build_catalogue` at two sizes to show a page's query count does not
grow with the data.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.management import call_command

from comparisons import models
from tests import factories


@dataclass
class Catalogue:
    comparison: models.Comparison
    vendors: list[models.Vendor]
    features: list[models.Feature]
    criteria: list[models.Criterion]


STATUSES = list(models.FeatureAvailability.Status.values)


def build_catalogue(
    *,
    vendors: int = 2,
    plans: int = 3,
    categories: int = 2,
    features_per_category: int = 3,
    criteria: int = 3,
    faq: int = 2,
    published: bool = True,
    slug: str = "alpha-vs-beta",
) -> Catalogue:
    source = factories.SourceFactory(title="Vendor pricing page", publisher="Example")
    vendor_objs = [
        factories.VendorFactory(name=f"{name} CRM", slug=f"{name.lower()}-crm")
        for name in ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"][:vendors]
    ]
    while len(vendor_objs) < vendors:
        vendor_objs.append(factories.VendorFactory())
    plan_objs = {}
    for v_index, vendor in enumerate(vendor_objs):
        plan_objs[vendor.pk] = [
            factories.PlanFactory(
                vendor=vendor,
                name=f"{vendor.name.split()[0]} Plan {p + 1}",
                slug=f"plan-{p + 1}",
                position=p,
                price=Decimal(0) if p == 0 else Decimal(10 * (p + 1) + v_index * 5),
                is_free=p == 0,
                is_from_price=p == 1,
                users_included=None if p == 0 else 1,
                user_limit=3 if p == 0 else None,
                contacts_included=1000 * (p + 1),
                contact_limit=100000,
                source=source,
            )
            for p in range(plans)
        ]
        factories.PlanFactory(
            vendor=vendor,
            name="Extra storage",
            slug="extra-storage",
            kind=models.Plan.Kind.ADDON,
            price=Decimal("4.00"),
            pricing_unit=models.Plan.PricingUnit.PER_ACCOUNT,
            source=source,
        )
        factories.ProConFactory(vendor=vendor, kind="pro", text=f"{vendor.name} is flexible")
        factories.ProConFactory(vendor=vendor, kind="con", text=f"{vendor.name} has few templates")
    feature_objs = []
    for c in range(categories):
        category = factories.FeatureCategoryFactory(name=f"Category {c + 1}")
        for f in range(features_per_category):
            feature = factories.FeatureFactory(category=category, name=f"Feature {c + 1}.{f + 1}")
            feature_objs.append(feature)
            for v_index, vendor in enumerate(vendor_objs):
                factories.FeatureAvailabilityFactory(
                    vendor=vendor,
                    feature=feature,
                    # Odd features differ between vendors, even ones are equal.
                    status=STATUSES[(f + v_index) % len(STATUSES)] if f % 2 else "available",
                    plan=plan_objs[vendor.pk][-1] if f % 2 else None,
                    note="Needs setup" if f % 2 else "",
                    is_key=f == 0,
                    source=source,
                )
    criterion_objs = []
    comparison = factories.ComparisonFactory(
        title=" vs ".join(vendor.name for vendor in vendor_objs) + ": which CRM?",
        slug=slug,
        vendors=vendor_objs,
        is_published=published,
        overall_winner=vendor_objs[0],
        conclusion="Alpha wins for small teams.",
        author_bio="Writes about CRMs.",
    )
    comparison.sources.add(source)
    for c in range(criteria):
        criterion = factories.CriterionFactory(
            name=f"Criterion {c + 1}", at_a_glance=c < 2, position=c
        )
        criterion_objs.append(criterion)
        for v_index, vendor in enumerate(vendor_objs):
            factories.AssessmentFactory(
                vendor=vendor,
                criterion=criterion,
                verdict=f"{vendor.name} verdict on {criterion.name}",
                score=Decimal(8 - v_index),
                source=source,
            )
        factories.ComparisonSectionFactory(
            comparison=comparison,
            criterion=criterion,
            title=f"{criterion.name} compared",
            winner=vendor_objs[0] if c % 2 == 0 else None,
            position=c,
        )
    for q in range(faq):
        factories.FAQEntryFactory(
            comparison=comparison, question=f"Is question {q + 1} answered?", position=q
        )
    return Catalogue(
        comparison=comparison,
        vendors=vendor_objs,
        features=feature_objs,
        criteria=criterion_objs,
    )


def make_stale(fact) -> None:
    type(fact).objects.filter(pk=fact.pk).update(
        last_verified=datetime.date.today() - datetime.timedelta(days=400)
    )


def generate_catalogue(*, vendors: int, prefix: str) -> None:
    """A small generated catalogue (12 features, 3 plans a vendor, 3 criteria) of `vendors`
    vendors and a published comparison of them all, `/comparar/<prefix>-all-vendors/`."""
    call_command(
        "generate_catalog",
        prefix=prefix,
        vendors=vendors,
        features=12,
        plans_per_vendor=3,
        criteria=3,
        seed=1,
        stdout=None,
    )
