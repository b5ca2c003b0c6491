"""gunicorn's configuration: long-lived objects leave the collector's sight after warm-up."""

import gc
import runpy
from types import SimpleNamespace

import pytest

from tests.fresh_python import ROOT, make_dry_run, run_python

CONFIG = ROOT / "crmcompare" / "gunicorn.conf.py"


@pytest.fixture
def unfrozen():
    gc.unfreeze()
    yield
    gc.unfreeze()


def test_a_worker_freezes_its_objects_once_the_warm_up_requests_are_served(unfrozen):
    post_request = runpy.run_path(str(CONFIG))["post_request"]
    worker = SimpleNamespace(nr=0)

    for served in range(1, 5):
        worker.nr = served
        post_request(worker, None, {}, None)
    assert gc.get_freeze_count() == 0

    worker.nr = 5
    post_request(worker, None, {}, None)
    assert gc.get_freeze_count() > 0


def test_gunicorn_accepts_the_configuration():
    result = run_python(
        "-m", "gunicorn", "--check-config", "--config", str(CONFIG), "crmcompare.wsgi:application"
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_make_serve_uses_the_configuration():
    assert "--config crmcompare/gunicorn.conf.py" in make_dry_run("serve")
