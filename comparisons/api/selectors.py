"""The API's reads, each with its joins decided here: fixed query counts at any size.

The comparison detail and CSV use `comparisons.selectors` (`comparison_detail`,
`comparison_table`), the reads behind the public page.
"""

from django.db.models import Prefetch, Q, QuerySet

from .. import models


def vendors() -> QuerySet[models.Vendor]:
    return models.Vendor.objects.all()


def plans() -> QuerySet[models.Plan]:
    return models.Plan.objects.select_related("vendor")


def plan_price_history() -> QuerySet:
    # Versions of plans whose vendor is gone cannot name it: leave them out
    # (in the count too, hence the filter rather than relying on the join).
    return models.Plan.history.filter(
        vendor_id__in=models.Vendor.objects.values("pk")
    ).select_related("vendor")


def feature_categories() -> QuerySet[models.FeatureCategory]:
    return models.FeatureCategory.objects.all()


def features() -> QuerySet[models.Feature]:
    return models.Feature.objects.select_related("category")


def feature_availabilities() -> QuerySet[models.FeatureAvailability]:
    return models.FeatureAvailability.objects.select_related("vendor", "feature")


def criteria() -> QuerySet[models.Criterion]:
    return models.Criterion.objects.all()


def assessments() -> QuerySet[models.Assessment]:
    return models.Assessment.objects.select_related("vendor", "criterion")


def sources() -> QuerySet[models.Source]:
    return models.Source.objects.all()


def comparisons(*, include_unpublished: bool) -> QuerySet[models.Comparison]:
    queryset = (
        models.Comparison.objects.all()
        if include_unpublished
        else models.Comparison.objects.published()
    )
    return queryset.select_related("overall_winner").prefetch_related(
        Prefetch(
            "comparison_vendors", queryset=models.ComparisonVendor.objects.select_related("vendor")
        )
    )


def faq_entries(*, include_unpublished: bool) -> QuerySet[models.FAQEntry]:
    queryset = models.FAQEntry.objects.select_related("comparison")
    if include_unpublished:
        return queryset
    return queryset.filter(Q(comparison__isnull=True) | Q(comparison__is_published=True))
