"""Curated pages: comparisons, their sections per criterion, and FAQ entries."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..validators import limit_long_text, limit_short_text, limit_text
from .catalog import Vendor
from .facts import Source
from .ratings import Criterion


class ComparisonQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Comparison(models.Model):
    """An editor-curated side-by-side comparison of two or more vendors."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    intro = models.TextField(_("introduction"), blank=True, validators=[limit_text])
    conclusion = models.TextField(_("conclusion"), blank=True, validators=[limit_long_text])
    vendors = models.ManyToManyField(
        Vendor,
        verbose_name=_("vendors"),
        through="ComparisonVendor",
        related_name="comparisons",
    )
    overall_winner = models.ForeignKey(
        Vendor,
        verbose_name=_("overall winner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    author_name = models.CharField(_("author"), max_length=120, blank=True)
    author_bio = models.TextField(_("author biography"), blank=True, validators=[limit_short_text])
    sources = models.ManyToManyField(
        Source, verbose_name=_("sources"), blank=True, related_name="comparisons"
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    updated_on = models.DateField(
        _("last updated"), default=timezone.localdate, help_text=_("Shown to readers.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ComparisonQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_on", "title"]
        verbose_name = _("comparison")
        verbose_name_plural = _("comparisons")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("comparisons:comparison_detail", kwargs={"slug": self.slug})


class ComparisonVendor(models.Model):
    """A vendor's place (column) in a comparison."""

    comparison = models.ForeignKey(
        Comparison, on_delete=models.CASCADE, related_name="comparison_vendors"
    )
    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("vendor in comparison")
        verbose_name_plural = _("vendors in comparison")
        constraints = [
            models.UniqueConstraint(
                fields=["comparison", "vendor"], name="comparison_vendor_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.comparison}: {self.vendor}"


class ComparisonSection(models.Model):
    """A comparison's section on one criterion, with its winner (empty for a tie)."""

    comparison = models.ForeignKey(
        Comparison,
        verbose_name=_("comparison"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sections",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True, validators=[limit_long_text])
    winner = models.ForeignKey(
        Vendor,
        verbose_name=_("winner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the vendors tie."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        constraints = [
            models.UniqueConstraint(
                fields=["comparison", "criterion"], name="section_unique_criterion"
            )
        ]

    def __str__(self) -> str:
        return self.title


class FAQEntry(models.Model):
    """A question and its answer, on a comparison's FAQ or (without one) the general FAQ."""

    comparison = models.ForeignKey(
        Comparison,
        verbose_name=_("comparison"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="faq_entries",
        help_text=_("Empty for a general question."),
    )
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"), validators=[limit_text])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["comparison_id", "position", "id"]
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")

    def __str__(self) -> str:
        return self.question
