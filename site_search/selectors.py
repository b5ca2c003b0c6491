"""Reads for the search index: the catalogue's public rows, in a fixed number of queries."""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from comparisons.models import (
    Comparison,
    Criterion,
    FAQEntry,
    Feature,
    FeatureAvailability,
    Plan,
    Vendor,
)

from .documents import Availability, Document, build_documents
from .models import SearchDocument


def catalogue_documents(*, using: str = DEFAULT_DB_ALIAS) -> list[Document]:
    """Every public thing of the catalogue as a search document, in 7 queries."""
    availabilities = [
        Availability(*row)
        for row in FeatureAvailability.objects.using(using)
        .order_by("vendor__name", "vendor_id")
        .values_list("feature_id", "vendor__slug", "vendor__name", "status", "plan__name", "note")
    ]
    comparisons = list(Comparison.objects.using(using).published().order_by("title", "pk"))
    return build_documents(
        vendors=list(Vendor.objects.using(using).order_by("name")),
        plans=list(
            Plan.objects.using(using)
            .select_related("vendor")
            .order_by("vendor__name", "position", "name")
        ),
        features=list(Feature.objects.using(using).select_related("category")),
        availabilities=availabilities,
        criteria=list(Criterion.objects.using(using).all()),
        comparisons=comparisons,
        faq_entries=list(
            FAQEntry.objects.using(using)
            .filter(Q(comparison__isnull=True) | Q(comparison__is_published=True))
            .select_related("comparison")
            .order_by("comparison__title", "comparison_id", "position", "pk")
        ),
    )


def documents_by_ids(ids: list[int]) -> dict[int, SearchDocument]:
    return SearchDocument.objects.using(DEFAULT_DB_ALIAS).in_bulk(ids)
