"""Validate pages as served with the Nu HTML checker (npm vnu-jar, run with Java)."""

import shutil
import subprocess

import pytest
from django.conf import settings

VNU = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

needs_vnu = pytest.mark.skipif(
    not VNU.exists() or not shutil.which("java"),
    reason=f"needs java and vnu-jar at {VNU}: run `npm install` (package.json)",
)


def assert_valid_html(client, paths, tmp_path, statuses=(200,)) -> None:
    """GET each path, check its status, and run the Nu checker on all bodies at once."""
    files = []
    for index, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code in statuses, path
        file = tmp_path / f"page-{index}.html"
        file.write_bytes(response.content)
        files.append(str(file))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
