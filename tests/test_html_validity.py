"""The HTML as served validates with the Nu HTML checker (npm vnu-jar, run with Java)."""

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import factories
from tests.catalogue import build_catalogue
from tests.html_check import assert_valid_html, needs_vnu

pytestmark = [pytest.mark.django_db, needs_vnu]


def test_public_pages_are_valid_html5(client, tmp_path):
    # The seed has fixed primary keys: load it before the factories add rows.
    call_command("loaddata", str(settings.BASE_DIR / "fixtures" / "seed.json"), verbosity=0)
    build_catalogue(vendors=3)
    factories.FAQEntryFactory(question="What is a CRM?")
    paths = [
        "/comparar/zoho-crm-vs-hubspot-crm/",
        "/en/crm/hubspot-crm/",
        "/",
        "/en/",
        "/comparar/alpha-vs-beta/",
        "/en/comparar/alpha-vs-beta/?diff=1",
        "/crm/alpha-crm/",
        "/preguntas-frecuentes/",
        "/comparar/alpha-vs-beta/preguntas-frecuentes/",
        "/comparar/",
        "/comparar/?crm=alpha-crm&crm=beta-crm",
        "/comparar/?crm=alpha-crm&crm=nope",
        "/comparar/zoho-crm-vs-hubspot-crm/recomendacion/?users=5&need=correo-marketing",
        "/en/comparar/zoho-crm-vs-hubspot-crm/coste/?users=5&need=correo-marketing",
        "/recomendacion/?vendors=alpha-crm&vendors=beta-crm",
        "/buscar/",
        "/buscar/?q=correo",
        "/en/buscar/?q=hubspt",
        "/buscar/?q=zzzz",
    ]
    assert_valid_html(client, paths, tmp_path)
    # Forms with errors are pages too: the search's refusals and the recommendation's,
    # each naming the field, as valid HTML.
    errors = [
        "/buscar/?q=%00",
        "/en/buscar/?type=nope",
        "/en/comparar/alpha-vs-beta/recomendacion/?users=0&need=nope",
    ]
    assert_valid_html(client, errors, tmp_path, (400,))
