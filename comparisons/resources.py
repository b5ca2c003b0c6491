"""CSV (and other tablib formats) import and export of plans, for bulk price updates.

Rows are matched on (vendor slug, plan slug), so a file exported from one
environment imports into another. Each row is saved with `save()`, so the
history records who changed what.
"""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from .models import Plan, Vendor


class PlanResource(resources.ModelResource):
    vendor = fields.Field(
        column_name="vendor",
        attribute="vendor",
        widget=ForeignKeyWidget(Vendor, field="slug"),
    )

    class Meta:
        model = Plan
        import_id_fields = ["vendor", "slug"]
        fields = [
            "vendor",
            "slug",
            "name",
            "kind",
            *Plan.PRICE_FIELDS,
            *Plan.LIMIT_FIELDS,
            "last_verified",
        ]
        export_order = fields
        # Plain "14.00", not the active language's "14,00": files travel between editors.
        widgets = {
            name: {"coerce_to_string": False}
            for name in (
                "price",
                "users_included",
                "user_limit",
                "contacts_included",
                "contact_limit",
                "extra_contacts_block_size",
                "extra_contacts_block_price",
            )
        }
        # Model validation (negative price, unknown currency, limits below 1) per row.
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        # Bulk writes would bypass the history.
        use_bulk = False

    def get_queryset(self):
        return super().get_queryset().select_related("vendor")
