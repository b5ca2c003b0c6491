"""Provenance: where a fact comes from and when an editor last checked it."""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Source(models.Model):
    """A publication a fact was taken from (an article, a vendor's pricing page...)."""

    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("URL"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=120, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.title} ({self.publisher})" if self.publisher else self.title


def stale_cutoff(today: date | None = None) -> date:
    """The date before which a verification counts as possibly out of date."""
    today = today or timezone.localdate()
    return today - timedelta(days=settings.STALE_AFTER_DAYS)


class VerifiedFactQuerySet(models.QuerySet):
    def stale(self, today: date | None = None):
        return self.filter(last_verified__lt=stale_cutoff(today))


class VerifiedFact(models.Model):
    """Abstract base of every fact editors maintain: last verification and source."""

    last_verified = models.DateField(_("last verified"), default=timezone.localdate)
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
