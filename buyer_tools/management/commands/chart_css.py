"""Write static/css/charts.css: the chart rules pygal would otherwise inline."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from buyer_tools.charts import chart_stylesheet


class Command(BaseCommand):
    help = "Regenerate static/css/charts.css from the charts' pygal style."

    def handle(self, *args, **options):
        path = Path(settings.BASE_DIR) / "static" / "css" / "charts.css"
        path.write_text(chart_stylesheet(), encoding="utf-8")
        self.stdout.write(f"Wrote {path}")
