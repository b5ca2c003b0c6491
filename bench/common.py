"""Shared by the benchmark and the load test: a scratch site served by gunicorn on loopback.

Nothing here is imported by the site or the tests.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
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


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
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


def redis_reachable(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


@contextlib.contextmanager
def gunicorn(env: dict, *, port: int, workers: int = 2, log: Path | None = None):
    """Serve the site; yield when /healthz answers; stop the server after."""
    output = open(log, "w") if log else subprocess.DEVNULL
    server = subprocess.Popen(
        [
            GUNICORN,
            "crmcompare.wsgi:application",
            "--no-control-socket",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=output,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited with {server.returncode}")
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
) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        content = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, content
    finally:
        connection.close()


@dataclass
class Result:
    name: str
    path: str
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    duration: float = 0.0
    cache_hits: int = 0

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def add(self, other: Result) -> None:
        """Count another measurement of the same URL in this one."""
        self.latencies += other.latencies
        self.duration += other.duration
        self.cache_hits += other.cache_hits
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count

    @property
    def rps(self) -> float:
        return self.requests / self.duration if self.duration else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) * 1000 if self.latencies else float("nan")


def hammer(
    port: int,
    name: str,
    path: str,
    *,
    seconds: float,
    concurrency: int,
    headers: dict | None = None,
) -> Result:
    """GET `path` from `concurrency` threads for `seconds`; one connection per request."""
    result = Result(name=name, path=path)
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker():
        latencies, statuses, hits = [], {}, 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", path, headers=headers or {})
            response = connection.getresponse()
            response.read()
            connection.close()
            latencies.append(time.perf_counter() - started)
            statuses[response.status] = statuses.get(response.status, 0) + 1
            hits += response.getheader("X-Cache") == "hit"
        with lock:
            result.latencies += latencies
            for status, count in statuses.items():
                result.statuses[status] = result.statuses.get(status, 0) + count
            result.cache_hits += hits

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.duration = time.monotonic() - started
    return result
