"""CSV for the open-data download of a comparison's table."""

from rest_framework_csv.renderers import CSVRenderer

from ..exports import neutralise_formula


class SpreadsheetCSVRenderer(CSVRenderer):
    """djangorestframework-csv's renderer, with two things a spreadsheet needs that it lacks."""

    charset = "utf-8"

    def tablize(self, data, header=None, labels=None):
        # Editors' text must not run as a formula in the reader's spreadsheet.
        for row in super().tablize(data, header=header, labels=labels):
            yield [neutralise_formula(cell) for cell in row]

    def render(self, data, media_type=None, renderer_context=None):
        # A byte-order mark lets spreadsheet programs detect UTF-8.
        return "\ufeff".encode() + (super().render(data, media_type, renderer_context or {}) or b"")
