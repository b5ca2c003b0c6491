"""What buyers compare: vendors, their plans and prices, features, pros and cons."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..validators import limit_short_text, limit_text, validate_currency, validate_hex_color
from .facts import VerifiedFact, VerifiedFactQuerySet


def _count_field(verbose_name, **kwargs) -> models.PositiveIntegerField:
    """A number of users or contacts; empty means the source does not say."""
    return models.PositiveIntegerField(
        verbose_name, null=True, blank=True, validators=[MinValueValidator(1)], **kwargs
    )


def _amount_field(verbose_name, **kwargs) -> models.DecimalField:
    """Money in the plan's currency; empty means the source does not say."""
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        **kwargs,
    )


def _percent_field(verbose_name, **kwargs) -> models.DecimalField:
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        **kwargs,
    )


class Vendor(models.Model):
    """A CRM product a buyer can pick, e.g. "Zoho CRM"."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    website = models.URLField(_("website"), blank=True)
    summary = models.CharField(_("one-line summary"), max_length=240, blank=True)
    best_for = models.CharField(_("best for"), max_length=240, blank=True)
    description = models.TextField(_("description"), blank=True, validators=[limit_text])
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    color = models.CharField(
        _("brand colour"),
        max_length=7,
        blank=True,
        validators=[validate_hex_color],
        help_text=_("Used for this vendor in charts, as #RRGGBB."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vendor")
        verbose_name_plural = _("vendors")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("comparisons:vendor_detail", kwargs={"slug": self.slug})


class PlanQuerySet(VerifiedFactQuerySet):
    def plans(self):
        return self.filter(kind=Plan.Kind.PLAN)

    def addons(self):
        return self.filter(kind=Plan.Kind.ADDON)

    def free(self):
        return self.filter(is_free=True)


class Plan(VerifiedFact):
    """A vendor's plan or paid add-on, with structured pricing and limits.

    An empty limit or included amount means "not stated"; a plan the source says
    limits no users (or contacts) says so with `unlimited_users`
    (`unlimited_contacts`), so the pages tell "no limit" from "unknown".
    """

    class Kind(models.TextChoices):
        PLAN = "plan", _("plan")
        ADDON = "addon", _("add-on")

    class BillingPeriod(models.TextChoices):
        MONTH = "month", _("month")
        YEAR = "year", _("year")

    class PricingUnit(models.TextChoices):
        PER_USER = "per_user", _("per user")
        PER_ACCOUNT = "per_account", _("per account")
        PER_USE = "per_use", _("per use")
        PERCENT_OF_SUBSCRIPTION = "percent", _("percentage of the subscription")

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="plans"
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind, default=Kind.PLAN)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    description = models.CharField(_("description"), max_length=300, blank=True)
    is_free = models.BooleanField(_("free"), default=False)
    price = _amount_field(
        _("price"), help_text=_("Empty when the vendor does not publish a price.")
    )
    currency = models.CharField(
        _("currency"), max_length=3, default="USD", validators=[validate_currency]
    )
    billing_period = models.CharField(
        _("billing period"), max_length=5, choices=BillingPeriod, default=BillingPeriod.MONTH
    )
    pricing_unit = models.CharField(
        _("pricing unit"), max_length=12, choices=PricingUnit, default=PricingUnit.PER_USER
    )
    is_from_price = models.BooleanField(
        _("“from” price"), default=False, help_text=_("The price is a starting price.")
    )
    percent_min = _percent_field(
        _("minimum percentage"),
        help_text=_("For add-ons priced as a percentage of the annual subscription."),
    )
    percent_max = _percent_field(_("maximum percentage"))
    users_included = _count_field(_("users included"))
    user_limit = _count_field(
        _("user limit"),
        help_text=_("Empty means not stated; tick “unlimited users” when there is no limit."),
    )
    unlimited_users = models.BooleanField(
        _("unlimited users"),
        default=False,
        help_text=_("The source says the plan limits no users."),
    )
    contacts_included = _count_field(_("contacts included"))
    contact_limit = _count_field(
        _("contact limit"),
        help_text=_("Empty means not stated; tick “unlimited contacts” when there is no limit."),
    )
    unlimited_contacts = models.BooleanField(
        _("unlimited contacts"),
        default=False,
        help_text=_("The source says the plan limits no contacts."),
    )
    extra_contacts_block_size = _count_field(
        _("extra contacts block size"),
        help_text=_("Contacts beyond those included are sold in blocks of this size."),
    )
    extra_contacts_block_price = _amount_field(_("price per extra contacts block"))
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = PlanQuerySet.as_manager()

    # What a plan costs and what it takes, in the order the API, the price history and
    # the spreadsheet import/export list them.
    PRICE_FIELDS = (
        "is_free",
        "price",
        "currency",
        "billing_period",
        "pricing_unit",
        "is_from_price",
    )
    LIMIT_FIELDS = (
        "users_included",
        "user_limit",
        "unlimited_users",
        "contacts_included",
        "contact_limit",
        "unlimited_contacts",
        "extra_contacts_block_size",
        "extra_contacts_block_price",
    )

    class Meta:
        ordering = ["vendor__name", "position", "name"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.UniqueConstraint(fields=["vendor", "slug"], name="plan_unique_slug_per_vendor"),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="plan_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(is_free=False) | Q(price=0), name="plan_free_costs_zero"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=r"^[A-Z]{3}$"), name="plan_currency_iso_4217"
            ),
            models.CheckConstraint(
                condition=Q(users_included__isnull=True) | Q(users_included__gte=1),
                name="plan_users_included_at_least_one",
            ),
            models.CheckConstraint(
                condition=Q(user_limit__isnull=True) | Q(user_limit__gte=1),
                name="plan_user_limit_at_least_one",
            ),
            models.CheckConstraint(
                condition=Q(contacts_included__isnull=True) | Q(contacts_included__gte=1),
                name="plan_contacts_included_at_least_one",
            ),
            models.CheckConstraint(
                condition=Q(contact_limit__isnull=True) | Q(contact_limit__gte=1),
                name="plan_contact_limit_at_least_one",
            ),
            models.CheckConstraint(
                condition=Q(unlimited_users=False) | Q(user_limit__isnull=True),
                name="plan_unlimited_users_without_limit",
            ),
            models.CheckConstraint(
                condition=Q(unlimited_contacts=False) | Q(contact_limit__isnull=True),
                name="plan_unlimited_contacts_without_limit",
            ),
            models.CheckConstraint(
                condition=Q(extra_contacts_block_size__isnull=True)
                | Q(extra_contacts_block_size__gte=1),
                name="plan_block_size_at_least_one",
            ),
            models.CheckConstraint(
                condition=Q(extra_contacts_block_price__isnull=True)
                | Q(extra_contacts_block_price__gte=0),
                name="plan_block_price_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor.name} – {self.name}"

    def get_absolute_url(self) -> str:
        return self.vendor.get_absolute_url() + f"#plan-{self.slug}"

    def clean(self) -> None:
        # A free plan's price is 0 by definition: saves editors a field. Done here, not
        # in save(), so what is saved is what the admin, the API and imports validated.
        if self.is_free and self.price is None:
            self.price = Decimal(0)
        errors = {}
        if self.is_free and self.price != 0:
            errors["price"] = _("A free plan costs 0.")
        if (
            self.users_included is not None
            and self.user_limit is not None
            and self.users_included > self.user_limit
        ):
            errors["users_included"] = _("More users included than the plan's user limit.")
        if (
            self.contacts_included is not None
            and self.contact_limit is not None
            and self.contacts_included > self.contact_limit
        ):
            errors["contacts_included"] = _("More contacts included than the plan's contact limit.")
        if self.unlimited_users and self.user_limit is not None:
            errors["user_limit"] = _("A plan with unlimited users has no user limit.")
        if self.unlimited_contacts and self.contact_limit is not None:
            errors["contact_limit"] = _("A plan with unlimited contacts has no contact limit.")
        if self.extra_contacts_block_price is not None and not self.extra_contacts_block_size:
            errors["extra_contacts_block_size"] = _("Say how many contacts one extra block holds.")
        if (
            self.percent_min is not None
            and self.percent_max is not None
            and self.percent_min > self.percent_max
        ):
            errors["percent_max"] = _("The maximum percentage is below the minimum.")
        if errors:
            raise ValidationError(errors)


class FeatureCategory(models.Model):
    """A group of features in the matrix: sales, marketing, service, integrations..."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("feature category")
        verbose_name_plural = _("feature categories")

    def __str__(self) -> str:
        return self.name


class Feature(models.Model):
    """Something a CRM can do, compared across vendors in the feature matrix."""

    category = models.ForeignKey(
        FeatureCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="features",
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True, validators=[limit_short_text])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["category__position", "position", "name"]
        verbose_name = _("feature")
        verbose_name_plural = _("features")

    def __str__(self) -> str:
        return self.name


class FeatureAvailability(VerifiedFact):
    """Whether a vendor offers a feature, from which plan, with a short note."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("available")
        LIMITED = "limited", _("limited")
        ADDON = "addon", _("paid add-on")
        UNAVAILABLE = "unavailable", _("not available")

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="availabilities"
    )
    feature = models.ForeignKey(
        Feature,
        verbose_name=_("feature"),
        on_delete=models.CASCADE,
        related_name="availabilities",
    )
    status = models.CharField(_("status"), max_length=12, choices=Status)
    plan = models.ForeignKey(
        Plan,
        verbose_name=_("from plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The cheapest plan that includes the feature, where the vendor says."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(
        _("quantity"),
        null=True,
        blank=True,
        help_text=_("A figure the source gives, e.g. 700 integrations or 2 backups a month."),
    )
    is_key = models.BooleanField(
        _("key feature"), default=False, help_text=_("Shown in the “at a glance” table.")
    )
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["vendor__name", "feature__category__position", "feature__position"]
        verbose_name = _("feature availability")
        verbose_name_plural = _("feature availabilities")
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "feature"], name="availability_unique_vendor_feature"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vendor} · {self.feature}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        return self.vendor.get_absolute_url() + f"#feature-{self.feature.slug}"

    def clean(self) -> None:
        if self.plan_id and self.vendor_id and self.plan.vendor_id != self.vendor_id:
            raise ValidationError({"plan": _("The plan must be one of this vendor's plans.")})


class ProCon(VerifiedFact):
    """One advantage or drawback of a vendor."""

    class Kind(models.TextChoices):
        PRO = "pro", _("pro")
        CON = "con", _("con")

    vendor = models.ForeignKey(
        Vendor, verbose_name=_("vendor"), on_delete=models.CASCADE, related_name="pros_cons"
    )
    kind = models.CharField(_("kind"), max_length=3, choices=Kind)
    text = models.CharField(_("text"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["vendor__name", "kind", "position"]
        verbose_name = _("pro or con")
        verbose_name_plural = _("pros and cons")

    def __str__(self) -> str:
        return f"{self.vendor} ({self.get_kind_display()}): {self.text}"

    def get_absolute_url(self) -> str:
        return self.vendor.get_absolute_url()
