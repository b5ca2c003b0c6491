"""The plan admin: list editing, validation, concurrent saves, history, bulk CSV."""

import csv
import datetime
import io
import re
import tempfile
import uuid
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from comparisons.admin import imports
from comparisons.admin.imports import SharedImportStorage
from comparisons.models import Plan
from comparisons.resources import PlanResource
from core.data_version import current_version
from tests.admin_forms import change_form_data, changelist_form_data
from tests.factories import PlanFactory, VendorFactory
from tests.redis_support import redis_cache

# Messages are asserted as written in the code, whatever the catalogues say.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


CHANGELIST = reverse("admin:comparisons_plan_changelist")


def change_url(plan):
    return reverse("admin:comparisons_plan_change", args=[plan.pk])


def test_plan_list_shows_prices_with_their_vendor(editor_client):
    PlanFactory(vendor=VendorFactory(name="Zoho CRM"), name="Standard", price=Decimal("14.00"))

    response = editor_client.get(CHANGELIST)

    assert response.status_code == 200
    assert '<html lang="en"' in response.text
    assert "Zoho CRM" in response.text
    assert "Standard" in response.text
    assert 'value="14.00"' in response.text


def test_plan_list_query_count_does_not_grow_with_rows(
    editor_client, django_assert_max_num_queries
):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get(CHANGELIST).status_code == 200
        return len(captured)

    PlanFactory.create_batch(3)
    count_queries()  # warms per-process caches (content types)
    few = count_queries()
    for vendor in VendorFactory.create_batch(5):
        PlanFactory.create_batch(4, vendor=vendor)
    many = count_queries()

    # The vendor filter lists vendors in one query, whatever their number.
    assert many == few


def test_plan_list_search_by_vendor_name(editor_client):
    PlanFactory(vendor=VendorFactory(name="Zoho CRM"), name="Standard")
    PlanFactory(vendor=VendorFactory(name="HubSpot"), name="Starter")

    response = editor_client.get(CHANGELIST, {"q": "zoho"})

    assert "Standard" in response.text
    assert "Starter" not in response.text


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"currency": "EUR"}, "Euro plan", "Dollar plan"),
        ({"billing_period__exact": "year"}, "Euro plan", "Dollar plan"),
        ({"is_free__exact": "0"}, "Euro plan", "Dollar plan"),
        ({"verification": "stale"}, "Dollar plan", "Euro plan"),
    ],
)
def test_plan_list_filters(editor_client, params, shown, hidden):
    PlanFactory(name="Euro plan", currency="EUR", billing_period="year")
    PlanFactory(
        name="Dollar plan",
        price=0,
        is_free=True,
        last_verified=datetime.date.today() - datetime.timedelta(days=365),
    )

    response = editor_client.get(CHANGELIST, params)

    assert shown in response.text
    assert hidden not in response.text


def test_plan_list_filters_by_vendor(editor_client):
    zoho = VendorFactory(name="Zoho CRM")
    PlanFactory(vendor=zoho, name="Standard")
    PlanFactory(name="Starter")

    response = editor_client.get(CHANGELIST, {"vendor__id__exact": zoho.pk})

    assert "Standard" in response.text
    assert "Starter" not in response.text


def test_editor_changes_a_price_in_the_list(editor_client, editor):
    plan = PlanFactory(price=Decimal("14.00"))
    page = editor_client.get(CHANGELIST)

    response = editor_client.post(
        CHANGELIST, changelist_form_data(page, **{"form-0-price": "16.50"})
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.price == Decimal("16.50")
    latest = plan.history.first()
    assert latest.price == Decimal("16.50")
    assert latest.history_user == editor
    assert latest.prev_record.price == Decimal("14.00")


def test_list_save_is_refused_when_someone_saved_meanwhile(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    page = editor_client.get(CHANGELIST)
    # Another editor saves first.
    other = Plan.objects.get(pk=plan.pk)
    other.price = Decimal("15.00")
    other.save()

    response = editor_client.post(
        CHANGELIST, changelist_form_data(page, **{"form-0-price": "16.00"})
    )

    assert response.status_code == 200
    assert "Someone else changed this plan after you opened it" in response.text
    plan.refresh_from_db()
    assert plan.price == Decimal("15.00")


def test_change_form_save_is_refused_when_someone_saved_meanwhile(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    page = editor_client.get(change_url(plan))
    other = Plan.objects.get(pk=plan.pk)
    other.price = Decimal("15.00")
    other.save()

    response = editor_client.post(change_url(plan), change_form_data(page, price="16.00"))

    assert response.status_code == 200
    assert "Someone else changed this plan after you opened it" in response.text
    plan.refresh_from_db()
    assert plan.price == Decimal("15.00")


def test_change_form_saves_when_nobody_else_did(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    page = editor_client.get(change_url(plan))

    response = editor_client.post(change_url(plan), change_form_data(page, price="16.00"))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.price == Decimal("16.00")


def test_a_plan_made_free_without_a_price_costs_0(editor_client):
    plan = PlanFactory(price=None)
    page = editor_client.get(change_url(plan))

    response = editor_client.post(change_url(plan), change_form_data(page, is_free="on"))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.price == Decimal("0")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price", "-1", "A price cannot be negative."),
        ("currency", "XYZ", "“XYZ” is not a known ISO 4217 currency code"),
        ("user_limit", "0", "Must be at least 1."),
        ("contacts_included", "0", "Must be at least 1."),
        ("slug", "taken", "This vendor already has a plan with the slug “taken”."),
    ],
)
def test_invalid_plan_shows_the_message_on_the_field(editor_client, field, value, message):
    plan = PlanFactory()
    PlanFactory(vendor=plan.vendor, slug="taken")
    page = editor_client.get(change_url(plan))

    response = editor_client.post(change_url(plan), change_form_data(page, **{field: value}))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert any(message in error for error in form.errors[field]), form.errors


def test_unlimited_users_with_a_user_limit_is_refused_on_the_limit(editor_client):
    plan = PlanFactory(user_limit=5)
    page = editor_client.get(change_url(plan))

    response = editor_client.post(change_url(plan), change_form_data(page, unlimited_users="on"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["user_limit"] == [
        "A plan with unlimited users has no user limit."
    ]
    plan.refresh_from_db()
    assert (plan.user_limit, plan.unlimited_users) == (5, False)


def test_currency_is_upper_cased(editor_client):
    plan = PlanFactory(currency="USD")
    page = editor_client.get(change_url(plan))

    editor_client.post(change_url(plan), change_form_data(page, currency="eur"))

    plan.refresh_from_db()
    assert plan.currency == "EUR"


def test_mark_as_verified_today(editor_client, editor):
    old = datetime.date.today() - datetime.timedelta(days=200)
    plans = PlanFactory.create_batch(2, last_verified=old)
    version_before = current_version().number

    response = editor_client.post(
        CHANGELIST,
        {"action": "mark_verified_today", "_selected_action": [plan.pk for plan in plans]},
        follow=True,
    )

    assert "2 facts marked as verified today." in response.text
    for plan in plans:
        plan.refresh_from_db()
        assert plan.last_verified == timezone.localdate()
        assert plan.history.first().history_user == editor
    assert current_version().number > version_before  # cached pages are invalidated


def test_history_page_shows_the_old_price(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    plan.price = Decimal("16.00")
    plan.save()

    response = editor_client.get(reverse("admin:comparisons_plan_history", args=[plan.pk]))

    assert response.status_code == 200
    assert "14.00" in response.text
    assert "16.00" in response.text


def test_editor_reverts_a_price_from_history(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    plan.price = Decimal("16.00")
    plan.save()
    old_version = plan.history.last()
    url = reverse("admin:comparisons_plan_simple_history", args=[plan.pk, old_version.pk])
    page = editor_client.get(url)

    response = editor_client.post(url, change_form_data(page))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.price == Decimal("14.00")


def test_deleting_a_plan_keeps_its_history(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    plan.price = Decimal("16.00")
    plan.save()
    plan_id = plan.pk

    editor_client.post(reverse("admin:comparisons_plan_delete", args=[plan_id]), {"post": "yes"})
    response = editor_client.get(reverse("admin:comparisons_plan_history", args=[plan_id]))

    assert not Plan.objects.filter(pk=plan_id).exists()
    assert Plan.history.filter(id=plan_id).count() == 3
    assert response.status_code == 200
    assert "14.00" in response.text


# --- Bulk price updates through CSV ---

CSV_HEADER = (
    "vendor,slug,name,kind,is_free,price,currency,billing_period,pricing_unit,is_from_price,"
    "users_included,user_limit,contacts_included,contact_limit,extra_contacts_block_size,"
    "extra_contacts_block_price,last_verified\n"
)


def csv_row(plan, price, currency="USD"):
    return (
        f"{plan.vendor.slug},{plan.slug},{plan.name},plan,0,{price},{currency},month,per_user,0,"
        f",,,,,,{plan.last_verified.isoformat()}\n"
    )


def import_preview(client, content):
    upload = SimpleUploadedFile("plans.csv", content.encode(), content_type="text/csv")
    return client.post(
        reverse("admin:comparisons_plan_import"),
        {"import_file": upload, "format": "0", "resource": "0"},
    )


def test_export_lists_plans_by_vendor_slug(editor_client):
    plan = PlanFactory(vendor=VendorFactory(slug="zoho"), slug="standard", price=Decimal("14"))

    response = editor_client.post(
        reverse("admin:comparisons_plan_export"),
        {
            "format": "0",
            "resource": "0",
            "planresource_vendor": "on",
            "planresource_slug": "on",
            "planresource_price": "on",
        },
    )

    assert response.status_code == 200
    assert "zoho,standard,14.00" in response.content.decode()
    assert plan.pk


EVIL_NAME = '=HYPERLINK("http://evil","x")'


def export_plans(client, format_index):
    """Every column of the plans export, in the format at `format_index` (0: CSV, 1: TSV)."""
    selected = {f"planresource_{name}": "on" for name in PlanResource._meta.fields}
    response = client.post(
        reverse("admin:comparisons_plan_export"),
        {"format": str(format_index), "resource": "0", **selected},
    )
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")


@pytest.mark.parametrize(("format_index", "delimiter"), [(0, ","), (1, "\t")])
def test_export_neutralises_text_a_spreadsheet_would_run(editor_client, format_index, delimiter):
    PlanFactory(name=EVIL_NAME, price=Decimal("14.00"))

    content = export_plans(editor_client, format_index)

    header, row = csv.reader(io.StringIO(content), delimiter=delimiter)
    exported = dict(zip(header, row, strict=True))
    assert exported["name"] == "'" + EVIL_NAME
    assert exported["price"] == "14.00"  # numbers stay numbers


def test_exported_file_imports_back_without_changing_anything(editor_client):
    plan = PlanFactory(name=EVIL_NAME, price=Decimal("14.00"))
    content = export_plans(editor_client, 0)

    preview = import_preview(editor_client, content)

    assert preview.status_code == 200
    assert [row.import_type for row in preview.context["result"].rows] == ["skip"]
    confirm_form = preview.context["confirm_form"]
    response = editor_client.post(
        reverse("admin:comparisons_plan_process_import"),
        {name: confirm_form.initial[name] for name in confirm_form.initial},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.name == EVIL_NAME


def test_import_previews_changes_then_saves_them(editor_client, editor):
    plan = PlanFactory(price=Decimal("14.00"))

    preview = import_preview(editor_client, CSV_HEADER + csv_row(plan, "18.00"))

    assert preview.status_code == 200
    result = preview.context["result"]
    assert [row.import_type for row in result.rows] == ["update"]
    assert "<ins" in preview.text  # the changed digits are highlighted
    plan.refresh_from_db()
    assert plan.price == Decimal("14.00")  # a preview saves nothing

    confirm_form = preview.context["confirm_form"]
    version_before = current_version().number
    response = editor_client.post(
        reverse("admin:comparisons_plan_process_import"),
        {name: confirm_form.initial[name] for name in confirm_form.initial},
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.price == Decimal("18.00")
    assert plan.history.first().history_user == editor
    assert current_version().number > version_before  # cached pages are invalidated


def test_an_imported_free_plan_without_a_price_costs_0(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    row = csv_row(plan, "").replace(",plan,0,", ",plan,1,", 1)

    preview = import_preview(editor_client, CSV_HEADER + row)
    confirm_form = preview.context["confirm_form"]
    response = editor_client.post(
        reverse("admin:comparisons_plan_process_import"),
        {name: confirm_form.initial[name] for name in confirm_form.initial},
    )

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.is_free
    assert plan.price == Decimal("0")


def confirmed_preview(client, plan, price):
    """The POST data of the confirm button of a preview that changes `plan`'s price."""
    preview = import_preview(client, CSV_HEADER + csv_row(plan, price))
    confirm_form = preview.context["confirm_form"]
    return {name: confirm_form.initial[name] for name in confirm_form.initial}


def test_confirming_an_import_twice_is_a_form_error(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    confirm = confirmed_preview(editor_client, plan, "18.00")
    url = reverse("admin:comparisons_plan_process_import")
    assert editor_client.post(url, confirm).status_code == 302
    Plan.objects.filter(pk=plan.pk).update(price=Decimal("20.00"))  # edited meanwhile

    response = editor_client.post(url, confirm)

    assert response.status_code == 200
    assert "upload the file again" in response.text
    plan.refresh_from_db()
    assert plan.price == Decimal("20.00")


@pytest.mark.parametrize(
    "changes",
    [
        {"import_file_name": "../../etc/passwd"},
        {"import_file_name": "0123456789abcdef0123456789abcdef"},
        {"import_file_name": "/etc/hostname"},
        {"format": "99"},
        {"format": "csv"},
        {"format": "²"},
        # Formats that exist, but not the one previewed: they cannot read the file.
        {"format": "2"},
        {"format": "3"},
        {"format": "4"},
        {"resource": "7"},
    ],
)
def test_confirming_a_made_up_import_is_a_form_error(editor_client, changes):
    plan = PlanFactory(price=Decimal("14.00"))
    confirm = confirmed_preview(editor_client, plan, "18.00")

    response = editor_client.post(
        reverse("admin:comparisons_plan_process_import"), {**confirm, **changes}
    )

    assert response.status_code == 200
    assert "upload the file again" in response.text
    plan.refresh_from_db()
    assert plan.price == Decimal("14.00")


@pytest.fixture(params=["local memory", "redis"])
def shared_cache(request, settings):
    """The cache every app server shares: Redis in production (a database number of its own)."""
    if request.param != "redis":
        yield
        return
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_TEST_URL}")
    prefix = f"test-import-{uuid.uuid4().hex}"
    settings.CACHES = redis_cache(REDIS_TEST_URL, key_prefix=prefix)
    yield
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


REDIS_TEST_URL = "redis://127.0.0.1:6379/14"


@pytest.mark.usefixtures("shared_cache")
def test_an_import_previewed_on_one_server_is_confirmed_on_another(editor_client):
    plan = PlanFactory(price=Decimal("14.00"))
    confirm = confirmed_preview(editor_client, plan, "18.00")

    # Another app server: a disk of its own, the same cache.
    with (
        tempfile.TemporaryDirectory() as other_disk,
        mock.patch.object(tempfile, "tempdir", other_disk),
    ):
        response = editor_client.post(reverse("admin:comparisons_plan_process_import"), confirm)

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.price == Decimal("18.00")


def test_import_preview_while_the_cache_is_down_is_a_form_error(editor_client, settings):
    plan = PlanFactory(price=Decimal("14.00"))
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    preview = import_preview(editor_client, CSV_HEADER + csv_row(plan, "18.00"))

    assert preview.status_code == 200
    assert "the cache is unavailable" in preview.text
    assert not preview.context.get("confirm_form")


def test_an_import_file_past_the_size_limit_is_refused_before_it_is_read(
    editor_client, monkeypatch
):
    plan = PlanFactory(price=Decimal("14.00"))
    content = CSV_HEADER + csv_row(plan, "18.00")
    monkeypatch.setattr(imports, "IMPORT_MAX_BYTES", len(content.encode()) - 1)
    stored = mock.patch.object(cache, "set", wraps=cache.set)

    with stored as cache_set:
        preview = import_preview(editor_client, content)

    assert preview.status_code == 200
    assert "The file is too big" in preview.text
    assert not preview.context.get("confirm_form")
    kept = [call.args[0] for call in cache_set.mock_calls]
    assert not any(key.startswith(SharedImportStorage.CACHE_PREFIX) for key in kept)


def test_import_with_one_bad_row_saves_nothing(editor_client):
    good, bad = PlanFactory.create_batch(2, price=Decimal("14.00"))

    preview = import_preview(
        editor_client,
        CSV_HEADER + csv_row(good, "18.00") + csv_row(bad, "-5.00", currency="XYZ"),
    )

    assert preview.status_code == 200
    assert "confirm_form" not in preview.context or preview.context["confirm_form"] is None
    assert "XYZ" in preview.text
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (good.price, bad.price) == (Decimal("14.00"), Decimal("14.00"))


def test_plan_description_is_edited_in_a_text_area_that_keeps_its_limit(editor_client):
    plan = PlanFactory(description="Entry price, with free phone, e-mail and chat support.")

    html = editor_client.get(change_url(plan)).text

    textarea = re.search(r'<textarea name="description"[^>]*>([^<]*)</textarea>', html)
    assert textarea, "the description is not a text area"
    assert 'maxlength="300"' in textarea.group(0)
    assert textarea.group(1).strip() == "Entry price, with free phone, e-mail and chat support."
