"""Reads for pages and API endpoints: each decides its own select/prefetch.

Every function here runs a fixed number of queries, whatever the size of the
catalogue.
"""

from collections.abc import Sequence

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest

from .models import (
    Assessment,
    Comparison,
    ComparisonSection,
    ComparisonVendor,
    Criterion,
    FAQEntry,
    Feature,
    FeatureAvailability,
    Plan,
    ProCon,
    Source,
    Vendor,
)
from .models.facts import stale_cutoff
from .rows import MATRIX_FIELDS, matrix_rows
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
            Prefetch("sources", queryset=_sources_with_verification()),
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
    """Fetch every row the side-by-side tables need for `vendors`, in 5 queries.

    The feature matrix (thousands of availabilities at 10 × 600) comes as plain
    tuples with its features and categories joined in; the few plans,
    assessments and pros and cons stay model instances. Each source is fetched
    once and attached by id (no query when no fact names one). No query sorts:
    Meta.ordering would join vendors and categories only for that, and sorting
    6,000 availabilities cost SQLite more than fetching them; the few rows
    whose order shows are sorted in Python.
    """
    vendor_ids = [vendor.pk for vendor in vendors]
    stale_before = stale_cutoff()
    plans = list(Plan.objects.filter(vendor_id__in=vendor_ids).order_by())
    matrix_values = list(
        FeatureAvailability.objects.filter(vendor_id__in=vendor_ids)
        .order_by()
        .values_list(*MATRIX_FIELDS, named=True)
    )
    assessments = list(
        Assessment.objects.filter(vendor_id__in=vendor_ids).select_related("criterion").order_by()
    )
    pros_cons = sorted(
        ProCon.objects.filter(vendor_id__in=vendor_ids).order_by(),
        key=lambda item: (item.kind, item.position, item.pk),
    )
    sources = _sources_of(plans, matrix_values, assessments, pros_cons)
    for fact in (*plans, *assessments, *pros_cons):
        if fact.source_id is not None:
            # A source deleted between the queries reads as none (SET_NULL's meaning).
            fact.source = sources.get(fact.source_id)
        fact.is_stale = fact.last_verified < stale_before  # as the matrix rows decide it
    matrix = matrix_rows(
        matrix_values,
        plans={plan.pk: plan for plan in plans},
        sources=sources,
        stale_before=stale_before,
    )
    return build_comparison_table(
        vendors=vendors,
        plans=plans,
        categories=matrix.categories,
        features=matrix.features,
        availabilities=matrix.availabilities,
        criteria=_criteria_shown(assessments, sections),
        assessments=assessments,
        pros_cons=pros_cons,
        sections=sections,
        differences_only=differences_only,
        stale_before=stale_before,
    )


def _criteria_shown(
    assessments: Sequence[Assessment], sections: Sequence[ComparisonSection]
) -> list[Criterion]:
    """The criteria assessed or covered by a section, each once.

    No query: assessments join theirs, and sections come with theirs
    (comparison_detail); a table shows no other criterion.
    """
    criteria: dict[int, Criterion] = {}
    for item in (*assessments, *sections):
        if item.criterion_id is not None:
            criteria.setdefault(item.criterion_id, item.criterion)
    return list(criteria.values())


# Facts whose verification a source's "unchanged since verified" note depends on.
_FACT_MODELS = (Plan, FeatureAvailability, Assessment, ProCon)


def _sources_with_verification() -> QuerySet[Source]:
    """Sources with the earliest moment any fact citing them was verified, one subquery per
    kind of fact; Source.earliest_verified_at reads them (Source.checked_unchanged)."""
    return Source.objects.annotate(
        **{
            f"{Source.EARLIEST_VERIFIED_PREFIX}{model._meta.model_name}": Subquery(
                model.objects.filter(source=OuterRef("pk"))
                .order_by("verified_at")
                .values("verified_at")[:1]
            )
            for model in _FACT_MODELS
        }
    )


def _sources_of(*fact_lists: Sequence) -> dict[int, Source]:
    """The sources the facts name, by id: 1 query, none when no fact names one."""
    source_ids = {fact.source_id for facts in fact_lists for fact in facts} - {None}
    if not source_ids:
        return {}
    sources = _sources_with_verification().filter(pk__in=source_ids).order_by()
    return {source.pk: source for source in sources}


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


def _latest_change(model, **lookup):
    """The newest updated_at of `model` rows matching `lookup` (with OuterRef), or NULL."""
    return Subquery(model.objects.filter(**lookup).order_by("-updated_at").values("updated_at")[:1])


def _lastmod(own: str, **lookup) -> Greatest:
    """A page's lastmod: its own row or any fact shown on it, whichever changed last.

    Coalesce because SQLite's GREATEST() is NULL when any argument is.
    """
    return Greatest(
        F(own),
        *(
            Coalesce(_latest_change(model, **lookup), F(own))
            for model in (Plan, FeatureAvailability, Assessment, ProCon)
        ),
    )


def sitemap_comparisons() -> QuerySet[Comparison]:
    return (
        Comparison.objects.published()
        .order_by("slug")
        .only("slug", "updated_at")
        .annotate(lastmod=_lastmod("updated_at", vendor__comparisons=OuterRef("pk")))
    )


def sitemap_vendors() -> QuerySet[Vendor]:
    return (
        Vendor.objects.order_by("slug")
        .only("slug", "updated_at")
        .annotate(lastmod=_lastmod("updated_at", vendor=OuterRef("pk")))
    )


def facts_to_check(*, models: Sequence[type], limit: int = 300) -> list:
    """Facts that need checking, with their source: one query per model.

    Those whose source changed since they were verified first (annotated
    `source_changed`), then the stale ones, oldest first. `models` are
    VerifiedFact subclasses among Plan, FeatureAvailability and Assessment
    (the caller passes those the user may see).
    """
    related = {
        Plan: ["vendor", "source"],
        FeatureAvailability: ["vendor", "feature", "source"],
        Assessment: ["vendor", "criterion", "source"],
    }
    facts = []
    for model in models:
        facts += (
            model.objects.needs_checking()
            .with_source_changed()
            .select_related(*related[model])
            .order_by(F("source_changed").desc(nulls_last=True), "last_verified", "pk")[:limit]
        )
    facts.sort(key=lambda fact: (not fact.source_changed, fact.last_verified))
    return facts[:limit]


def plan_history_rows(*, since) -> list[dict]:
    """The plan history rows the change log diffs, in one query.

    Every row since `since`, plus, for each plan changed since then, its last
    row before it: the value the first change started from.
    """
    from django.db.models import Max, Q

    from .changes import ROW_FIELDS

    history = Plan.history.model
    changed_since = history.objects.filter(history_date__gte=since).values("id")
    starting_points = (
        history.objects.filter(history_date__lt=since, id__in=changed_since)
        .order_by()
        .values("id")
        .annotate(last=Max("history_id"))
        .values("last")
    )
    return list(
        history.objects.filter(Q(history_date__gte=since) | Q(history_id__in=starting_points))
        .order_by()
        .values(*ROW_FIELDS, "vendor__name", "vendor__slug")
    )


# --- Buyer tools: cost calculator, fit finder, charts ---------------------------


def tool_comparison(*, slug: str) -> Comparison:
    """A published comparison with its vendors in column order, in 2 queries.

    Raises Comparison.DoesNotExist for unknown or unpublished ones.
    """
    return (
        Comparison.objects.published()
        .prefetch_related(
            Prefetch(
                "comparison_vendors", queryset=ComparisonVendor.objects.select_related("vendor")
            )
        )
        .get(slug=slug)
    )


def vendors_by_slugs(*, slugs: Sequence[str]) -> list[Vendor]:
    """The vendors named by `slugs`, in that order, skipping unknown ones (1 query)."""
    found = {vendor.slug: vendor for vendor in Vendor.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


def pricing_plans(*, vendors: Sequence[Vendor]) -> list[Plan]:
    """Every plan and add-on of `vendors`, as the cost calculator needs them (1 query)."""
    return list(
        Plan.objects.filter(vendor_id__in=[vendor.pk for vendor in vendors]).order_by(
            "vendor_id", "kind", "position", "name"
        )
    )


def feature_list() -> list[Feature]:
    """Every feature with its category, in the matrix's order (1 query): must-have choices."""
    return list(Feature.objects.select_related("category"))


def features_by_slugs(*, slugs: Sequence[str]) -> list[Feature]:
    """The features named by `slugs`, in that order, skipping unknown ones (1 query)."""
    found = {feature.slug: feature for feature in Feature.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


def needed_availabilities(
    *, vendors: Sequence[Vendor], features: Sequence[Feature]
) -> list[FeatureAvailability]:
    """What the vendors' data says of the features a team must have (1 query, none without)."""
    if not features or not vendors:
        return []
    return list(
        FeatureAvailability.objects.filter(
            vendor_id__in=[vendor.pk for vendor in vendors],
            feature_id__in=[feature.pk for feature in features],
        ).order_by()
    )


def fit_inputs(*, vendors: Sequence[Vendor]) -> tuple[list[Criterion], list[Assessment]]:
    """The criteria and the vendors' assessments the fit finder weighs (2 queries)."""
    criteria = list(Criterion.objects.all())
    assessments = list(Assessment.objects.filter(vendor_id__in=[vendor.pk for vendor in vendors]))
    return criteria, assessments


def comparison_sections(*, comparison: Comparison) -> list[ComparisonSection]:
    """The comparison's sections, for their per-criterion winners (1 query)."""
    return list(ComparisonSection.objects.filter(comparison=comparison))


def criterion_rows(*, comparison: Comparison, vendors: Sequence[Vendor]):
    """The scores-by-criterion rows (with section winners) of a comparison (3 queries)."""
    criteria, assessments = fit_inputs(vendors=vendors)
    sections = comparison_sections(comparison=comparison)
    return build_comparison_table(
        vendors=vendors, criteria=criteria, assessments=assessments, sections=sections
    ).criteria


def plan_price_history(*, vendor: Vendor) -> tuple[list[Plan], list]:
    """The vendor's plans and every recorded version of them, oldest first (2 queries)."""
    # Plans before add-ons ("plan" sorts after "addon").
    plans = list(vendor.plans.order_by("-kind", "position", "name"))
    return plans, plan_price_records(plans=plans)


def plan_price_records(*, plans: Sequence[Plan]) -> list:
    """Every recorded version of `plans`, oldest first (1 query)."""
    return list(
        Plan.history.filter(id__in=[plan.pk for plan in plans]).order_by(
            "history_date", "history_id"
        )
    )


def comparisons_of_exactly(*, vendors: Sequence[Vendor]) -> QuerySet[Comparison]:
    """Published comparisons of exactly these vendors, in any order (1 query)."""
    vendor_ids = [vendor.pk for vendor in vendors]
    return (
        Comparison.objects.published()
        .annotate(
            vendor_count=Count("comparison_vendors", distinct=True),
            matched_count=Count(
                "comparison_vendors",
                filter=Q(comparison_vendors__vendor_id__in=vendor_ids),
                distinct=True,
            ),
        )
        .filter(vendor_count=len(vendor_ids), matched_count=len(vendor_ids))
        .only("title", "slug")
    )
