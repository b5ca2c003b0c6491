"""A Python client generated from /api/schema/ with openapi-python-client reads the API.

The generator runs in its own virtualenv (kept in the user's cache and made once), so the
project's dependencies stay its own. Without PyPI it cannot be installed, and the test
is skipped saying so; CI has PyPI.
"""

import fcntl
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from comparisons.models import Comparison, ComparisonVendor
from tests import factories

GENERATOR = ["openapi-python-client>=0.29,<0.30", "httpx", "attrs", "python-dateutil"]
CACHE = (
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "crmcompare"
    / "openapi-python-client-0.29"
)
READER = Path(__file__).with_name("generated_client_reader.py")
PACKAGE = "crmcompare_client"


@pytest.fixture(scope="session")
def generator_bin() -> Path:
    """The bin/ folder of a virtualenv holding openapi-python-client."""
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    ready = CACHE / ".installed"
    # Several test runs on one machine share the cache: one installs, the others wait.
    with open(f"{CACHE}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not ready.exists():
            subprocess.run([sys.executable, "-m", "venv", "--clear", CACHE], check=True)
            install = subprocess.run(
                [CACHE / "bin" / "python", "-m", "pip", "install", "--quiet", *GENERATOR],
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
            if install.returncode != 0:
                last_line = (install.stderr.strip().splitlines() or ["no output"])[-1]
                pytest.skip(f"cannot install openapi-python-client from PyPI: {last_line}")
            ready.touch()
    return CACHE / "bin"


def _schema(base_url: str, language: str) -> bytes:
    request = urllib.request.Request(
        f"{base_url}/api/schema/?lang={language}",
        headers={"Accept": "application/vnd.oai.openapi+json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.headers["Content-Language"] == language
        return response.read()


def _generate(generator_bin: Path, schema: bytes, folder: Path) -> Path:
    folder.mkdir()
    (folder / "schema.json").write_bytes(schema)
    # No post-generation hooks: they would need ruff on the PATH, and change nothing read.
    (folder / "config.yaml").write_text("post_hooks: []\n")
    result = subprocess.run(
        [
            generator_bin / "openapi-python-client",
            "generate",
            "--path",
            folder / "schema.json",
            "--config",
            folder / "config.yaml",
            "--meta",
            "none",
            "--output-path",
            folder / PACKAGE,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    # The generator skips what it cannot understand, with a warning: nothing may be skipped.
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    return folder / PACKAGE


def _modules(package: Path) -> list[str]:
    return sorted(str(path.relative_to(package)) for path in package.rglob("*.py"))


@pytest.mark.django_db(transaction=True)
def test_a_client_generated_from_the_schema_reads_every_read_operation(
    live_server, generator_bin, tmp_path
):
    call_command("load_seed", verbosity=0)
    # A vendor without any data in the seed's comparison: its column is all null cells,
    # for criteria as well as features.
    comparison = Comparison.objects.get()
    ComparisonVendor.objects.create(
        comparison=comparison,
        vendor=factories.VendorFactory(slug="no-data"),
        position=comparison.comparison_vendors.count(),
    )
    columns = comparison.comparison_vendors.count()

    schema = _schema(live_server.url, "en")
    spanish = _generate(generator_bin, _schema(live_server.url, "es"), tmp_path / "es")
    english = _generate(generator_bin, schema, tmp_path / "en")

    # The same modules, with ASCII names, whichever language the schema was fetched in.
    assert _modules(spanish) == _modules(english)
    assert all(name.isascii() for name in _modules(english))

    run = subprocess.run(
        [generator_bin / "python", READER, PACKAGE, live_server.url],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, "PYTHONPATH": str(english.parent)},
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)

    failed = {
        name: result for name, result in report["operations"].items() if result.get("status") != 200
    }
    assert not failed, failed
    reads = [path for path, item in json.loads(schema)["paths"].items() if "get" in item]
    assert len(report["operations"]) == len(reads)
    assert report["operations"]["comparisons_retrieve"]["parsed"] == "ComparisonDetail"
    matrix = report["comparison"]
    assert matrix["columns"] == columns
    assert True in matrix["feature_cells"]
    assert True in matrix["criterion_cells"]
    assert all(url is None or url.startswith("http") for url in matrix["source_urls"])
