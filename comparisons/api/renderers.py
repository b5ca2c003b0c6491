"""CSV for the open-data download of a comparison's table."""

import csv
import io

from rest_framework.renderers import BaseRenderer

from ..exports import neutralise_formula


class CSVRenderer(BaseRenderer):
    """Renders a list of rows; anything else (an error body) as key/value rows."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict):
            data = [[key, value] for key, value in data.items()]
        buffer = io.StringIO()
        # Editors' text must not run as a formula in the reader's spreadsheet.
        csv.writer(buffer).writerows(
            [neutralise_formula(cell) for cell in row] for row in data or []
        )
        # A byte-order mark lets spreadsheet programs detect UTF-8.
        return ("\ufeff" + buffer.getvalue()).encode(self.charset)
