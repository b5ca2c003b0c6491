"""`manage.py createeditor`: a staff account in the Editors group, password asked for."""

from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "editing-is-fun-2026"


def test_creates_an_editor_with_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", GOOD_PASSWORD)
    out = StringIO()

    call_command("createeditor", "ana", "--email", "ana@example.com", "--noinput", stdout=out)

    user = get_user_model().objects.get(username="ana")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.check_password(GOOD_PASSWORD)
    assert user.has_perm("comparisons.change_plan")
    assert not user.has_perm("comparisons.delete_vendor")
    assert "Editor “ana” created." in out.getvalue()


def test_asks_for_the_password_twice_until_they_match():
    answers = iter(["one-password-77", "another-pass-88", GOOD_PASSWORD, GOOD_PASSWORD])
    err = StringIO()

    with mock.patch("getpass.getpass", side_effect=lambda *args: next(answers)):
        call_command("createeditor", "bea", stdout=StringIO(), stderr=err)

    assert "Your passwords didn't match." in err.getvalue()
    assert get_user_model().objects.get(username="bea").check_password(GOOD_PASSWORD)


def test_rejects_a_weak_password_interactively():
    answers = iter(["123", "123", GOOD_PASSWORD, GOOD_PASSWORD])
    err = StringIO()

    with mock.patch("getpass.getpass", side_effect=lambda *args: next(answers)):
        call_command("createeditor", "carla", stdout=StringIO(), stderr=err)

    assert "too short" in err.getvalue() or "demasiado corta" in err.getvalue()
    assert get_user_model().objects.filter(username="carla").exists()


def test_noinput_without_password_fails(monkeypatch):
    monkeypatch.delenv("DJANGO_EDITOR_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="DJANGO_EDITOR_PASSWORD"):
        call_command("createeditor", "dora", "--noinput")

    assert not get_user_model().objects.filter(username="dora").exists()


def test_existing_username_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", GOOD_PASSWORD)
    get_user_model().objects.create_user("eva")

    with pytest.raises(CommandError, match="already taken"):
        call_command("createeditor", "eva", "--noinput")


def test_editor_created_by_the_command_can_log_in(client, monkeypatch):
    monkeypatch.setenv("DJANGO_EDITOR_PASSWORD", GOOD_PASSWORD)
    call_command("createeditor", "fran", "--noinput", stdout=StringIO())

    # Through the admin's login form, as the editor will.
    signed_in = client.post("/admin/login/", {"username": "fran", "password": GOOD_PASSWORD})
    assert signed_in.status_code == 302
    assert client.get("/admin/comparisons/plan/").status_code == 200
