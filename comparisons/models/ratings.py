"""What buyers weigh (criteria) and how each vendor fares on each (assessments)."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..validators import limit_short_text, limit_text
from .catalog import Vendor
from .facts import VerifiedFact

# Every score is on this one scale, 0 to SCORE_MAX.
SCORE_MAX = Decimal(10)
WEIGHT_MAX = 5


class Criterion(models.Model):
    """Something buyers weigh when choosing a CRM (ease of use, pricing...)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, validators=[limit_short_text])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    default_weight = models.PositiveSmallIntegerField(
        _("default weight"),
        default=3,
        validators=[MaxValueValidator(WEIGHT_MAX)],
        help_text=_("0 (ignored) to 5 (decisive)."),
    )
    at_a_glance = models.BooleanField(
        _("at a glance"), default=False, help_text=_("Shown in the “at a glance” table.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(default_weight__lte=WEIGHT_MAX), name="criterion_weight_at_most_5"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Assessment(VerifiedFact):
    """A vendor's verdict and score on one criterion."""

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="assessments"
    )
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    verdict = models.CharField(_("verdict"), max_length=200)
    text = models.TextField(_("text"), blank=True, validators=[limit_text])
    score = models.DecimalField(
        _("score"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(SCORE_MAX)],
        help_text=_("From 0 to 10."),
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["criterion__position", "vendor__name"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "criterion"], name="assessment_unique_vendor_criterion"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=SCORE_MAX),
                name="assessment_score_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.criterion}: {self.score}/{SCORE_MAX}"

    def get_absolute_url(self) -> str:
        return self.vendor.get_absolute_url() + f"#criterion-{self.criterion.slug}"
