from django.shortcuts import get_object_or_404, render

from . import selectors
from .models import Comparison, Vendor


def home(request):
    return render(
        request,
        "comparisons/home.html",
        {
            "comparisons": selectors.published_comparison_list(),
            "vendors": selectors.vendor_list(),
        },
    )


def comparison_detail(request, slug):
    comparison = get_object_or_404(Comparison.objects.published(), slug=slug)
    return render(request, "comparisons/comparison_detail.html", {"comparison": comparison})


def vendor_detail(request, slug):
    vendor = get_object_or_404(Vendor, slug=slug)
    return render(request, "comparisons/vendor_detail.html", {"vendor": vendor})
