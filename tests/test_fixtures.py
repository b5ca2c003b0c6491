"""The seed fixture holds the article's content: checked once, as a reader would."""

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command

from comparisons.models import (
    Assessment,
    Comparison,
    Criterion,
    FeatureAvailability,
    Plan,
    ProCon,
    Source,
    Vendor,
)

# The path `make run` loads, from the project root wherever pytest starts.
SEED = str(settings.BASE_DIR / "fixtures" / "seed.json")
ARTICLE_DATE = datetime.date(2024, 1, 1)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed():
    call_command("loaddata", SEED, verbosity=0)


def plan(vendor_slug, plan_slug):
    return Plan.objects.get(vendor__slug=vendor_slug, slug=plan_slug)


def availability(vendor_slug, feature_slug):
    return FeatureAvailability.objects.select_related("plan").get(
        vendor__slug=vendor_slug, feature__slug=feature_slug
    )


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("comparisons").get_models()
    }


def test_seed_has_both_vendors_with_accessible_colours(seed):
    zoho = Vendor.objects.get(slug="zoho-crm")
    hubspot = Vendor.objects.get(slug="hubspot-crm")
    assert (zoho.name, zoho.website) == ("Zoho CRM", "https://www.zoho.com/crm/")
    assert (hubspot.name, hubspot.website) == (
        "HubSpot CRM",
        "https://www.hubspot.com/products/crm",
    )
    assert zoho.color != hubspot.color
    for vendor in (zoho, hubspot):
        assert vendor.summary and vendor.best_for and vendor.description
        assert contrast_on_white(vendor.color) >= 4.5


def test_zoho_standard_costs_14_usd_per_user_per_month_from(seed):
    standard = plan("zoho-crm", "standard")
    assert standard.price == Decimal("14.00")
    assert standard.currency == "USD"
    assert standard.pricing_unit == Plan.PricingUnit.PER_USER
    assert standard.billing_period == Plan.BillingPeriod.MONTH
    assert standard.is_from_price
    # The calculator's worked example: five users on this plan cost 70 USD a month.
    assert standard.price * 5 == Decimal("70.00")


def test_zoho_free_edition_is_for_three_users(seed):
    free = plan("zoho-crm", "gratuita")
    assert free.is_free
    assert free.price == Decimal("0.00")
    assert free.user_limit == 3


def test_every_zoho_plan_stores_100000_contacts(seed):
    zoho_plans = Plan.objects.plans().filter(vendor__slug="zoho-crm")
    assert zoho_plans.count() == 5
    assert {p.contact_limit for p in zoho_plans} == {100000}
    assert availability("zoho-crm", "almacenamiento-contactos").quantity == 100000


def test_zoho_plans_without_a_stated_price_have_none(seed):
    for slug in ("professional", "enterprise", "crm-plus"):
        assert plan("zoho-crm", slug).price is None
    assert plan("zoho-crm", "crm-plus").pricing_unit == Plan.PricingUnit.PER_ACCOUNT


def test_zoho_addons_backup_6_per_use_and_support_20_to_25_percent(seed):
    backup = plan("zoho-crm", "copia-seguridad-adicional")
    assert backup.kind == Plan.Kind.ADDON
    assert (backup.price, backup.pricing_unit) == (Decimal("6.00"), Plan.PricingUnit.PER_USE)
    support = plan("zoho-crm", "soporte-mejorado")
    assert support.kind == Plan.Kind.ADDON
    assert support.pricing_unit == Plan.PricingUnit.PERCENT_OF_SUBSCRIPTION
    assert (support.percent_min, support.percent_max) == (Decimal("20"), Decimal("25"))
    assert support.price is None


def test_hubspot_free_crm_has_a_million_contacts_and_no_user_limit(seed):
    free = plan("hubspot-crm", "crm-gratuito")
    assert free.is_free
    assert free.contact_limit == 1000000
    assert free.user_limit is None
    # "sin restricciones de usuarios": no limit, not merely unknown.
    assert free.unlimited_users
    assert not free.unlimited_contacts


def test_only_hubspot_free_crm_is_stated_to_have_unlimited_users(seed):
    # The article gives no user limit for any other plan: those stay "not stated".
    assert list(Plan.objects.filter(unlimited_users=True).values_list("slug", flat=True)) == [
        "crm-gratuito"
    ]


def test_seed_page_says_hubspot_free_crm_has_no_user_limit(seed, client):
    html = client.get("/comparar/zoho-crm-vs-hubspot-crm/").content.decode()
    # Each vendor's first plan card: Zoho's free edition, HubSpot's free CRM.
    users = re.findall(r"<dt>Usuarios</dt><dd>(.*?)</dd>", html, re.S)
    cards = [re.sub(r"<[^>]+>", "", cell).strip() for cell in users]
    assert "hasta 3" in cards and "sin límite" in cards
    pricing = html[html.index('id="pricing"') :]
    zoho, hubspot = re.findall(r'<td><ol class="plan-list">(.*?)</ol></td>', pricing, re.S)
    assert "Edición gratuita" in zoho and "CRM gratuito" not in zoho
    assert "CRM gratuito" in hubspot and "Edición gratuita" not in hubspot


def test_hubspot_paid_plans(seed):
    starter = plan("hubspot-crm", "inicial")
    assert (starter.price, starter.is_from_price) == (Decimal("45.00"), True)
    assert starter.billing_period == Plan.BillingPeriod.MONTH

    marketing = plan("hubspot-crm", "marketing-hub-professional")
    assert (marketing.price, marketing.is_from_price) == (Decimal("800.00"), True)
    assert marketing.pricing_unit == Plan.PricingUnit.PER_ACCOUNT
    assert marketing.contacts_included == 2000
    assert marketing.extra_contacts_block_size == 1000
    assert marketing.extra_contacts_block_price is None

    enterprise = plan("hubspot-crm", "enterprise")
    assert enterprise.price == Decimal("48000.00")
    assert enterprise.billing_period == Plan.BillingPeriod.YEAR
    assert enterprise.pricing_unit == Plan.PricingUnit.PER_ACCOUNT


def test_plans_are_ordered_cheapest_first(seed):
    zoho = list(Plan.objects.filter(vendor__slug="zoho-crm").values_list("slug", flat=True))
    assert zoho[:2] == ["gratuita", "standard"]
    hubspot = list(Plan.objects.filter(vendor__slug="hubspot-crm").values_list("slug", flat=True))
    assert hubspot == ["crm-gratuito", "inicial", "marketing-hub-professional", "enterprise"]


def test_feature_figures(seed):
    assert availability("hubspot-crm", "ecosistema-integraciones").quantity == 700
    backups = availability("zoho-crm", "copias-seguridad-gratuitas")
    assert (backups.status, backups.quantity) == ("available", 2)
    assert availability("hubspot-crm", "copias-seguridad-gratuitas").status == "unavailable"
    assert availability("zoho-crm", "comercio-electronico").note == "Solo WooCommerce"
    assert availability("hubspot-crm", "crm-social").status == "unavailable"
    field_security = availability("hubspot-crm", "seguridad-nivel-campo")
    assert field_security.plan == plan("hubspot-crm", "enterprise")
    assert availability("hubspot-crm", "seo").plan == plan(
        "hubspot-crm", "marketing-hub-professional"
    )


def test_features_the_article_is_silent_on_have_no_availability(seed):
    assert not FeatureAvailability.objects.filter(
        vendor__slug="zoho-crm", feature__slug="gestion-pedidos"
    ).exists()


def test_key_features_are_the_articles_three_bullets_in_its_order(seed):
    def key_slugs(vendor_slug):
        return list(
            FeatureAvailability.objects.filter(vendor__slug=vendor_slug, is_key=True)
            .order_by("feature__category__position", "feature__position")
            .values_list("feature__slug", flat=True)
        )

    assert key_slugs("zoho-crm") == ["portales-clientes", "monitoreo", "telefonia-correo"]
    assert key_slugs("hubspot-crm") == ["campanas", "flujo-trabajo", "estrategia-contenido"]


def test_pros_and_cons_of_the_glance_table_come_first(seed):
    def texts(vendor_slug, kind):
        return list(
            ProCon.objects.filter(vendor__slug=vendor_slug, kind=kind).values_list(
                "text", flat=True
            )
        )

    assert texts("zoho-crm", "pro") == [
        "Automatización de la fuerza de ventas",
        "Planes de precios flexibles",
        "Gestión de cuentas",
    ]
    assert texts("zoho-crm", "con")[0] == "Campos personalizados limitados"
    assert texts("hubspot-crm", "con")[0] == "Plantillas limitadas"
    assert len(texts("hubspot-crm", "pro")) == 3
    assert len(texts("hubspot-crm", "con")) == 4


def test_criteria_are_ordered_and_glance_ones_flagged(seed):
    criteria = list(Criterion.objects.all())
    assert [c.slug for c in criteria[:3]] == [
        "facilidad-de-uso",
        "valor-del-dinero",
        "atencion-al-cliente",
    ]
    assert [c.slug for c in criteria if c.at_a_glance] == [c.slug for c in criteria[:3]]
    assert len(criteria) == 10
    assert all(0 <= c.default_weight <= 5 for c in criteria)
    # Both vendors are assessed on every criterion.
    assert Assessment.objects.count() == 2 * len(criteria)


def test_comparison_is_published_with_zoho_then_hubspot_and_hubspot_wins(seed):
    comparison = Comparison.objects.published().get(slug="zoho-crm-vs-hubspot-crm")
    vendors = [cv.vendor.slug for cv in comparison.comparison_vendors.all()]
    assert vendors == ["zoho-crm", "hubspot-crm"]
    assert comparison.overall_winner.slug == "hubspot-crm"
    assert comparison.author_name == "Aishwar Baber"
    assert comparison.published_on == ARTICLE_DATE
    assert comparison.sources.count() == Source.objects.count()
    winners = {s.criterion.slug: s.winner for s in comparison.sections.exclude(criterion=None)}
    assert winners["gestion-clientes-potenciales"] is None
    assert winners["datos-seguridad"].slug == "zoho-crm"
    assert winners["capacidades"].slug == "hubspot-crm"


def test_comparison_has_the_five_faq_entries_in_order(seed):
    comparison = Comparison.objects.get(slug="zoho-crm-vs-hubspot-crm")
    questions = list(comparison.faq_entries.values_list("question", flat=True))
    assert len(questions) == 5
    assert questions[0] == "¿En qué se diferencian Zoho y HubSpot?"
    assert questions[3] == "¿HubSpot sigue siendo gratuito?"
    assert questions[4] == "¿Qué significa CRM?"
    assert list(comparison.faq_entries.values_list("position", flat=True)) == [0, 1, 2, 3, 4]


def test_every_fact_has_last_verified_and_a_source(seed):
    article = Source.objects.get(title__startswith="Zoho vs HubSpot 2024")
    assert article.url == ""
    for model in (Plan, FeatureAvailability, Assessment, ProCon):
        assert model.objects.exists()
        assert not model.objects.filter(source=None).exists(), model.__name__
        assert set(model.objects.values_list("last_verified", flat=True)) == {ARTICLE_DATE}


def test_loading_twice_gives_the_same_data(seed):
    before = row_counts()
    call_command("loaddata", SEED, verbosity=0)
    assert row_counts() == before


def test_plans_and_assessments_pass_validation(seed):
    for obj in [*Plan.objects.all(), *Assessment.objects.all()]:
        obj.full_clean()


def contrast_on_white(hex_colour: str) -> float:
    """WCAG 2 contrast ratio of a #RRGGBB colour against white."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_seed_page_says_staleness_once_not_on_each_of_its_facts(seed, client):
    html = client.get("/comparar/zoho-crm-vs-hubspot-crm/").content.decode()
    # The page's notice and one per section, rather than a ⚠ on every fact.
    assert html.count("⚠") <= 20
    assert html.count('class="stale-notice') == 5
    assert "134 datos de esta página se verificaron por última vez hace más de 90 días" in html
    # Each fact's ⓘ still gives its verification date.
    assert html.count("Última verificación") >= 134
