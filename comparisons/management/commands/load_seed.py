from django.core.management.base import BaseCommand

from comparisons.seed import load_seed


class Command(BaseCommand):
    help = (
        "Load the seed article's content (fixtures/seed.json) into an empty catalogue. "
        "An existing catalogue is left alone, so editors' changes survive `make run`; "
        "--force restores the seed's values over it (recorded in the history as changes)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Load even when the catalogue has data."
        )

    def handle(self, *args, force: bool = False, **options):
        if not load_seed(force=force, verbosity=options["verbosity"]):
            self.stdout.write("The catalogue already has data: seed not loaded (use --force).")
