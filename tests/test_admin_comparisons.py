"""The comparison and vendor pages of the admin: inlines, validation, view on site."""

import re
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from comparisons.models import Comparison, ComparisonVendor, Plan, Vendor
from tests.admin_forms import change_form_data
from tests.api_support import user_with_permissions
from tests.factories import (
    AssessmentFactory,
    ComparisonFactory,
    ComparisonSectionFactory,
    CriterionFactory,
    FAQEntryFactory,
    FeatureAvailabilityFactory,
    FeatureFactory,
    PlanFactory,
    ProConFactory,
    VendorFactory,
)

# Messages are asserted as written in the code, whatever the catalogues say.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def comparison_url(comparison):
    return reverse("admin:comparisons_comparison_change", args=[comparison.pk])


def vendor_rows(data):
    """Indexes of the vendor inline rows in POST data."""
    return range(int(data["comparison_vendors-TOTAL_FORMS"]))


def test_comparison_page_edits_vendors_sections_and_faq(editor_client):
    zoho, hubspot = VendorFactory(name="Zoho CRM"), VendorFactory(name="HubSpot")
    comparison = ComparisonFactory(vendors=[zoho, hubspot])
    ComparisonSectionFactory(comparison=comparison, title="Ease of use")

    response = editor_client.get(comparison_url(comparison))

    assert response.status_code == 200
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["comparison_vendors", "sections", "faq_entries"]
    assert "Ease of use" in response.text
    assert "Zoho CRM" in response.text


def test_comparison_with_fewer_than_two_vendors_is_refused(editor_client):
    zoho, hubspot = VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot])
    page = editor_client.get(comparison_url(comparison))
    data = change_form_data(page)
    data["comparison_vendors-1-DELETE"] = "on"

    response = editor_client.post(comparison_url(comparison), data)

    assert response.status_code == 200
    assert "A comparison needs at least two vendors." in response.text
    assert comparison.comparison_vendors.count() == 2


def test_overall_winner_must_be_compared(editor_client):
    zoho, hubspot, other = VendorFactory(), VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot])
    page = editor_client.get(comparison_url(comparison))

    response = editor_client.post(
        comparison_url(comparison), change_form_data(page, overall_winner=str(other.pk))
    )

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["overall_winner"] == [
        "The overall winner must be one of the compared vendors."
    ]
    comparison.refresh_from_db()
    assert comparison.overall_winner is None


def test_overall_winner_among_vendors_is_saved(editor_client):
    zoho, hubspot = VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot])
    page = editor_client.get(comparison_url(comparison))

    response = editor_client.post(
        comparison_url(comparison), change_form_data(page, overall_winner=str(hubspot.pk))
    )

    assert response.status_code == 302
    comparison.refresh_from_db()
    assert comparison.overall_winner == hubspot


def test_section_winner_must_be_compared(editor_client):
    zoho, hubspot, other = VendorFactory(), VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot])
    ComparisonSectionFactory(comparison=comparison)
    page = editor_client.get(comparison_url(comparison))

    response = editor_client.post(
        comparison_url(comparison), change_form_data(page, **{"sections-0-winner": other.pk})
    )

    assert response.status_code == 200
    section_form = response.context["inline_admin_formsets"][1].formset.forms[0]
    assert "The winner must be one of the compared vendors." in section_form.errors["winner"]


def test_vendor_added_and_made_section_winner_in_one_save(editor_client):
    zoho, hubspot, newcomer = VendorFactory(), VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot])
    section = ComparisonSectionFactory(comparison=comparison)
    page = editor_client.get(comparison_url(comparison))
    data = change_form_data(page, **{"sections-0-winner": newcomer.pk})
    data.update(
        {
            "comparison_vendors-TOTAL_FORMS": "3",
            "comparison_vendors-2-vendor": newcomer.pk,
            "comparison_vendors-2-position": "2",
            "comparison_vendors-2-comparison": comparison.pk,
        }
    )

    response = editor_client.post(comparison_url(comparison), data)

    assert response.status_code == 302, response.context["errors"]
    section.refresh_from_db()
    assert section.winner == newcomer
    assert comparison.vendors.count() == 3


def test_dropping_a_vendor_that_wins_a_section_is_refused_on_the_section(editor_client):
    zoho, hubspot, pipedrive = VendorFactory(), VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot, pipedrive])
    ComparisonSectionFactory(comparison=comparison, winner=pipedrive)
    page = editor_client.get(comparison_url(comparison))
    data = change_form_data(page)
    data["comparison_vendors-2-DELETE"] = "on"

    response = editor_client.post(comparison_url(comparison), data)

    assert response.status_code == 200
    section_form = response.context["inline_admin_formsets"][1].formset.forms[0]
    assert section_form.errors["winner"] == ["The winner must be one of the compared vendors."]
    assert comparison.vendors.count() == 3


def test_new_comparison_with_an_overall_winner_it_does_not_compare_is_refused(editor_client):
    page = editor_client.get(reverse("admin:comparisons_comparison_add"))
    zoho, hubspot, other = VendorFactory(), VendorFactory(), VendorFactory()
    data = change_form_data(page, title="Zoho vs HubSpot", slug="zoho-vs-hubspot")
    data |= {
        "overall_winner": other.pk,
        "comparison_vendors-TOTAL_FORMS": "2",
        "comparison_vendors-0-vendor": zoho.pk,
        "comparison_vendors-0-position": "0",
        "comparison_vendors-1-vendor": hubspot.pk,
        "comparison_vendors-1-position": "1",
    }

    response = editor_client.post(reverse("admin:comparisons_comparison_add"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["overall_winner"] == [
        "The overall winner must be one of the compared vendors."
    ]
    assert not Comparison.objects.exists()


def test_an_editor_who_only_sees_the_vendors_sets_a_winner_among_them(client):
    zoho, hubspot = VendorFactory(), VendorFactory()
    comparison = ComparisonFactory(vendors=[zoho, hubspot])
    user = user_with_permissions(
        "view_comparison", "change_comparison", "view_comparisonvendor", "view_vendor"
    )
    user.is_staff = True
    user.save()
    client.force_login(user)
    page = client.get(comparison_url(comparison))

    response = client.post(
        comparison_url(comparison), change_form_data(page, overall_winner=str(hubspot.pk))
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    comparison.refresh_from_db()
    assert comparison.overall_winner == hubspot


def test_new_comparison_needs_two_vendors(editor_client):
    page = editor_client.get(reverse("admin:comparisons_comparison_add"))
    zoho = VendorFactory()
    data = change_form_data(page, title="Zoho vs nobody", slug="zoho-vs-nobody")
    data |= {
        "comparison_vendors-TOTAL_FORMS": "1",
        "comparison_vendors-0-vendor": zoho.pk,
        "comparison_vendors-0-position": "0",
    }

    response = editor_client.post(reverse("admin:comparisons_comparison_add"), data)

    assert response.status_code == 200
    assert "A comparison needs at least two vendors." in response.text
    assert not Comparison.objects.filter(slug="zoho-vs-nobody").exists()


def test_comparison_slug_already_used_is_shown_on_the_field(editor_client):
    ComparisonFactory(slug="zoho-vs-hubspot")
    comparison = ComparisonFactory(vendors=[VendorFactory(), VendorFactory()])
    page = editor_client.get(comparison_url(comparison))

    response = editor_client.post(
        comparison_url(comparison), change_form_data(page, slug="zoho-vs-hubspot")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"]


def test_vendor_slug_already_used_is_shown_on_the_field(editor_client):
    VendorFactory(slug="zoho")
    vendor = VendorFactory()
    url = reverse("admin:comparisons_vendor_change", args=[vendor.pk])
    page = editor_client.get(url)

    response = editor_client.post(url, change_form_data(page, slug="zoho"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"]


@pytest.mark.parametrize("name", ["summary", "best_for"])
def test_vendor_summary_and_best_for_are_text_areas_that_keep_their_limit(editor_client, name):
    text = "CRM en la nube para pymes: ventas, marketing y soporte, muy personalizable y barato."
    vendor = VendorFactory(**{name: text})

    html = editor_client.get(reverse("admin:comparisons_vendor_change", args=[vendor.pk])).text

    textarea = re.search(rf'<textarea name="{name}"[^>]*>([^<]*)</textarea>', html)
    assert textarea, f"{name} is not a text area"
    assert 'maxlength="240"' in textarea.group(0)
    assert textarea.group(1).strip() == text


@pytest.mark.parametrize(
    ("factory", "field", "prefix"),
    [
        (ProConFactory, "text", "pros_cons"),
        (AssessmentFactory, "verdict", "assessments"),
        (FeatureAvailabilityFactory, "note", "availabilities"),
    ],
)
def test_vendor_page_shows_the_words_of_each_inline_row_whole(
    editor_client, factory, field, prefix
):
    words = "El soporte mejorado se paga aparte: 20–25 % de la suscripción anual"
    row = factory(**{field: words})

    html = editor_client.get(reverse("admin:comparisons_vendor_change", args=[row.vendor.pk])).text

    textarea = re.search(rf'<textarea name="{prefix}-0-{field}"[^>]*>([^<]*)</textarea>', html)
    assert textarea, f"{field} is not a text area"
    assert textarea.group(1).strip() == words


def test_vendor_page_edits_plan_prices_inline(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    url = reverse("admin:comparisons_vendor_change", args=[plan.vendor.pk])
    page = editor_client.get(url)

    response = editor_client.post(url, change_form_data(page, **{"plans-0-price": "15.00"}))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.price == Decimal("15.00")


def test_vendor_page_refuses_a_negative_inline_price(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    url = reverse("admin:comparisons_vendor_change", args=[plan.vendor.pk])
    page = editor_client.get(url)

    response = editor_client.post(url, change_form_data(page, **{"plans-0-price": "-3"}))

    assert response.status_code == 200
    plan_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert plan_form.errors["price"] == ["A price cannot be negative."]
    assert Plan.objects.get(pk=plan.pk).price == Decimal("14.00")


def test_vendor_page_refuses_a_stale_inline_plan(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    url = reverse("admin:comparisons_vendor_change", args=[plan.vendor.pk])
    page = editor_client.get(url)
    Plan.objects.get(pk=plan.pk).save()  # someone else saves the plan meanwhile

    response = editor_client.post(url, change_form_data(page, **{"plans-0-price": "15.00"}))

    assert response.status_code == 200
    assert "Someone else changed this plan after you opened it" in response.text


@pytest.mark.parametrize("is_published", [True, False])
def test_view_on_site_opens_the_public_comparison(editor_client, is_published):
    comparison = ComparisonFactory(slug="zoho-vs-hubspot", is_published=is_published)
    content_type = ContentType.objects.get_for_model(Comparison)

    page = editor_client.get(comparison_url(comparison))
    response = editor_client.get(
        reverse("admin:view_on_site", args=[content_type.pk, comparison.pk])
    )

    assert reverse("admin:view_on_site", args=[content_type.pk, comparison.pk]) in page.text
    assert response.status_code == 302
    assert response.url.endswith(
        reverse("comparisons:comparison_detail", kwargs={"slug": "zoho-vs-hubspot"})
    )


def test_comparison_list_links_previews_of_unpublished_comparisons(editor_client):
    ComparisonFactory(slug="draft", is_published=False)

    response = editor_client.get(reverse("admin:comparisons_comparison_changelist"))

    assert reverse("comparisons:comparison_detail", kwargs={"slug": "draft"}) in response.text
    assert "Preview" in response.text


def test_vendor_view_on_site(editor_client):
    vendor = VendorFactory(slug="zoho")
    content_type = ContentType.objects.get_for_model(Vendor)

    response = editor_client.get(reverse("admin:view_on_site", args=[content_type.pk, vendor.pk]))

    assert response.url.endswith(reverse("comparisons:vendor_detail", kwargs={"slug": "zoho"}))


def test_editor_previews_an_unpublished_comparison_from_the_admin(editor_client, client):
    comparison = ComparisonFactory(
        title="Draft: Zoho vs HubSpot",
        slug="draft",
        is_published=False,
        vendors=[VendorFactory(), VendorFactory()],
    )
    content_type = ContentType.objects.get_for_model(Comparison)
    anonymous = type(client)()

    preview = editor_client.get(
        reverse("admin:view_on_site", args=[content_type.pk, comparison.pk]), follow=True
    )

    assert preview.status_code == 200
    assert "Draft: Zoho vs HubSpot" in preview.content.decode()
    assert anonymous.get(comparison.get_absolute_url()).status_code == 404


def _query_count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_vendor_page_query_count_does_not_grow_with_inline_rows(editor_client):
    from tests.factories import AssessmentFactory, FeatureAvailabilityFactory, ProConFactory

    vendor = VendorFactory()
    url = reverse("admin:comparisons_vendor_change", args=[vendor.pk])

    def add_rows():
        plan = PlanFactory(vendor=vendor)
        FeatureAvailabilityFactory(vendor=vendor, plan=plan)
        AssessmentFactory(vendor=vendor)
        ProConFactory(vendor=vendor)

    add_rows()
    _query_count(editor_client, url)  # warms per-process caches (content types)
    few = _query_count(editor_client, url)
    for _ in range(5):
        add_rows()

    assert _query_count(editor_client, url) == few


def test_comparison_page_query_count_does_not_grow_with_inline_rows(editor_client):
    comparison = ComparisonFactory(vendors=[VendorFactory(), VendorFactory()])
    ComparisonSectionFactory(comparison=comparison)
    url = comparison_url(comparison)
    _query_count(editor_client, url)  # warms per-process caches (content types)
    few = _query_count(editor_client, url)
    for position, vendor in enumerate(VendorFactory.create_batch(3), start=2):
        ComparisonVendor.objects.create(comparison=comparison, vendor=vendor, position=position)
        ComparisonSectionFactory(comparison=comparison, winner=vendor)

    assert _query_count(editor_client, url) == few


# --- Long texts have a limit, in the admin as through the API ---

TOO_LONG = "x" * 100_001


def _compared():
    return ComparisonFactory(vendors=[VendorFactory(), VendorFactory()])


@pytest.mark.parametrize(
    ("factory", "field"),
    [
        (VendorFactory, "description"),
        (FeatureFactory, "description"),
        (CriterionFactory, "description"),
        (AssessmentFactory, "text"),
        (_compared, "intro"),
        (_compared, "conclusion"),
        (_compared, "author_bio"),
        (FAQEntryFactory, "answer"),
    ],
)
def test_overly_long_text_is_a_form_error(editor_client, factory, field):
    obj = factory()
    before = getattr(obj, field)
    url = reverse(f"admin:comparisons_{obj._meta.model_name}_change", args=[obj.pk])
    page = editor_client.get(url)

    response = editor_client.post(url, change_form_data(page, **{field: TOO_LONG}))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field]
    obj.refresh_from_db()
    assert getattr(obj, field) == before


@pytest.mark.parametrize(("inline", "field"), [("sections", "body"), ("faq_entries", "answer")])
def test_overly_long_text_in_a_comparison_inline_is_a_form_error(editor_client, inline, field):
    comparison = _compared()
    section = ComparisonSectionFactory(comparison=comparison)
    faq = FAQEntryFactory(comparison=comparison)
    page = editor_client.get(comparison_url(comparison))

    response = editor_client.post(
        comparison_url(comparison), change_form_data(page, **{f"{inline}-0-{field}": TOO_LONG})
    )

    assert response.status_code == 200
    formset = next(
        admin_formset.formset
        for admin_formset in response.context["inline_admin_formsets"]
        if admin_formset.formset.prefix == inline
    )
    assert formset.forms[0].errors[field]
    section.refresh_from_db()
    faq.refresh_from_db()
    assert (section.body, faq.answer) == ("Body", "Answer.")
