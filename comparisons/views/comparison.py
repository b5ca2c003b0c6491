from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.query_parameters import query_parameters

from .. import selectors
from ..forms import CompareForm, DifferencesForm
from ..models import Comparison
from . import jsonld
from .common import conditional, unique_sources


def _published_or_preview(request, slug: str) -> Comparison:
    """Unpublished comparisons are 404 for everyone but logged-in staff (a preview)."""
    try:
        return selectors.comparison_detail(slug=slug, include_unpublished=request.user.is_staff)
    except Comparison.DoesNotExist:
        raise Http404(_("No such comparison.")) from None


def _products(request, table) -> list[dict]:
    return [
        jsonld.product(
            column.vendor,
            column.plans,
            request.build_absolute_uri(column.vendor.get_absolute_url()),
        )
        for column in table.columns
    ]


@query_parameters(*DifferencesForm.base_fields)
@conditional
def comparison_detail(request, slug):
    comparison = _published_or_preview(request, slug)
    differences = DifferencesForm(request.GET)
    vendors = selectors.comparison_vendors(comparison)
    table = selectors.comparison_table(
        vendors=vendors,
        sections=comparison.sections.all(),
        differences_only=differences.differences_only,
    )
    faq_entries = comparison.faq_entries.all()
    return render(
        request,
        "comparisons/comparison_detail.html",
        {
            "comparison": comparison,
            "table": table,
            "differences_form": differences,
            "faq_entries": faq_entries,
            "other_sections": [
                section for section in comparison.sections.all() if section.criterion_id is None
            ],
            "sources": unique_sources(comparison.sources.all(), table.sources),
            "stale_after_days": settings.STALE_AFTER_DAYS,
            "jsonld": jsonld.render(jsonld.faq_page(faq_entries), *_products(request, table)),
        },
    )


@query_parameters()
@conditional
def comparison_faq(request, slug):
    comparison = _published_or_preview(request, slug)
    faq_entries = comparison.faq_entries.all()
    return render(
        request,
        "comparisons/comparison_faq.html",
        {
            "comparison": comparison,
            "faq_entries": faq_entries,
            "jsonld": jsonld.render(jsonld.faq_page(faq_entries)),
        },
    )


@query_parameters(*CompareForm.parameter_names(), *DifferencesForm.base_fields)
@conditional
def compare(request):
    """Any 2 to 4 vendors side by side, from a shareable GET URL."""
    vendors = list(selectors.vendor_list())
    form = CompareForm(request.GET or None, vendors=vendors)
    differences = DifferencesForm(request.GET)
    table = None
    curated = []
    canonical_path = request.path
    if form.is_valid():
        table = selectors.comparison_table(
            vendors=form.picked, differences_only=differences.differences_only
        )
        curated = list(selectors.comparisons_of_exactly(vendors=form.picked))
        canonical_path += "?" + urlencode([("vendors", vendor.slug) for vendor in form.picked])
    return render(
        request,
        "comparisons/compare.html",
        {
            "form": form,
            "table": table,
            "curated": curated,
            "differences_form": differences,
            "canonical_path": canonical_path,
            "stale_after_days": settings.STALE_AFTER_DAYS,
            "jsonld": jsonld.render(*_products(request, table)) if table else "",
        },
    )
