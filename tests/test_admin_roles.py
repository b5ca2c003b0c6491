"""Who may do what in the admin: anonymous, editor, superuser."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from comparisons.models import Comparison, Vendor
from tests.factories import ComparisonFactory, PlanFactory, UserFactory, VendorFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    ["admin:index", "admin:comparisons_plan_changelist", "admin_needs_checking"],
)
def test_anonymous_is_sent_to_the_login_page(client, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_user_without_staff_status_cannot_enter_the_admin(client):
    client.force_login(UserFactory())

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_editor_sees_content_but_not_user_management(editor_client):
    response = editor_client.get(reverse("admin:index"))

    assert response.status_code == 200
    assert "/admin/comparisons/plan/" in response.text
    assert "/admin/comparisons/vendor/" in response.text
    assert "/admin/auth/" not in response.text


@pytest.mark.parametrize(
    "url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist", "admin:auth_user_add"]
)
def test_editor_cannot_reach_user_management(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_editor_cannot_delete_vendor(editor_client):
    vendor = VendorFactory()

    page = editor_client.get(reverse("admin:comparisons_vendor_change", args=[vendor.pk]))
    response = editor_client.post(
        reverse("admin:comparisons_vendor_delete", args=[vendor.pk]), {"post": "yes"}
    )

    assert reverse("admin:comparisons_vendor_delete", args=[vendor.pk]) not in page.text
    assert response.status_code == 403
    assert Vendor.objects.filter(pk=vendor.pk).exists()


def test_editor_cannot_delete_comparison(editor_client):
    comparison = ComparisonFactory()

    response = editor_client.post(
        reverse("admin:comparisons_comparison_delete", args=[comparison.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Comparison.objects.filter(pk=comparison.pk).exists()


def test_editor_can_add_a_vendor(editor_client):
    response = editor_client.post(
        reverse("admin:comparisons_vendor_add"),
        {
            "name": "Pipedrive",
            "slug": "pipedrive",
            **_empty_inlines(),
        },
    )

    assert response.status_code == 302, response.context["errors"] if response.context else ""
    assert Vendor.objects.filter(slug="pipedrive").exists()


def test_editor_can_delete_a_plan(editor_client):
    plan = PlanFactory()

    response = editor_client.post(
        reverse("admin:comparisons_plan_delete", args=[plan.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not type(plan).objects.filter(pk=plan.pk).exists()


def test_superuser_reaches_user_management_and_deletes_vendors(superuser_client):
    vendor = VendorFactory()

    users = superuser_client.get(reverse("admin:auth_user_changelist"))
    deleted = superuser_client.post(
        reverse("admin:comparisons_vendor_delete", args=[vendor.pk]), {"post": "yes"}
    )

    assert users.status_code == 200
    assert deleted.status_code == 302
    assert not Vendor.objects.filter(pk=vendor.pk).exists()


def test_editors_group_has_exactly_the_editing_permissions():
    codenames = set(
        Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)
    )

    assert {"add_plan", "change_plan", "change_vendor", "add_comparison", "change_faqentry"} <= (
        codenames
    )
    assert {
        "view_historicalplan",
        "view_historicalfeatureavailability",
        "view_historicalassessment",
    } <= codenames
    assert "delete_vendor" not in codenames
    assert "delete_comparison" not in codenames
    assert not {code for code in codenames if code.endswith(("_user", "_group", "_permission"))}
    assert not {code for code in codenames if code.startswith("change_historical")}


def _empty_inlines():
    """Management forms of the vendor page's inlines, all empty."""
    data = {}
    for prefix in ["plans", "availabilities", "pros_cons", "assessments"]:
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data
