"""django-import-export in the admin, made safe for spreadsheets and for several app servers.

- Files written for spreadsheets (CSV, TSV, and HTML tables, which spreadsheets
  open too) have every formula-like cell neutralised, and read back as written.
- The uploaded file waits for its confirmation in the shared cache (Redis in
  production), not on the disk of the server that showed the preview, so any
  server can confirm it; a file past IMPORT_MAX_BYTES is refused first.
- A confirmation imports the file once: confirming it again, or with a made-up
  file name, format or resource (or a format other than the previewed one's that
  cannot read the file), is a form error asking for the file again.
"""

import re

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from import_export import forms as import_export_forms
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats
from import_export.tmp_storages import CacheStorage
from tablib import Dataset

from ..exports import neutralise_formula, restore_formula

UPLOAD_AGAIN = _(
    "This import is no longer available: it was already confirmed, it expired or it "
    "never existed. Please upload the file again."
)
TOO_BIG = _("The file is too big: at most %(size)s.")
# Read into memory and kept in the shared cache until confirmed; a price list of
# thousands of plans is well under this.
IMPORT_MAX_BYTES = 5 * 1024 * 1024
NOT_KEPT = _(
    "The file could not be kept until you confirm it (the cache is unavailable). "
    "Please try again in a moment."
)


class SpreadsheetSafeFormat:
    """Mixed into a tablib format whose files spreadsheets open and evaluate."""

    def export_data(self, dataset, **kwargs):
        safe = Dataset(headers=dataset.headers, title=dataset.title)
        for row in dataset:
            safe.append([neutralise_formula(cell) for cell in row])
        return super().export_data(safe, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        dataset = super().create_dataset(in_stream, **kwargs)
        restored = Dataset(headers=dataset.headers, title=dataset.title)
        for row in dataset:
            restored.append([restore_formula(cell) for cell in row])
        return restored


class CSV(SpreadsheetSafeFormat, base_formats.CSV):
    pass


class TSV(SpreadsheetSafeFormat, base_formats.TSV):
    pass


class HTML(SpreadsheetSafeFormat, base_formats.HTML):
    pass


# Explicit, so that installing tablib's Excel or ODS extras adds no unguarded format.
# JSON and YAML are data for programs: written as they are.
FORMATS = [CSV, TSV, base_formats.JSON, base_formats.YAML, HTML]


class ImportFileGone(Exception):
    """The uploaded file is no longer in the cache."""


class SharedImportStorage(CacheStorage):
    """The uploaded file, kept in the default cache (shared by every app server) until confirmed."""

    NAME = re.compile(r"[0-9a-f]{32}")  # what save() gives: uuid4().hex

    def read(self):
        data = super().read()
        if data is None:
            raise ImportFileGone
        return data

    def take(self):
        """The file, removed so that only one confirmation imports it; None if it is gone."""
        key = self.CACHE_PREFIX + self.name
        data = cache.get(key)
        # delete() is True for one caller only, however many confirmations race.
        if data is None or not cache.delete(key):
            return None
        return data


def _is_index(value, count):
    return value.isascii() and value.isdigit() and int(value) < count


class ImportForm(import_export_forms.ImportForm):
    """The upload, refused past IMPORT_MAX_BYTES before anything reads it."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > IMPORT_MAX_BYTES:
            raise ValidationError(
                TOO_BIG, code="too_big", params={"size": filesizeformat(IMPORT_MAX_BYTES)}
            )
        return upload


class ConfirmImportForm(import_export_forms.ConfirmImportForm):
    """The hidden fields of the confirm button, checked against what a preview can give."""

    def __init__(self, *args, format_count, resource_count, **kwargs):
        super().__init__(*args, **kwargs)
        self.format_count = format_count
        self.resource_count = resource_count

    def clean(self):
        cleaned = super().clean()
        if not (
            SharedImportStorage.NAME.fullmatch(cleaned.get("import_file_name", ""))
            and _is_index(cleaned.get("format", ""), self.format_count)
            and _is_index(cleaned.get("resource") or "0", self.resource_count)
        ):
            raise ValidationError(UPLOAD_AGAIN)
        return cleaned


class SafeImportExportMixin(ImportExportMixin):
    formats = FORMATS
    tmp_storage_class = SharedImportStorage
    import_form_class = ImportForm
    confirm_form_class = ConfirmImportForm
    import_template_name = "admin/comparisons/import.html"

    def get_confirm_form_kwargs(self, request, import_form=None):
        return {
            **super().get_confirm_form_kwargs(request, import_form),
            "format_count": len(self.get_import_formats()),
            "resource_count": len(self.get_import_resource_classes(request)),
        }

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportFileGone):
            form.add_error("import_file", NOT_KEPT)
        else:
            super().add_data_read_fail_error_to_form(form, e)

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """The library's confirmation step, taking the file so that it is imported once."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        confirm_form = self.create_confirm_form(request)
        data = None
        if confirm_form.is_valid():
            input_format = self.get_import_formats()[int(confirm_form.cleaned_data["format"])](
                encoding=self.from_encoding
            )
            data = self.get_tmp_storage_class()(
                name=confirm_form.cleaned_data["import_file_name"],
                encoding=None if input_format.is_binary() else self.from_encoding,
                read_mode=input_format.get_read_mode(),
                **self.get_tmp_storage_class_kwargs(),
            ).take()
            if data is None:
                confirm_form.add_error(None, UPLOAD_AGAIN)
        dataset = None
        if data is not None:
            # The format comes back from the form: one that cannot read the previewed
            # file fails as the library's preview does with a file it cannot read.
            try:
                dataset = input_format.create_dataset(data)
            except Exception:  # noqa: BLE001
                confirm_form.add_error(None, UPLOAD_AGAIN)
        if dataset is None:
            context = {
                **self.admin_site.each_context(request),
                "title": _("Import"),
                "confirm_form": confirm_form,
                "opts": self.model._meta,
                "errors": confirm_form.errors,
            }
            return TemplateResponse(request, [self.import_template_name], context)
        result = self.process_dataset(dataset, confirm_form, request, **kwargs)
        return self.process_result(result, request)
