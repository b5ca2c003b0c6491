"""Fill the database with a synthetic catalogue, for tests and benchmarks.

    python manage.py generate_catalog --vendors 10 --features 600 --plans-per-vendor 4 --seed 1

Creates N vendors with P plans each, M features in categories, an availability
for every vendor × feature, criteria with an assessment for every vendor, pros
and cons, and one published comparison of all the generated vendors at
/comparar/<prefix>-all-vendors/. The same seed (and --as-of date) gives the same
rows. Every generated slug starts with --prefix; a new run first deletes what an
earlier run with that prefix made, so the command can be repeated.
"""

import datetime
import random
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from comparisons.models import (
    Assessment,
    Comparison,
    ComparisonSection,
    Criterion,
    FAQEntry,
    Feature,
    FeatureAvailability,
    FeatureCategory,
    Plan,
    ProCon,
    Source,
    Vendor,
)
from comparisons.services import comparison_set_vendors

STATUSES = [
    (FeatureAvailability.Status.AVAILABLE, 60),
    (FeatureAvailability.Status.LIMITED, 15),
    (FeatureAvailability.Status.ADDON, 10),
    (FeatureAvailability.Status.UNAVAILABLE, 15),
]
PLAN_NAMES = ["Free", "Starter", "Standard", "Professional", "Enterprise", "Ultimate"]
BASE_PRICES = [9, 12, 14, 15, 18, 20, 25, 29]
CRITERIA = [
    "Ease of use",
    "Value for money",
    "Customer support",
    "Integrations",
    "Reporting",
    "Automation",
    "Security",
    "Mobile app",
]
BATCH = 2000


def comparison_slug(prefix: str) -> str:
    return f"{prefix}-all-vendors"


class Command(BaseCommand):
    help = "Fill the database with a deterministic synthetic catalogue (tests, benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--vendors", type=int, default=10)
        parser.add_argument("--features", type=int, default=600)
        parser.add_argument("--plans-per-vendor", type=int, default=4)
        parser.add_argument("--categories", type=int, default=None, help="default: M/25, 1..12")
        parser.add_argument("--criteria", type=int, default=6, help=f"1..{len(CRITERIA)}")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--prefix", default="gen", help="slug prefix of everything made")
        parser.add_argument(
            "--as-of",
            type=datetime.date.fromisoformat,
            default=None,
            help="date the 'last verified' dates count back from (default: today)",
        )

    def handle(self, *args, **options):
        vendors, features = options["vendors"], options["features"]
        plans = options["plans_per_vendor"]
        categories = options["categories"] or max(1, min(12, features // 25))
        criteria = options["criteria"]
        if vendors < 1 or features < 1 or plans < 1 or not 1 <= criteria <= len(CRITERIA):
            raise CommandError("--vendors, --features, --plans-per-vendor must be at least 1.")
        generator = CatalogGenerator(
            prefix=options["prefix"],
            rng=random.Random(options["seed"]),
            as_of=options["as_of"] or timezone.localdate(),
        )
        with transaction.atomic():
            generator.delete_previous()
            comparison = generator.generate(
                vendors=vendors,
                features=features,
                plans_per_vendor=plans,
                categories=min(categories, features),
                criteria=criteria,
            )
        self.stdout.write(
            f"Generated {vendors} vendors × {features} features "
            f"({vendors * features} availabilities), {vendors * plans} plans; "
            f"comparison at {comparison.get_absolute_url()}"
        )


class CatalogGenerator:
    def __init__(self, *, prefix: str, rng: random.Random, as_of: datetime.date):
        self.prefix = prefix
        self.rng = rng
        self.as_of = as_of

    def slug(self, kind: str, number: int) -> str:
        return f"{self.prefix}-{kind}-{number:04d}"

    def verified(self) -> datetime.date:
        return self.as_of - datetime.timedelta(days=self.rng.randint(0, 120))

    def delete_previous(self) -> None:
        starts = f"{self.prefix}-"
        Comparison.objects.filter(slug=comparison_slug(self.prefix)).delete()
        Vendor.objects.filter(slug__startswith=starts).delete()
        Feature.objects.filter(slug__startswith=starts).delete()
        FeatureCategory.objects.filter(slug__startswith=starts).delete()
        Criterion.objects.filter(slug__startswith=starts).delete()
        Source.objects.filter(title__startswith=starts).delete()

    def generate(self, *, vendors, features, plans_per_vendor, categories, criteria) -> Comparison:
        label = self.prefix.title()
        Vendor.objects.bulk_create(
            Vendor(
                name=f"{label} CRM {number:03d}",
                slug=self.slug("vendor", number),
                website=f"https://{self.slug('vendor', number)}.example.com",
                summary=f"Synthetic CRM number {number} for tests and benchmarks.",
                best_for=self.rng.choice(["Small teams", "Growing companies", "Enterprises"]),
                description="Generated by generate_catalog.",
                color=f"#{self.rng.randrange(0x1000000):06x}",
            )
            for number in range(1, vendors + 1)
        )
        vendor_rows = list(Vendor.objects.filter(slug__startswith=f"{self.prefix}-vendor-"))
        sources = {
            vendor.pk: source
            for vendor, source in zip(
                vendor_rows,
                Source.objects.bulk_create(
                    Source(
                        title=f"{self.prefix}-source: {vendor.name} pricing page",
                        url=f"{vendor.website}/pricing",
                        publisher=vendor.name,
                    )
                    for vendor in vendor_rows
                ),
                strict=True,
            )
        }
        plans_by_vendor = self.make_plans(vendor_rows, plans_per_vendor, sources)
        FeatureCategory.objects.bulk_create(
            FeatureCategory(
                name=f"{label} category {number}",
                slug=self.slug("category", number),
                position=100 + number,
            )
            for number in range(1, categories + 1)
        )
        category_rows = list(FeatureCategory.objects.filter(slug__startswith=f"{self.prefix}-"))
        Feature.objects.bulk_create(
            (
                Feature(
                    category=category_rows[(number - 1) % len(category_rows)],
                    name=f"{label} feature {number}",
                    slug=self.slug("feature", number),
                    description=f"What synthetic feature {number} does.",
                    position=number,
                )
                for number in range(1, features + 1)
            ),
            batch_size=BATCH,
        )
        feature_rows = list(Feature.objects.filter(slug__startswith=f"{self.prefix}-feature-"))
        self.make_availabilities(vendor_rows, feature_rows, plans_by_vendor, sources)
        criterion_rows = self.make_criteria_and_assessments(vendor_rows, criteria, sources)
        self.make_pros_cons(vendor_rows, sources)
        return self.make_comparison(vendor_rows, criterion_rows)

    def make_plans(self, vendor_rows, plans_per_vendor, sources) -> dict:
        rows = []
        for vendor in vendor_rows:
            currency = self.rng.choice(["USD", "USD", "EUR"])
            has_free = self.rng.random() < 0.4
            price = Decimal(self.rng.choice(BASE_PRICES))
            for position in range(plans_per_vendor):
                is_free = has_free and position == 0
                name = PLAN_NAMES[position] if position < len(PLAN_NAMES) else f"Tier {position}"
                rows.append(
                    Plan(
                        vendor=vendor,
                        name=name,
                        slug=f"plan-{position + 1}",
                        position=position,
                        description=f"{name} plan of {vendor.name}.",
                        is_free=is_free,
                        price=Decimal(0) if is_free else price,
                        currency=currency,
                        billing_period=Plan.BillingPeriod.MONTH,
                        pricing_unit=Plan.PricingUnit.PER_USER,
                        is_from_price=self.rng.random() < 0.2,
                        users_included=1 if is_free else None,
                        user_limit=self.rng.choice([2, 3, 5]) if is_free else None,
                        contacts_included=self.rng.choice([None, 1000, 5000]),
                        last_verified=self.verified(),
                        source=sources[vendor.pk],
                    )
                )
                if not is_free:
                    price = (price * Decimal("1.9")).quantize(Decimal("1"))
        bulk_create_with_history(rows, Plan, batch_size=BATCH)
        plans_by_vendor: dict = {}
        for plan in Plan.objects.filter(vendor__in=vendor_rows).order_by("vendor_id", "position"):
            plans_by_vendor.setdefault(plan.vendor_id, []).append(plan)
        return plans_by_vendor

    def make_availabilities(self, vendor_rows, feature_rows, plans_by_vendor, sources) -> None:
        statuses = [status for status, _weight in STATUSES]
        weights = [weight for _status, weight in STATUSES]
        rows = []
        for vendor in vendor_rows:
            plans = plans_by_vendor[vendor.pk]
            key_left = 5
            for feature in feature_rows:
                status = self.rng.choices(statuses, weights)[0]
                offered = status != FeatureAvailability.Status.UNAVAILABLE
                is_key = offered and key_left > 0 and self.rng.random() < 0.3
                key_left -= is_key
                rows.append(
                    FeatureAvailability(
                        vendor=vendor,
                        feature=feature,
                        status=status,
                        plan=self.rng.choice(plans) if offered else None,
                        note=f"Note on {feature.name}." if self.rng.random() < 0.2 else "",
                        quantity=self.rng.choice([10, 50, 700])
                        if self.rng.random() < 0.1
                        else None,
                        is_key=is_key,
                        last_verified=self.verified(),
                        source=sources[vendor.pk],
                    )
                )
        bulk_create_with_history(rows, FeatureAvailability, batch_size=BATCH)

    def make_criteria_and_assessments(self, vendor_rows, count, sources) -> list:
        Criterion.objects.bulk_create(
            Criterion(
                name=f"{self.prefix.title()}: {CRITERIA[number - 1]}",
                slug=self.slug("criterion", number),
                description=f"How each vendor fares on {CRITERIA[number - 1].lower()}.",
                position=100 + number,
                default_weight=self.rng.randint(1, 5),
                at_a_glance=number <= 3,
            )
            for number in range(1, count + 1)
        )
        criterion_rows = list(Criterion.objects.filter(slug__startswith=f"{self.prefix}-"))
        bulk_create_with_history(
            [
                Assessment(
                    vendor=vendor,
                    criterion=criterion,
                    verdict=self.rng.choice(["Excellent.", "Good.", "Adequate.", "Weak."]),
                    text=f"{vendor.name} on {criterion.name}.",
                    score=Decimal(self.rng.randint(40, 100)) / 10,
                    last_verified=self.verified(),
                    source=sources[vendor.pk],
                )
                for vendor in vendor_rows
                for criterion in criterion_rows
            ],
            Assessment,
            batch_size=BATCH,
        )
        return criterion_rows

    def make_pros_cons(self, vendor_rows, sources) -> None:
        ProCon.objects.bulk_create(
            ProCon(
                vendor=vendor,
                kind=kind,
                text=f"{'Strength' if kind == ProCon.Kind.PRO else 'Drawback'} {position + 1} "
                f"of {vendor.name}.",
                position=position,
                last_verified=self.verified(),
                source=sources[vendor.pk],
            )
            for vendor in vendor_rows
            for kind, count in ((ProCon.Kind.PRO, 3), (ProCon.Kind.CON, 2))
            for position in range(count)
        )

    def make_comparison(self, vendor_rows, criterion_rows) -> Comparison:
        comparison = Comparison.objects.create(
            title=f"{len(vendor_rows)} synthetic CRMs side by side",
            slug=comparison_slug(self.prefix),
            intro="A generated comparison of every synthetic vendor.",
            conclusion="Generated for tests and benchmarks.",
            author_name="generate_catalog",
            is_published=True,
            published_on=self.as_of,
            updated_on=self.as_of,
        )
        comparison_set_vendors(comparison=comparison, vendors=vendor_rows)
        scores = {
            (a.vendor_id, a.criterion_id): a.score
            for a in Assessment.objects.filter(criterion__in=criterion_rows)
        }
        ComparisonSection.objects.bulk_create(
            ComparisonSection(
                comparison=comparison,
                criterion=criterion,
                title=criterion.name,
                body=f"Who does best on {criterion.name}.",
                winner=max(vendor_rows, key=lambda v, c=criterion: scores[(v.pk, c.pk)]),
                position=position,
            )
            for position, criterion in enumerate(criterion_rows)
        )
        FAQEntry.objects.bulk_create(
            FAQEntry(
                comparison=comparison,
                question=f"Synthetic question {number}?",
                answer=f"Synthetic answer {number}.",
                position=number,
            )
            for number in range(1, 4)
        )
        return comparison
