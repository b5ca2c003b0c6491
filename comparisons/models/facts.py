"""Provenance: where a fact comes from and when an editor last checked it."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from ..validators import validate_css_selector, validate_ignore_patterns, validate_watch_url


class SourceQuerySet(models.QuerySet):
    def watched(self):
        return self.exclude(watch_url="")


class Source(models.Model):
    """A publication a fact was taken from (an article, a vendor's pricing page...).

    A source can be watched: `check_sources` (the source_watch app) fetches
    `watch_url`, compares the part `watch_selector` picks with what it saw
    last time, and records here when it last checked (`checked_at`), since
    when it has watched that part (`watched_since`, its baseline), when that
    part last changed (`changed_at`) and the amounts of money it holds now.
    The facts citing a source that changed after they were verified need
    checking (VerifiedFactQuerySet.needs_checking).
    """

    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("URL"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=120, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    watch_url = models.URLField(
        _("watched page"),
        max_length=500,
        blank=True,
        validators=[validate_watch_url],
        help_text=_(
            "An http or https page checked automatically for changes, often the vendor's "
            "pricing page (it may differ from the URL cited). Blank: not watched."
        ),
    )
    watch_selector = models.CharField(
        _("watched part (CSS selector)"),
        max_length=300,
        blank=True,
        validators=[validate_css_selector],
        help_text=_("E.g. #pricing or .plan-card. Blank: the page's whole visible text."),
    )
    watch_ignore = models.TextField(
        _("text to ignore"),
        blank=True,
        validators=[validate_ignore_patterns],
        help_text=_(
            "One regular expression a line; text it matches (dates, counters...) is left out "
            r"of the comparison. E.g. \d+ users online"
        ),
    )
    checked_at = models.DateTimeField(
        _("last checked automatically"), null=True, blank=True, editable=False
    )
    watched_since = models.DateTimeField(_("watched since"), null=True, blank=True, editable=False)
    changed_at = models.DateTimeField(
        _("watched part last changed"), null=True, blank=True, editable=False
    )
    watched_amounts = models.JSONField(
        _("amounts on the watched page"), default=list, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    # Annotations (selectors) holding the earliest verification of each kind of fact citing it.
    EARLIEST_VERIFIED_PREFIX = "earliest_verified_"

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher})" if self.publisher else self.title

    @property
    def earliest_verified_at(self) -> datetime | None:
        """When the fact citing this source verified longest ago was verified, if annotated."""
        moments = [
            value
            for name, value in vars(self).items()
            if name.startswith(self.EARLIEST_VERIFIED_PREFIX) and value is not None
        ]
        return min(moments, default=None)

    @property
    def checked_unchanged(self) -> bool:
        """Whether pages may say "checked automatically, unchanged since the editors
        verified it": watched since before any fact citing it was verified, and its
        watched part has not changed since. Never an editor's verification."""
        verified = self.earliest_verified_at
        return bool(
            self.checked_at
            and self.watched_since
            and verified
            and self.watched_since <= verified
            and (self.changed_at is None or self.changed_at <= verified)
        )


def stale_cutoff(today: date | None = None) -> date:
    """The date before which a verification counts as possibly out of date."""
    today = today or timezone.localdate()
    return today - timedelta(days=settings.STALE_AFTER_DAYS)


def verification_moment(day: date, *, now: datetime | None = None) -> datetime:
    """When a fact verified on `day` counts as verified.

    Now for today; the start of the day (site time zone) for an earlier day, so
    a source change later that day still flags it.
    """
    now = now or timezone.now()
    if day >= timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(day, time.min))


class VerificationMomentField(models.DateTimeField):
    """The moment behind `last_verified`, kept on the same day as it.

    Like `auto_now`, it fills itself on save (and bulk_create): when its date
    is not `last_verified`, an editor set a new verification date, and the
    moment becomes `verification_moment` of it. An edit that leaves the date
    alone (a note) leaves the moment alone; verifying again on the same day
    sets it explicitly (services.facts_mark_verified).
    """

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        day = model_instance.last_verified
        if isinstance(day, date) and (value is None or timezone.localdate(value) != day):
            value = verification_moment(day)
            setattr(model_instance, self.attname, value)
        return value


def source_changed_since_verified() -> Q:
    """Facts whose source's watched part changed after they were verified."""
    return Q(source__changed_at__gt=F("verified_at"))


class VerifiedFactQuerySet(models.QuerySet):
    def stale(self, today: date | None = None):
        return self.filter(last_verified__lt=stale_cutoff(today))

    def needs_checking(self, today: date | None = None):
        """Stale, or its source changed since it was verified: what editors re-check."""
        return self.filter(
            Q(last_verified__lt=stale_cutoff(today)) | source_changed_since_verified()
        )

    def with_source_changed(self):
        """Annotate `source_changed`: whether the source changed after the fact was verified
        (None without a source or a change)."""
        return self.annotate(
            source_changed=ExpressionWrapper(
                source_changed_since_verified(), output_field=BooleanField()
            )
        )

    def up_to_date(self, today: date | None = None):
        """The complement of needs_checking()."""
        return self.filter(last_verified__gte=stale_cutoff(today)).filter(
            Q(source__isnull=True)
            | Q(source__changed_at__isnull=True)
            | Q(source__changed_at__lte=F("verified_at"))
        )


class VerifiedFact(models.Model):
    """Abstract base of every fact editors maintain: last verification and source.

    `last_verified` is the day pages show; `verified_at` the moment, precise
    enough to tell whether a source changed before or after it.
    """

    last_verified = models.DateField(_("last verified"), default=timezone.localdate)
    verified_at = VerificationMomentField(_("verified at"), default=timezone.now, editable=False)
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VerifiedFactQuerySet.as_manager()

    class Meta:
        abstract = True

    @cached_property
    def is_stale(self) -> bool:
        """Verified before the stale cutoff; asked once per instance.

        A page's read may set it for every fact it shows from one cutoff
        (selectors.comparison_table), rather than asking the clock per fact.
        """
        return self.last_verified < stale_cutoff()
