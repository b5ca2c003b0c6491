"""The comparison data model, one module per group of related tables."""

from .catalog import (
    Feature,
    FeatureAvailability,
    FeatureCategory,
    Plan,
    ProCon,
    Vendor,
)
from .editorial import Comparison, ComparisonSection, ComparisonVendor, FAQEntry
from .facts import Source, VerifiedFact
from .ratings import Assessment, Criterion

__all__ = [
    "Assessment",
    "Comparison",
    "ComparisonSection",
    "ComparisonVendor",
    "Criterion",
    "FAQEntry",
    "Feature",
    "FeatureAvailability",
    "FeatureCategory",
    "Plan",
    "ProCon",
    "Source",
    "Vendor",
    "VerifiedFact",
]
