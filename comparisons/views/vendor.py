from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import selectors
from ..charts import price_history_panels
from ..forms import CompareForm
from ..models import Vendor
from ..series import plan_histories
from . import jsonld
from .common import conditional


@conditional
def vendor_detail(request, slug):
    try:
        vendor = selectors.vendor_detail(slug=slug)
    except Vendor.DoesNotExist:
        raise Http404(_("No such CRM.")) from None
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
            "price_history": price_history_panels(
                plan_histories(column.plans, selectors.plan_price_records(plans=column.plans))
            ),
            "compare_form": CompareForm(
                initial={"crm": [vendor.slug]}, vendors=selectors.vendor_list()
            ),
            "jsonld": jsonld.render(
                jsonld.product(
                    vendor, column.plans, request.build_absolute_uri(vendor.get_absolute_url())
                )
            ),
        },
    )
