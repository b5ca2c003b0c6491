from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from comparisons.models import Vendor

SEED = Path(settings.BASE_DIR) / "fixtures" / "seed.json"


class Command(BaseCommand):
    help = (
        "Load the seed article's content (fixtures/seed.json) into an empty catalogue. "
        "An existing catalogue is left alone, so editors' changes survive `make run`; "
        "--force reloads the seed over it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Load even when the catalogue has data."
        )

    def handle(self, *args, force: bool = False, **options):
        if Vendor.objects.exists() and not force:
            self.stdout.write("The catalogue already has data: seed not loaded (use --force).")
            return
        call_command("loaddata", str(SEED), verbosity=options["verbosity"])
        # loaddata writes no history: give every fact its first version, the value
        # the first editor's change starts from in the history and the change log.
        call_command("populate_history", auto=True, verbosity=0)
