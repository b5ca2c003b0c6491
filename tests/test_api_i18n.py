"""Labels and messages in the client's language: ?lang= or Accept-Language."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def availability():
    return factories.FeatureAvailabilityFactory(status="addon")


def _status_label(response):
    return response.json()["results"][0]["status_display"]


def test_spanish_by_default(client, availability):
    response = client.get(reverse("api:feature-availability-list"))

    assert response["Content-Language"] == "es"


def test_accept_language_picks_english(client, availability):
    response = client.get(reverse("api:feature-availability-list"), HTTP_ACCEPT_LANGUAGE="en")

    assert response["Content-Language"] == "en"
    assert _status_label(response) == "paid add-on"


def test_lang_parameter_wins_over_accept_language(client, availability):
    response = client.get(
        reverse("api:feature-availability-list"), {"lang": "en"}, HTTP_ACCEPT_LANGUAGE="es"
    )

    assert response["Content-Language"] == "en"
    assert _status_label(response) == "paid add-on"


def test_error_messages_follow_the_language(client):
    params = {"billing_period": "week"}
    english = client.get(reverse("api:plan-list"), {**params, "lang": "en"}).json()
    spanish = client.get(reverse("api:plan-list"), {**params, "lang": "es"}).json()

    assert english["billing_period"][0].startswith("Select a valid choice.")
    assert spanish["billing_period"][0].startswith("Escoja una opción válida.")


def test_cached_api_responses_keep_each_language_apart(client, availability, settings):
    settings.RESPONSE_CACHE = True
    url = reverse("api:feature-availability-list")

    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    english_again = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert english["Content-Language"] == english_again["Content-Language"] == "en"
    assert spanish["Content-Language"] == "es"
    assert _status_label(english_again) == "paid add-on"
    assert english_again["X-Cache"] == "hit"


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [
        ("get", "/api/v1/no-such-thing/", 404),
        ("get", "/api/v1/vendors/no-such-vendor/", 404),
        ("post", "/api/v1/plan-price-history/", 405),
    ],
)
def test_errors_answer_in_the_language_asked_for_and_say_which(client, method, url, status):
    english = getattr(client, method)(f"{url}?lang=en", HTTP_ACCEPT_LANGUAGE="es")
    spanish = getattr(client, method)(f"{url}?lang=es", HTTP_ACCEPT_LANGUAGE="en")

    assert english.status_code == spanish.status_code == status
    assert english.json() != spanish.json()
    assert english["Content-Language"] == "en"
    assert spanish["Content-Language"] == "es"
