from itertools import groupby

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from core.query_parameters import query_parameters

from .. import selectors
from ..forms import CompareForm
from . import jsonld
from .common import conditional


@query_parameters()
@conditional
def home(request):
    vendors = list(selectors.vendor_list())
    return render(
        request,
        "comparisons/home.html",
        {
            "comparisons": selectors.published_comparison_list(),
            "vendors": vendors,
            "compare_form": CompareForm(vendors=vendors),
        },
    )


@query_parameters()
@conditional
def faq(request):
    """Every FAQ entry on the site: general questions, then each comparison's."""
    entries = list(selectors.faq_entries())
    groups = [
        (comparison, list(group))
        for comparison, group in groupby(entries, key=lambda entry: entry.comparison)
    ]
    return render(
        request,
        "comparisons/faq.html",
        {"groups": groups, "jsonld": jsonld.render(jsonld.faq_page(entries))},
    )


@query_parameters()
@require_safe
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain; charset=utf-8",
    )
