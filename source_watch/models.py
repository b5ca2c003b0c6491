"""What the source watch records: each check, each snapshot of a watched part, who checks."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comparisons.models import Source


class SourceSnapshot(models.Model):
    """The watched part of a source's page as text, when first seen or changed.

    A source's first snapshot with given watch settings is its baseline; each
    later one records a change, with the unified diff from the one before.
    """

    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.CASCADE,
        related_name="watch_snapshots",
    )
    taken_at = models.DateTimeField(_("taken at"))
    # The watch settings the text was read with (settings_fingerprint): texts read
    # with other settings are not compared.
    fingerprint = models.CharField(max_length=64)
    watch_url = models.URLField(_("watched page"), max_length=500)
    watch_selector = models.CharField(_("watched part (CSS selector)"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    is_baseline = models.BooleanField(_("baseline"), default=False)
    diff = models.TextField(_("changes"), blank=True)

    class Meta:
        ordering = ["-taken_at", "-id"]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        get_latest_by = ["taken_at", "id"]
        indexes = [models.Index(fields=["source", "fingerprint", "-taken_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_baseline=True) | ~Q(diff=""), name="snapshot_change_has_diff"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} @ {self.taken_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("admin:source_watch_sourcesnapshot_change", args=[self.pk])


class SourceCheck(models.Model):
    """One automatic check of a watched source: when, the answer, and what it found."""

    class Outcome(models.TextChoices):
        BASELINE = "baseline", _("first snapshot")
        UNCHANGED = "unchanged", _("unchanged")
        NOT_MODIFIED = "not_modified", _("not modified (304)")
        CHANGED = "changed", _("changed")
        FAILED = "failed", _("failed")

    class Problem(models.TextChoices):
        REFUSED = "refused", _("address refused")
        ROBOTS = "robots", _("disallowed by robots.txt")
        TIMEOUT = "timeout", _("timed out")
        TOO_LARGE = "too_large", _("page too large")
        HTTP_STATUS = "http_status", _("error answer")
        NETWORK = "network", _("network error")
        REDIRECT = "redirect", _("bad redirect")
        NO_MATCH = "no_match", _("selector matches nothing")
        UNREADABLE = "unreadable", _("unreadable page")

    source = models.ForeignKey(
        Source, verbose_name=_("source"), on_delete=models.CASCADE, related_name="watch_checks"
    )
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    url = models.URLField(_("URL"), max_length=500)
    status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome)
    problem = models.CharField(_("problem"), max_length=12, choices=Problem, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    snapshot = models.ForeignKey(
        SourceSnapshot,
        verbose_name=_("snapshot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="checks",
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("source check")
        verbose_name_plural = _("source checks")
        indexes = [models.Index(fields=["source", "-started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome="failed") | Q(problem=""), name="check_problem_only_if_failed"
            ),
            models.CheckConstraint(
                condition=~Q(outcome="failed") | ~Q(problem=""), name="check_failure_has_problem"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} @ {self.started_at:%Y-%m-%d %H:%M}: {self.get_outcome_display()}"


class WatchState(models.Model):
    """The watcher's bookkeeping for one source, shared by every server that runs it.

    `claimed_by` / `claimed_until` is a lease: a run checks a source only after
    taking it with one conditional UPDATE, so concurrent runs never check the
    same source at once. `etag` / `last_modified` are the validators of the
    last answer read with the settings `validators_for`, sent back as a
    conditional GET.
    """

    source = models.OneToOneField(
        Source, primary_key=True, on_delete=models.CASCADE, related_name="watch_state"
    )
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_claimed_at = models.DateTimeField(null=True, blank=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    validators_for = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("watch state")
        verbose_name_plural = _("watch states")

    def __str__(self) -> str:
        return str(self.source)
