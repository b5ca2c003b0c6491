from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.query_parameters import query_parameters

from .. import selectors
from ..forms import CompareForm
from . import jsonld
from .common import conditional


@query_parameters()
@conditional
def vendor_detail(request, slug):
    # The compare form lists every vendor anyway: find this one among them
    # rather than fetch it again.
    vendors = list(selectors.vendor_list())
    vendor = next((vendor for vendor in vendors if vendor.slug == slug), None)
    if vendor is None:
        raise Http404(_("No such CRM."))
    table = selectors.comparison_table(vendors=[vendor])
    column = table.columns[0]
    return render(
        request,
        "comparisons/vendor_detail.html",
        {
            "vendor": vendor,
            "table": table,
            "column": column,
            "stale_after_days": settings.STALE_AFTER_DAYS,
            "comparisons": selectors.vendor_comparisons(vendor=vendor),
            # Drawn by the buyer tools' price_history_panels_for() template global.
            "price_records": selectors.plan_price_records(plans=column.plans),
            "compare_form": CompareForm(initial={"vendors": [vendor.slug]}, vendors=vendors),
            "jsonld": jsonld.render(
                jsonld.product(
                    vendor, column.plans, request.build_absolute_uri(vendor.get_absolute_url())
                )
            ),
        },
    )
