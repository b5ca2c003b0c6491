"""Reads for pages and API endpoints: each decides its own select/prefetch.

Every function here runs a fixed number of queries, whatever the size of the
catalogue.
"""

from collections.abc import Sequence

from django.db.models import F, Prefetch, Q, QuerySet

from .models import (
    Assessment,
    Comparison,
    ComparisonSection,
    ComparisonVendor,
    Criterion,
    FAQEntry,
    Feature,
    FeatureAvailability,
    FeatureCategory,
    Plan,
    ProCon,
    Vendor,
)
from .tables import ComparisonTable, build_comparison_table


def published_comparison_list() -> QuerySet[Comparison]:
    vendors = ComparisonVendor.objects.select_related("vendor")
    return Comparison.objects.published().prefetch_related(
        Prefetch("comparison_vendors", queryset=vendors)
    )


def vendor_list() -> QuerySet[Vendor]:
    return Vendor.objects.all()


def comparison_detail(*, slug: str, include_unpublished: bool = False) -> Comparison:
    """The comparison with its vendors (in order), sections, FAQ and sources.

    Raises Comparison.DoesNotExist for unknown or (unless asked) unpublished ones.
    """
    comparisons = (
        Comparison.objects.all() if include_unpublished else Comparison.objects.published()
    )
    return (
        comparisons.select_related("overall_winner")
        .prefetch_related(
            Prefetch(
                "comparison_vendors", queryset=ComparisonVendor.objects.select_related("vendor")
            ),
            Prefetch(
                "sections",
                queryset=ComparisonSection.objects.select_related("criterion", "winner"),
            ),
            "faq_entries",
            "sources",
        )
        .get(slug=slug)
    )


def comparison_vendors(comparison: Comparison) -> list[Vendor]:
    """The compared vendors in column order (uses the prefetch of comparison_detail)."""
    return [link.vendor for link in comparison.comparison_vendors.all()]


def comparison_table(
    *,
    vendors: Sequence[Vendor],
    sections: Sequence[ComparisonSection] = (),
    differences_only: bool = False,
) -> ComparisonTable:
    """Fetch every row the side-by-side tables need for `vendors`, in 7 queries."""
    vendor_ids = [vendor.pk for vendor in vendors]
    return build_comparison_table(
        vendors=vendors,
        plans=Plan.objects.filter(vendor_id__in=vendor_ids).select_related("source"),
        categories=FeatureCategory.objects.all(),
        features=Feature.objects.filter(availabilities__vendor_id__in=vendor_ids).distinct(),
        availabilities=FeatureAvailability.objects.filter(vendor_id__in=vendor_ids).select_related(
            "feature", "plan", "source"
        ),
        criteria=Criterion.objects.all(),
        assessments=Assessment.objects.filter(vendor_id__in=vendor_ids).select_related("source"),
        pros_cons=ProCon.objects.filter(vendor_id__in=vendor_ids).select_related("source"),
        sections=sections,
        differences_only=differences_only,
    )


def vendor_detail(*, slug: str) -> Vendor:
    """One vendor; raises Vendor.DoesNotExist. Its tables come from `comparison_table`."""
    return Vendor.objects.get(slug=slug)


def vendor_comparisons(*, vendor: Vendor) -> QuerySet[Comparison]:
    """The published comparisons `vendor` appears in, with their vendors (2 queries)."""
    return published_comparison_list().filter(comparison_vendors__vendor=vendor)


def faq_entries() -> QuerySet[FAQEntry]:
    """The site-wide FAQ: general entries first, then those of published comparisons (1 query)."""
    return (
        FAQEntry.objects.filter(Q(comparison__isnull=True) | Q(comparison__is_published=True))
        .select_related("comparison")
        .order_by(F("comparison__title").asc(nulls_first=True), "comparison_id", "position", "id")
    )


def sitemap_comparisons() -> QuerySet[Comparison]:
    return Comparison.objects.published().order_by("slug").only("slug", "updated_at")


def sitemap_vendors() -> QuerySet[Vendor]:
    return Vendor.objects.order_by("slug").only("slug", "updated_at")
