"""`make test` beside a running `make run`: what the Makefile would install.

runserver restarts when a module it imported changes on disk, and reinstalling
the project (`pip install -e .`) rewrites its import hook in site-packages. These
tests ask make what it would run (`make -n`), against a stand-in virtualenv.
"""

import shutil
import sys

import pytest

from tests.fresh_python import make_dry_run

pytestmark = pytest.mark.skipif(not shutil.which("make"), reason="needs make")


def planned_installs(venv, *make_args) -> list[str]:
    planned = make_dry_run(*make_args, "test", f"VENV={venv}")
    return [line for line in planned.splitlines() if "pip install" in line]


@pytest.fixture
def venv(tmp_path):
    """A virtualenv as `make run` leaves it: the project and its dependencies installed."""
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "python").symlink_to(sys.executable)
    for marker in (".editable", ".installed"):
        (tmp_path / marker).touch()
    return tmp_path


def reinstalls_the_project(command: str) -> bool:
    return " -e " in f"{command} "


def test_make_test_after_make_run_installs_the_test_tools_without_reinstalling_the_project(venv):
    installs = planned_installs(venv)

    assert installs, "the test extra should be installed"
    assert not any(reinstalls_the_project(command) for command in installs), installs


def test_a_changed_pyproject_updates_requirements_without_reinstalling_the_project(venv):
    (venv / ".installed-test").touch()

    installs = planned_installs(venv, "-W", "pyproject.toml")

    assert len(installs) == 2, installs  # the dependencies, then the test extra
    assert not any(reinstalls_the_project(command) for command in installs), installs


def test_nothing_is_installed_when_everything_is(venv):
    (venv / ".installed-test").touch()

    assert planned_installs(venv) == []
