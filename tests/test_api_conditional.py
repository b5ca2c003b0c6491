"""ETag / Last-Modified on reads, 304 on If-None-Match, 412 on stale If-Match writes."""

from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from comparisons.models import Plan
from tests import factories
from tests.api_support import user_with_permissions

pytestmark = pytest.mark.django_db


def test_reads_carry_etag_and_last_modified(client):
    factories.VendorFactory()

    response = client.get(reverse("api:vendor-list"))

    assert response["ETag"].startswith('"')
    assert "GMT" in response["Last-Modified"]


def test_if_none_match_gets_304_until_the_data_changes(client, django_assert_num_queries):
    vendor = factories.VendorFactory(slug="zoho-crm")
    url = reverse("api:vendor-detail", kwargs={"slug": "zoho-crm"})
    etag = client.get(url)["ETag"]

    with django_assert_num_queries(1):  # the data version
        cached = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert cached.status_code == 304
    assert cached["ETag"] == etag

    vendor.summary = "Changed"
    vendor.save()
    fresh = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200
    assert fresh["ETag"] != etag


def test_etag_differs_by_language(client):
    url = reverse("api:plan-list")

    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es")["ETag"]
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")["ETag"]

    assert spanish != english


def test_if_modified_since_gets_304(client):
    url = reverse("api:criterion-list")
    last_modified = client.get(url)["Last-Modified"]

    assert client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_write_with_current_etag_succeeds(client):
    plan = factories.PlanFactory(price=Decimal("10.00"))
    client.force_login(user_with_permissions("change_plan"))
    url = reverse("api:plan-detail", kwargs={"pk": plan.pk})
    etag = client.get(url)["ETag"]

    response = client.patch(
        url, {"price": "11.00"}, content_type="application/json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200


def test_write_with_stale_etag_gets_412_and_changes_nothing(client):
    plan = factories.PlanFactory(price=Decimal("10.00"))
    client.force_login(user_with_permissions("change_plan"))
    url = reverse("api:plan-detail", kwargs={"pk": plan.pk})
    etag = client.get(url)["ETag"]
    Plan.objects.get(pk=plan.pk).save()  # someone else saves in between

    response = client.patch(
        url, {"price": "11.00"}, content_type="application/json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 412
    assert "detail" in response.json()
    plan.refresh_from_db()
    assert plan.price == Decimal("10.00")


def test_delete_with_stale_etag_gets_412(client):
    factories.VendorFactory(slug="zoho-crm")
    client.force_login(user_with_permissions("delete_vendor"))

    response = client.delete(
        reverse("api:vendor-detail", kwargs={"slug": "zoho-crm"}), HTTP_IF_MATCH='"stale"'
    )

    assert response.status_code == 412


def test_token_client_round_trip_with_if_match():
    plan = factories.PlanFactory(price=Decimal("10.00"))
    api = APIClient()
    api.force_authenticate(user_with_permissions("change_plan"))
    url = reverse("api:plan-detail", kwargs={"pk": plan.pk})
    etag = api.get(url)["ETag"]

    first = api.patch(url, {"price": "11.00"}, format="json", HTTP_IF_MATCH=etag)
    second = api.patch(url, {"price": "12.00"}, format="json", HTTP_IF_MATCH=etag)

    assert first.status_code == 200
    assert second.status_code == 412
