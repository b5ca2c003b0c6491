"""factory_boy factories: tests build the data they need instead of loading fixtures."""

import datetime
from decimal import Decimal

import factory

from comparisons import models


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Source

    title = factory.Sequence(lambda n: f"Source {n}")
    url = factory.Sequence(lambda n: f"https://example.com/source-{n}")


class VendorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Vendor
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Vendor {n}")
    slug = factory.Sequence(lambda n: f"vendor-{n}")
    website = factory.LazyAttribute(lambda o: f"https://{o.slug}.example.com")
    summary = factory.LazyAttribute(lambda o: f"{o.name} in one line")
    best_for = "Small teams"


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Plan

    vendor = factory.SubFactory(VendorFactory)
    name = factory.Sequence(lambda n: f"Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    price = Decimal("10.00")
    currency = "USD"
    billing_period = models.Plan.BillingPeriod.MONTH
    pricing_unit = models.Plan.PricingUnit.PER_USER
    last_verified = factory.LazyFunction(datetime.date.today)


class FeatureCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.FeatureCategory

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")
    position = factory.Sequence(lambda n: n)


class FeatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Feature

    category = factory.SubFactory(FeatureCategoryFactory)
    name = factory.Sequence(lambda n: f"Feature {n}")
    slug = factory.Sequence(lambda n: f"feature-{n}")
    position = factory.Sequence(lambda n: n)


class FeatureAvailabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.FeatureAvailability

    vendor = factory.SubFactory(VendorFactory)
    feature = factory.SubFactory(FeatureFactory)
    status = models.FeatureAvailability.Status.AVAILABLE
    last_verified = factory.LazyFunction(datetime.date.today)


class ProConFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ProCon

    vendor = factory.SubFactory(VendorFactory)
    kind = models.ProCon.Kind.PRO
    text = factory.Sequence(lambda n: f"Point {n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Criterion

    name = factory.Sequence(lambda n: f"Criterion {n}")
    slug = factory.Sequence(lambda n: f"criterion-{n}")
    position = factory.Sequence(lambda n: n)
    default_weight = 3


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Assessment

    vendor = factory.SubFactory(VendorFactory)
    criterion = factory.SubFactory(CriterionFactory)
    verdict = factory.Sequence(lambda n: f"Verdict {n}")
    score = Decimal("7.0")
    last_verified = factory.LazyFunction(datetime.date.today)


class ComparisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Comparison
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Comparison {n}")
    slug = factory.Sequence(lambda n: f"comparison-{n}")
    intro = "Which one fits?"
    is_published = True
    author_name = "An Editor"

    @factory.post_generation
    def vendors(self, create, extracted, **kwargs):
        """ComparisonFactory(vendors=[a, b]) puts them in that column order."""
        if create and extracted:
            for position, vendor in enumerate(extracted):
                models.ComparisonVendor.objects.create(
                    comparison=self, vendor=vendor, position=position
                )


class ComparisonSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ComparisonSection

    comparison = factory.SubFactory(ComparisonFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    body = "Body"


class FAQEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.FAQEntry

    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "Answer."
