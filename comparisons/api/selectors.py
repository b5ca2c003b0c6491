"""The API's reads, each with its joins decided here: fixed query counts at any size.

The comparison detail and CSV use `comparisons.selectors` (`comparison_detail`,
`comparison_table`), the reads behind the public page.
"""

from django.db.models import Prefetch, Q, QuerySet

from ..models import (
    Assessment,
    Comparison,
    ComparisonVendor,
    Criterion,
    FAQEntry,
    Feature,
    FeatureAvailability,
    FeatureCategory,
    Plan,
    Source,
    Vendor,
)


def vendors() -> QuerySet[Vendor]:
    return Vendor.objects.all()


def plans() -> QuerySet[Plan]:
    return Plan.objects.select_related("vendor")


def plan_price_history() -> QuerySet:
    # Versions of plans whose vendor is gone cannot name it: leave them out
    # (in the count too, hence the filter rather than relying on the join).
    return Plan.history.filter(vendor_id__in=Vendor.objects.values("pk")).select_related("vendor")


def feature_categories() -> QuerySet[FeatureCategory]:
    return FeatureCategory.objects.all()


def features() -> QuerySet[Feature]:
    return Feature.objects.select_related("category")


def feature_availabilities() -> QuerySet[FeatureAvailability]:
    return FeatureAvailability.objects.select_related("vendor", "feature")


def criteria() -> QuerySet[Criterion]:
    return Criterion.objects.all()


def assessments() -> QuerySet[Assessment]:
    return Assessment.objects.select_related("vendor", "criterion")


def sources() -> QuerySet[Source]:
    return Source.objects.all()


def comparisons(*, include_unpublished: bool) -> QuerySet[Comparison]:
    queryset = Comparison.objects.all() if include_unpublished else Comparison.objects.published()
    return queryset.select_related("overall_winner").prefetch_related(
        Prefetch("comparison_vendors", queryset=ComparisonVendor.objects.select_related("vendor"))
    )


def faq_entries(*, include_unpublished: bool) -> QuerySet[FAQEntry]:
    queryset = FAQEntry.objects.select_related("comparison")
    if include_unpublished:
        return queryset
    return queryset.filter(Q(comparison__isnull=True) | Q(comparison__is_published=True))
