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


# --- Accounts for the admin tests ---

TEST_PASSWORD = "correct-horse-battery-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password(TEST_PASSWORD)


class EditorFactory(UserFactory):
    """A staff account in the Editors group the migration creates."""

    username = factory.Sequence(lambda n: f"editor{n}")
    is_staff = True

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def editors_group(self, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            self.groups.add(Group.objects.get(name="Editors"))


class SuperuserFactory(UserFactory):
    username = factory.Sequence(lambda n: f"admin{n}")
    is_staff = True
    is_superuser = True


# --- Buyer tools (cost calculator, fit finder, charts) --------------------------


class AddonFactory(PlanFactory):
    kind = models.Plan.Kind.ADDON


def article_catalogue():
    """Zoho and HubSpot with the plans of the seed article, as the calculator sees them.

    Returns a dict of the objects by short name, so tests can pick what they check.
    """
    zoho = VendorFactory(name="Zoho CRM", slug="zoho-crm", color="#E42527")
    hubspot = VendorFactory(name="HubSpot", slug="hubspot", color="#FF7A59")
    unit = models.Plan.PricingUnit
    return {
        "zoho": zoho,
        "hubspot": hubspot,
        "zoho_free": PlanFactory(
            vendor=zoho,
            name="Free Edition",
            slug="free",
            position=0,
            is_free=True,
            price=Decimal("0"),
            user_limit=3,
            contact_limit=100_000,
        ),
        "zoho_standard": PlanFactory(
            vendor=zoho,
            name="Standard",
            slug="standard",
            position=1,
            price=Decimal("14"),
            contact_limit=100_000,
        ),
        "zoho_support": AddonFactory(
            vendor=zoho,
            name="Premium support",
            slug="premium-support",
            price=None,
            pricing_unit=unit.PERCENT_OF_SUBSCRIPTION,
            percent_min=Decimal("20"),
            percent_max=Decimal("25"),
        ),
        "zoho_backup": AddonFactory(
            vendor=zoho,
            name="Extra backup",
            slug="extra-backup",
            price=Decimal("6"),
            pricing_unit=unit.PER_USE,
        ),
        "hubspot_free": PlanFactory(
            vendor=hubspot,
            name="Free CRM",
            slug="free-crm",
            position=0,
            is_free=True,
            price=Decimal("0"),
            unlimited_users=True,
            contact_limit=1_000_000,
        ),
        "hubspot_marketing_pro": PlanFactory(
            vendor=hubspot,
            name="Marketing Hub Professional",
            slug="marketing-hub-professional",
            position=2,
            price=Decimal("800"),
            pricing_unit=unit.PER_ACCOUNT,
            contacts_included=2000,
            extra_contacts_block_size=1000,
            extra_contacts_block_price=Decimal("50"),
        ),
        "hubspot_enterprise": PlanFactory(
            vendor=hubspot,
            name="Enterprise",
            slug="enterprise",
            position=3,
            price=Decimal("48000"),
            pricing_unit=unit.PER_ACCOUNT,
            billing_period=models.Plan.BillingPeriod.YEAR,
        ),
    }
