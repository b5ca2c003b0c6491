from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from comparisons.models import Source
from source_watch.models import SourceCheck
from source_watch.services import check_sources


class Command(BaseCommand):
    help = (
        "Check every watched source (or those given) for changes in its watched part. "
        "Safe to run from several servers at once; a page that cannot be read is recorded "
        "as a failed check, never an error of the command."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            type=int,
            action="append",
            dest="source_ids",
            metavar="ID",
            help="Check only this source (repeatable), even if checked moments ago.",
        )

    def handle(self, *args, source_ids=None, **options):
        if source_ids:
            self._check_ids(source_ids)
        summary = check_sources(source_ids=source_ids)
        for check in summary.checks:
            line = f"{check.source_id}\t{check.outcome}\t{check.source}"
            if check.outcome == SourceCheck.Outcome.FAILED:
                line += f"\t{check.problem}: {check.detail}"
            self.stdout.write(line)
        for source in summary.skipped:
            self.stdout.write(
                f"{source.pk}\tskipped: being checked by another run, or checked less than "
                f"{settings.SOURCE_WATCH_MIN_INTERVAL} s ago (SOURCE_WATCH_MIN_INTERVAL)"
            )
        Outcome = SourceCheck.Outcome
        self.stdout.write(
            f"{len(summary.checks)} checked: {summary.count(Outcome.CHANGED)} changed, "
            f"{summary.count(Outcome.UNCHANGED) + summary.count(Outcome.NOT_MODIFIED)} unchanged, "
            f"{summary.count(Outcome.BASELINE)} first snapshots, "
            f"{summary.count(Outcome.FAILED)} failed; {len(summary.skipped)} skipped."
        )

    def _check_ids(self, source_ids):
        found = dict(Source.objects.filter(pk__in=source_ids).values_list("pk", "watch_url"))
        unknown = sorted(set(source_ids) - set(found))
        if unknown:
            raise CommandError(f"No source with id {', '.join(map(str, unknown))}.")
        unwatched = sorted(pk for pk, url in found.items() if not url)
        if unwatched:
            raise CommandError(
                f"Source {', '.join(map(str, unwatched))} has no watched page (watch URL)."
            )
