from io import StringIO

import pytest
from django.core.management import call_command

from comparisons.models import Comparison, Plan

pytestmark = pytest.mark.django_db


def test_load_seed_fills_an_empty_catalogue():
    call_command("load_seed", stdout=StringIO())
    assert Comparison.objects.published().filter(slug="zoho-crm-vs-hubspot-crm").exists()


def test_load_seed_keeps_an_editors_changes_unless_forced():
    call_command("load_seed", stdout=StringIO())
    plan = Plan.objects.get(vendor__slug="zoho-crm", slug="standard")
    plan.price = 16
    plan.save()

    out = StringIO()
    call_command("load_seed", stdout=out)
    assert "already has data" in out.getvalue()
    plan.refresh_from_db()
    assert plan.price == 16

    call_command("load_seed", "--force", stdout=StringIO())
    plan.refresh_from_db()
    assert plan.price == 14
