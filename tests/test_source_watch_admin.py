"""The source watch in the editors' admin: settings, last check, the diff, the checks."""

import pytest
from django.urls import reverse
from django.utils import timezone

from comparisons.models import Source
from source_watch.models import SourceCheck, SourceSnapshot
from tests.factories import SourceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _history(source):
    """A baseline, a change whose text holds markup, and a failed check."""
    now = timezone.now()
    SourceSnapshot.objects.create(
        source=source,
        taken_at=now,
        fingerprint="f",
        watch_url=source.watch_url,
        text="Standard 14 USD",
        is_baseline=True,
    )
    change = SourceSnapshot.objects.create(
        source=source,
        taken_at=now,
        fingerprint="f",
        watch_url=source.watch_url,
        text="Standard 16 USD <script>alert(1)</script>",
        diff=(
            "--- before\n+++ after\n@@ -1 +1 @@\n"
            "-Standard 14 USD\n+Standard 16 USD <script>alert(1)</script>"
        ),
    )
    SourceCheck.objects.create(
        source=source,
        started_at=now,
        finished_at=now,
        url=source.watch_url,
        status=200,
        outcome="changed",
        snapshot=change,
    )
    SourceCheck.objects.create(
        source=source,
        started_at=now,
        finished_at=now,
        url=source.watch_url,
        outcome="failed",
        problem="timeout",
        detail="no answer within 20 s",
    )
    Source.objects.filter(pk=source.pk).update(checked_at=now, changed_at=now, watched_since=now)


def test_the_source_page_shows_the_watch_settings_last_check_diff_and_recent_checks(
    editor_client,
):
    source = SourceFactory(watch_url="https://vendor.example/pricing", watch_selector="#pricing")
    _history(source)

    response = editor_client.get(reverse("admin:comparisons_source_change", args=[source.pk]))

    text = response.text
    assert response.status_code == 200
    for name in ["watch_url", "watch_selector", "watch_ignore"]:
        assert f'name="{name}"' in text
    assert "Watched part last changed" in text
    assert 'id="watch-diff"' in text
    assert '<span class="removed">-Standard 14 USD</span>' in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert(1)" not in text
    assert "timed out (no answer within 20 s)" in text
    checks_url = reverse("admin:source_watch_sourcecheck_changelist")
    assert f"{checks_url}?source__id__exact={source.pk}" in text


def test_saving_a_loopback_watch_url_is_refused_on_the_field(editor_client):
    source = SourceFactory()

    response = editor_client.post(
        reverse("admin:comparisons_source_change", args=[source.pk]),
        {"title": source.title, "url": "", "watch_url": "http://localhost:8000/admin/"},
    )

    assert response.status_code == 200
    assert "private or reserved address" in str(response.context["adminform"].form.errors)
    source.refresh_from_db()
    assert source.watch_url == ""


def test_editors_read_checks_and_snapshots_but_cannot_change_them(editor_client):
    source = SourceFactory(watch_url="https://vendor.example/pricing")
    _history(source)
    check = SourceCheck.objects.first()

    assert (
        editor_client.get(reverse("admin:source_watch_sourcecheck_changelist")).status_code == 200
    )
    detail = editor_client.get(reverse("admin:source_watch_sourcecheck_change", args=[check.pk]))
    assert detail.status_code == 200
    assert 'name="outcome"' not in detail.text  # read-only
    assert editor_client.get(reverse("admin:source_watch_sourcecheck_add")).status_code == 403
    deleted = editor_client.post(
        reverse("admin:source_watch_sourcecheck_delete", args=[check.pk]), {"post": "yes"}
    )
    assert deleted.status_code == 403
    assert SourceCheck.objects.filter(pk=check.pk).exists()
    snapshot = SourceSnapshot.objects.exclude(diff="").get()
    page = editor_client.get(
        reverse("admin:source_watch_sourcesnapshot_change", args=[snapshot.pk])
    )
    assert '<span class="added">+Standard 16 USD &lt;script&gt;' in page.text
