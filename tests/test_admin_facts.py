"""Feature availability and assessment admin: list editing, verification, history."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from comparisons.models import Assessment, FeatureAvailability
from tests.admin_forms import changelist_form_data
from tests.factories import AssessmentFactory, FeatureAvailabilityFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def test_availability_list_save_is_refused_when_someone_saved_meanwhile(editor_client):
    availability = FeatureAvailabilityFactory()
    url = reverse("admin:comparisons_featureavailability_changelist")
    page = editor_client.get(url)
    FeatureAvailability.objects.get(pk=availability.pk).save()

    response = editor_client.post(
        url, changelist_form_data(page, **{"form-0-last_verified": "2026-01-02"})
    )

    assert response.status_code == 200
    assert "Someone else changed this feature availability after you opened it" in (response.text)


def test_mark_assessments_as_verified_today(editor_client):
    assessment = AssessmentFactory(
        last_verified=datetime.date.today() - datetime.timedelta(days=300)
    )

    editor_client.post(
        reverse("admin:comparisons_assessment_changelist"),
        {"action": "mark_verified_today", "_selected_action": [assessment.pk]},
    )

    assert Assessment.objects.get(pk=assessment.pk).last_verified == timezone.localdate()


def test_assessment_history_shows_the_old_score(editor_client):
    assessment = AssessmentFactory(score=7)
    assessment.score = 9
    assessment.save()

    response = editor_client.get(
        reverse("admin:comparisons_assessment_history", args=[assessment.pk])
    )

    assert response.status_code == 200
    assert "7.0" in response.text
    assert "9.0" in response.text


def test_availability_history_is_visible_to_editors(editor_client):
    availability = FeatureAvailabilityFactory(status="available")
    availability.status = "limited"
    availability.save()

    response = editor_client.get(
        reverse("admin:comparisons_featureavailability_history", args=[availability.pk])
    )

    assert response.status_code == 200
    assert "limited" in response.text
