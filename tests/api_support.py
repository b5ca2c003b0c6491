"""Builders shared by the API tests (plain functions, not fixtures)."""

from decimal import Decimal

from django.contrib.auth.models import Permission, User
from rest_framework.authtoken.models import Token

from tests import factories


def user_with_permissions(
    *codenames: str, username: str = "editor", password: str | None = None
) -> User:
    """A user holding exactly these `comparisons` permissions (e.g. "change_plan").

    Without a password (hashing one costs a few hundred milliseconds).
    """
    user = User.objects.create_user(username=username, password=password)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="comparisons", codename__in=codenames)
    )
    return User.objects.get(pk=user.pk)  # fresh, without a stale permission cache


def token_for(user: User) -> str:
    return Token.objects.create(user=user).key


def build_catalogue(*, vendor_count: int, features_per_category: int = 3):
    """A published comparison of `vendor_count` vendors with plans, features and verdicts."""
    vendors = [
        factories.VendorFactory(name=f"CRM {index:02d}", slug=f"crm-{index:02d}")
        for index in range(vendor_count)
    ]
    categories = [factories.FeatureCategoryFactory() for _ in range(2)]
    features = [
        factories.FeatureFactory(category=category)
        for category in categories
        for _ in range(features_per_category)
    ]
    criteria = [factories.CriterionFactory() for _ in range(3)]
    for index, vendor in enumerate(vendors):
        factories.PlanFactory(vendor=vendor, is_free=True, price=Decimal(0), name="Free")
        paid = factories.PlanFactory(vendor=vendor, price=Decimal(10 + index), name="Pro")
        factories.PlanFactory(vendor=vendor, price=Decimal(40 + index), currency="EUR")
        for feature in features:
            factories.FeatureAvailabilityFactory(vendor=vendor, feature=feature, plan=paid)
        for criterion in criteria:
            factories.AssessmentFactory(vendor=vendor, criterion=criterion)
        factories.ProConFactory(vendor=vendor)
    comparison = factories.ComparisonFactory(vendors=vendors, slug="the-comparison")
    for criterion in criteria:
        factories.ComparisonSectionFactory(
            comparison=comparison, criterion=criterion, winner=vendors[0]
        )
    factories.FAQEntryFactory(comparison=comparison)
    factories.FAQEntryFactory()
    return comparison
