"""Python in a fresh interpreter, with the environment a test chooses: how settings, the
Makefile and start-up behaviour are checked as a deployment would meet them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The deployment's own variables are left out of what the child inherits, so a
# developer's or CI's exports (DATABASE_URL for the PostgreSQL run, a REDIS_URL...)
# cannot change what a test checks.
DEPLOYMENT_PREFIXES = ("DJANGO_", "DATABASE_", "REDIS_")


def inherited_environment(**env: str) -> dict[str, str]:
    clean = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(DEPLOYMENT_PREFIXES)
    }
    return {**clean, "DJANGO_SETTINGS_MODULE": "crmcompare.settings", **env}


def run_python(*args: str, **env: str) -> subprocess.CompletedProcess:
    """`python ARGS` in the project folder; check its returncode, stdout and stderr."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=inherited_environment(**env),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_django(script: str, **env: str) -> subprocess.CompletedProcess:
    """A script run after `django.setup()` in a fresh interpreter."""
    return run_python("-c", "import django\ndjango.setup()\n" + script, **env)


def make_dry_run(*args: str, env: dict[str, str] | None = None) -> str:
    """What `make -n ARGS` would run, in the project folder."""
    result = subprocess.run(
        ["make", "-n", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout
