"""The source watch in the admin: the Source page gains the watch settings, the last check
and change, the diff and recent checks; checks and snapshots can be read, never edited.

comparisons registers Source; this app extends that admin page (it may know comparisons,
never the reverse).
"""

from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from comparisons.admin.editorial import SourceAdmin
from comparisons.models import Source

from .models import SourceCheck, SourceSnapshot
from .services import latest_change

RECENT_CHECKS = 10


def diff_html(diff: str) -> SafeString:
    """A unified diff, escaped, each line marked added, removed or hunk for its colour."""

    def kind(line: str) -> str:
        if line.startswith(("+++", "---")):
            return "file"
        if line.startswith("@@"):
            return "hunk"
        return {"+": "added", "-": "removed"}.get(line[:1], "same")

    lines = format_html_join(
        "\n", '<span class="{}">{}</span>', ((kind(line), line) for line in diff.splitlines())
    )
    return format_html('<pre class="watch-diff">{}</pre>', lines)


def _moment(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else "–"


def _checks_url(source: Source) -> str:
    return (
        reverse("admin:source_watch_sourcecheck_changelist")
        + "?"
        + urlencode({"source__id__exact": source.pk})
    )


admin.site.unregister(Source)


@admin.register(Source)
class WatchedSourceAdmin(SourceAdmin):
    list_display = [
        "title",
        "publisher",
        "published_on",
        "url",
        "watched",
        "checked_at",
        "changed_at",
    ]
    list_filter = ["publisher"]
    readonly_fields = ["watch_status", "latest_diff", "recent_checks"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "publisher", "url", "published_on"]}),
        (
            _("Watch for changes"),
            {
                "fields": [
                    "watch_url",
                    "watch_selector",
                    "watch_ignore",
                    "watch_status",
                    "latest_diff",
                    "recent_checks",
                ],
                "description": _(
                    "The page is read automatically (usually daily). When the watched part "
                    "changes, the facts citing this source are listed first under “Needs "
                    "checking”."
                ),
            },
        ),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "watch_ignore":
            kwargs["widget"] = AdminTextareaWidget(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(boolean=True, description=_("watched"))
    def watched(self, source):
        return bool(source.watch_url)

    @admin.display(description=_("last check"))
    def watch_status(self, source):
        if not source.pk or not source.watch_url:
            return gettext("Not watched.")
        last = source.watch_checks.order_by("-started_at", "-id").first()
        if last is None:
            return gettext("Not checked yet.")
        outcome = last.get_outcome_display()
        if last.problem:
            outcome = f"{outcome}: {last.get_problem_display()} ({last.detail})"
        return format_html(
            "{}: {}<br>{}: {}<br>{}: {}",
            _moment(last.started_at),
            outcome,
            gettext("Watched since"),
            _moment(source.watched_since),
            gettext("Watched part last changed"),
            _moment(source.changed_at),
        )

    @admin.display(description=_("latest change"))
    def latest_diff(self, source):
        snapshot = latest_change(source) if source.pk else None
        if snapshot is None:
            return format_html('<div id="watch-diff">{}</div>', gettext("No change seen yet."))
        return format_html(
            '<div id="watch-diff"><p>{}</p>{}</div>',
            gettext("Seen on %(date)s:") % {"date": _moment(snapshot.taken_at)},
            diff_html(snapshot.diff),
        )

    @admin.display(description=_("recent checks"))
    def recent_checks(self, source):
        if not source.pk:
            return "–"
        checks = list(source.watch_checks.order_by("-started_at", "-id")[:RECENT_CHECKS])
        if not checks:
            return "–"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    _moment(check.started_at),
                    check.get_outcome_display(),
                    check.status or "",
                    f"{check.get_problem_display()}: {check.detail}" if check.problem else "",
                )
                for check in checks
            ),
        )
        return format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody>'
            '</table><p><a href="{}">{}</a></p>',
            gettext("When"),
            gettext("Outcome"),
            gettext("HTTP status"),
            gettext("Problem"),
            rows,
            _checks_url(source),
            gettext("All checks of this source"),
        )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the watcher only."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SourceCheck)
class SourceCheckAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "source", "outcome", "status", "problem", "detail"]
    list_filter = ["outcome", "problem", "source"]
    list_select_related = ["source"]
    search_fields = ["source__title", "url"]
    date_hierarchy = "started_at"
    fields = [
        "source",
        "url",
        "started_at",
        "finished_at",
        "status",
        "outcome",
        "problem",
        "detail",
        "snapshot",
    ]


@admin.register(SourceSnapshot)
class SourceSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["taken_at", "source", "is_baseline"]
    list_filter = ["is_baseline", "source"]
    list_select_related = ["source"]
    fields = ["source", "taken_at", "watch_url", "watch_selector", "is_baseline", "changes", "text"]
    readonly_fields = ["changes"]

    @admin.display(description=_("changes"))
    def changes(self, snapshot):
        return diff_html(snapshot.diff) if snapshot.diff else "–"
