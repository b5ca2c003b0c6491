"""Shared by the benchmark and the load test: a scratch site served by gunicorn on loopback.

Nothing here is imported by the site or the tests.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


def site_environment(*, database_url: str, redis_url: str | None, **extra: str) -> dict:
    """Production settings on plain HTTP, loopback only."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "REDIS_", "DATABASE_", "CACHE_", "RESPONSE_CACHE"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="crmcompare.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        # Never reached, yet still counted: DRF keeps one timestamp per request in the
        # window, so a one-second window keeps that list as short as production's
        # 120/minute does (a per-minute window here would hold every request).
        API_THROTTLE_ANON="1000000/second",
        API_THROTTLE_USER="1000000/second",
        CACHE_KEY_PREFIX=f"crmbench-{secrets.token_hex(4)}",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    else:
        env["CACHE_DIR"] = ""  # local memory: fine while nothing is written
    env.update(extra)
    return env


def manage(env: dict, *args: str, root: Path = ROOT) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def database_url(kind: str, name: str) -> str:
    if kind == "sqlite":
        path = Path("/tmp") / f"{name}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def build_site(env: dict, *, vendors: int, features: int, prefix: str) -> None:
    """Migrate, load the seed article, generate a catalogue beside it, collect static files."""
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_seed", "-v0")
    manage(
        env,
        "generate_catalog",
        f"--vendors={vendors}",
        f"--features={features}",
        f"--prefix={prefix}",
    )
    manage(env, "collectstatic", "--noinput", "-v0")


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@contextlib.contextmanager
def gunicorn(env: dict, *, port: int, workers: int = 2, log: Path | None = None, root: Path = ROOT):
    """Serve the site in `root` as `make serve` does; yield when /healthz answers; stop it after."""
    output = open(log, "w") if log else subprocess.DEVNULL
    config = root / "crmcompare" / "gunicorn.conf.py"
    server = subprocess.Popen(
        [
            GUNICORN,
            "crmcompare.wsgi:application",
            *(["--config", str(config)] if config.exists() else []),
            "--no-control-socket",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=root,
        # The code in `root` before the project's editable install.
        env={**env, "PYTHONPATH": str(root)},
        stdout=output,
        stderr=output,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                where = f"; its output is in {log}" if log else ""
                raise SystemExit(f"gunicorn exited with {server.returncode}{where}")
            with contextlib.suppress(OSError):
                if request(port, "/healthz")[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("gunicorn did not answer /healthz within 60 s")
            time.sleep(0.2)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if log:
            output.close()


def request(
    port: int, path: str, *, method: str = "GET", headers: dict | None = None, body=None
) -> tuple[int, http.client.HTTPMessage, bytes]:
    """One request on its own connection; the headers read case-insensitively."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()
