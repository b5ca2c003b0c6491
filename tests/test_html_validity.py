"""The HTML as served validates with the Nu HTML checker (npm vnu-jar, run with Java)."""

import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import factories
from tests.catalogue import build_catalogue

VNU = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not VNU.exists() or not shutil.which("java"),
        reason=f"needs java and vnu-jar at {VNU}: run `npm install` (package.json)",
    ),
]


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
    ]
    files = []
    for index, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code == 200, path
        file = tmp_path / f"page-{index}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
