"""Benchmark: requests per second and latency of the main pages, as ratios to a trivial view.

    .venv/bin/python bench/bench.py                   # SQLite, Redis if it answers
    .venv/bin/python bench/bench.py --database postgres
    .venv/bin/python bench/bench.py --quick           # a smoke run of about a minute

Builds a scratch database (the seed article plus a generated 10 vendors × 600
features comparison), serves it with gunicorn (2 sync workers, configured by
crmcompare/gunicorn.conf.py as `make serve` is) on loopback, and loads each URL
with wrk (8 connections, compressed responses welcome, as from a browser).
wrk is written in C and needs a small fraction of the CPU the server does: a
client in Python was the bottleneck on fast URLs, which made the trivial view look
slower and so every slow page's ratio look better than it is. To compare two
versions of the code, see bench/ab.py.

Two server runs: response cache off (uncached figures) and on (cached figures),
each with its own trivial-view baseline (/healthz: the full middleware stack, no
database), so figures from noisy machines compare as ratios. Within a phase the
URLs are measured in interleaved rounds, the trivial view in every round, so that
the machine's drift and bursts of load fall on every URL alike. Requests per
second sum a URL's rounds, each with the requests wrk left queued at the server
and the time the server took to serve them; p50 is the median of its rounds'
p50, p99 the worst round's. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    ROOT,
    build_site,
    database_url,
    gunicorn,
    redis_reachable,
    request,
    site_environment,
)

SEED = "/comparar/zoho-crm-vs-hubspot-crm/"
BIG = "/comparar/bench-all-vendors/"
VENDOR = "/crm/zoho-crm/"
BIG_VENDOR = "/crm/bench-vendor-0001/"
# A word every generated feature has: the most results a query can find (the first
# 200 ranked, 20 shown), on the index of the seed and the 10 × 600 catalogue.
SEARCH = "/buscar/?q=feature"
API_DETAIL = "/api/v1/comparisons/zoho-crm-vs-hubspot-crm/"
API_PLANS = "/api/v1/plans/"
TRIVIAL = "/healthz"
# Like a browser. The response cache keys on this header, so the requests that
# check a page is cached send it too.
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate"}
CELLS_SEED = 2 * 58  # the seed article: 2 vendors, 58 features
CELLS_BIG = 10 * 600
LINEAR_LIMIT = 60  # the 10 × 600 page may take at most this many times the seed page's time
SEARCH_LIMIT = 1.0  # a search may take at most this many times a 10 × 600 vendor page's time

UNCACHED = [
    ("trivial view (/healthz)", TRIVIAL),
    ("seed comparison, uncached", SEED),
    ("10 × 600 comparison, uncached", BIG),
    ("vendor page, uncached", VENDOR),
    ("10 × 600 vendor page, uncached", BIG_VENDOR),
    ("search, 10 × 600, uncached", SEARCH),
    ("API comparison detail, uncached", API_DETAIL),
    ("API plan list, uncached", API_PLANS),
]
CACHED = [
    ("trivial view (/healthz)", TRIVIAL),
    ("seed comparison, cached", SEED),
    ("vendor page, cached", VENDOR),
    ("API comparison detail, cached", API_DETAIL),
    ("API plan list, cached", API_PLANS),
]
# Minimum requests per second as a fraction of the trivial view's, same phase.
TARGETS = {
    "10 × 600 comparison, uncached": 0.01,
    "seed comparison, cached": 0.9,
    "vendor page, cached": 0.9,
    "API comparison detail, cached": 0.9,
    "API plan list, cached": 0.9,
}
LOAD_SETTINGS = ("workers", "connections", "threads", "rounds", "round_seconds", "warmup")
QUICK = {"rounds": 2, "round_seconds": 1, "warmup": 1}

WRK = shutil.which("wrk")
SS = shutil.which("ss")
WRK_SCRIPT = Path(__file__).resolve().with_name("wrk_summary.lua")


@dataclass(frozen=True)
class Round:
    """What wrk measured on one URL in one round."""

    requests: int
    seconds: float
    failed: int  # responses whose status was not 2xx or 3xx
    socket_errors: int  # connect, read, write errors and timeouts
    p50_ms: float
    p99_ms: float
    # Requests still queued or in progress at the server when wrk stopped, and the
    # time it took to serve them.
    left_requests: int = 0
    left_seconds: float = 0.0


def parse_wrk(output: str) -> Round:
    """The JSON line that wrk_summary.lua prints after wrk's own report."""
    lines = [line for line in output.splitlines() if line.startswith("{")]
    if not lines:
        raise ValueError(f"no summary line in wrk's output:\n{output}")
    return Round(**json.loads(lines[-1]))


@dataclass
class Figure:
    """One URL's rounds in one phase, summed up."""

    name: str
    path: str
    rounds: list[Round] = field(default_factory=list)

    @property
    def rps(self) -> float:
        requests = sum(r.requests + r.left_requests for r in self.rounds)
        seconds = sum(r.seconds + r.left_seconds for r in self.rounds)
        return requests / seconds if seconds else 0.0

    @property
    def p50_ms(self) -> float:
        return statistics.median(r.p50_ms for r in self.rounds)

    @property
    def p99_ms(self) -> float:
        return max(r.p99_ms for r in self.rounds)

    @property
    def errors(self) -> int:
        return sum(r.failed + r.socket_errors for r in self.rounds)


def wrk(port: int, path: str, *, seconds: int, args) -> Round:
    command = [
        WRK,
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={seconds}s",
        # A slow page queued behind 7 others must count as slow, not as an error.
        "--timeout=30s",
        f"--script={WRK_SCRIPT}",
        *(f"--header={name}: {value}" for name, value in BROWSER_HEADERS.items()),
        f"http://127.0.0.1:{port}{path}",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"wrk failed on {path}:\n{result.stdout}\n{result.stderr}")
    left_requests, left_seconds = serve_leftovers(port)
    return replace(parse_wrk(result.stdout), left_requests=left_requests, left_seconds=left_seconds)


def serve_leftovers(port: int, *, timeout: float = 120) -> tuple[int, float]:
    """Wait until gunicorn has served the requests wrk left: how many, and how long it took.

    wrk stops on time and closes its connections, yet the server still serves
    in full every request already sent, up to one per connection. Uncounted, a
    slow page's would be missing from its own figure and slow the next URL down.
    """
    started = time.monotonic()
    left = still_open = open_connections(port)
    while still_open:
        if time.monotonic() - started > timeout:
            raise SystemExit(f"the server still had connections open {timeout:g} s after wrk")
        time.sleep(0.01)
        still_open = open_connections(port)
    return left, (time.monotonic() - started) if left else 0.0


def open_connections(port: int) -> int:
    """Connections to `port` that the server has not answered and closed yet."""
    # Established: queued or being served; close-wait: the client has gone, not the request.
    command = [SS, "--no-header", "--tcp", "--numeric"]
    command += ["state", "established", "state", "close-wait", f"( sport = :{port} )"]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return len(result.stdout.splitlines())


def check(port: int, path: str, *, cached: bool) -> None:
    """The page answers 200, and in the cached phase it comes from the cache."""
    status, headers, _body = request(port, path, headers=BROWSER_HEADERS)
    if status != 200:
        raise SystemExit(f"{path} answered {status}")
    if cached and path != TRIVIAL and headers.get("X-Cache") != "hit":
        raise SystemExit(f"{path} did not come from the response cache after the warm-up")


def run_phase(env: dict, urls, *, cache_on: bool, args) -> list[Figure]:
    """Warm every URL up, then measure them all in `args.rounds` interleaved rounds."""
    env = {**env, "RESPONSE_CACHE": "1" if cache_on else "0"}
    figures = [Figure(name=name, path=path) for name, path in urls]
    log = Path(f"/tmp/crm-bench-{args.port}.log")
    with gunicorn(env, port=args.port, workers=args.workers, log=log):
        for figure in figures:
            check(args.port, figure.path, cached=False)
            if args.warmup:
                wrk(args.port, figure.path, seconds=args.warmup, args=args)
            check(args.port, figure.path, cached=cache_on)
        for _round in range(args.rounds):
            for figure in figures:
                figure.rounds.append(
                    wrk(args.port, figure.path, seconds=args.round_seconds, args=args)
                )
    for figure in figures:
        print(
            f"  {figure.name:34} {figure.rps:8.1f} req/s  p50 {figure.p50_ms:7.1f} ms  "
            f"p99 {figure.p99_ms:7.1f} ms  errors {figure.errors}",
            flush=True,
        )
    return figures


def report(phases: dict[str, list[Figure]]) -> list[dict]:
    rows = []
    for phase, figures in phases.items():
        trivial = figures[0]
        for figure in figures:
            ratio = figure.rps / trivial.rps if trivial.rps else 0.0
            target = TARGETS.get(figure.name)
            rows.append(
                {
                    "phase": phase,
                    "name": figure.name,
                    "path": figure.path,
                    "rps": round(figure.rps, 1),
                    "p50_ms": round(figure.p50_ms, 2),
                    "p99_ms": round(figure.p99_ms, 2),
                    "ratio": round(ratio, 4),
                    "target": target,
                    "meets": None if target is None else ratio >= target,
                    "errors": figure.errors,
                }
            )
    return rows


def print_table(rows: list[dict]) -> None:
    print(f"\n{'':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× trivial':>10}  target")
    for row in rows:
        target = ""
        if row["target"] is not None:
            target = f"≥ {row['target']:g}×  {'ok' if row['meets'] else 'MISSED'}"
        print(
            f"{row['name']:34} {row['rps']:9.1f} {row['p50_ms']:8.1f} {row['p99_ms']:8.1f} "
            f"{row['ratio']:10.4f}  {target}"
        )


def growth_in_cells(figures: list[Figure]) -> float:
    """How many times the seed page's time the 10 × 600 page takes, from throughput.

    With the workers saturated, requests per second are inversely proportional
    to the CPU time per page.
    """
    seed = next(f for f in figures if f.path == SEED)
    big = next(f for f in figures if f.path == BIG)
    return seed.rps / big.rps if big.rps else float("nan")


def search_cost(figures: list[Figure]) -> float:
    """How many times a 10 × 600 vendor page's time the search page takes, from throughput."""
    vendor = next(f for f in figures if f.path == BIG_VENDOR)
    search = next(f for f in figures if f.path == SEARCH)
    return vendor.rps / search.rps if search.rps else float("nan")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--database-name", default="crm_prod_bench", help="dropped and created afresh"
    )
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0", help="'' for local memory")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds per phase")
    parser.add_argument("--round-seconds", type=int, default=3, help="per URL and round")
    parser.add_argument("--warmup", type=int, default=2, help="seconds per URL before measuring")
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"a smoke run: {QUICK['rounds']} rounds of {QUICK['round_seconds']} s, "
        f"{QUICK['warmup']} s of warm-up",
    )
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's sync workers")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8107")))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--phase", choices=["both", "uncached", "cached"], default="both")
    args = parser.parse_args()
    if args.quick:
        vars(args).update(QUICK)
    return args


def main() -> None:
    args = parse_args()
    if WRK is None or SS is None:
        raise SystemExit(
            "bench.py needs wrk (the load generator) and ss (to see the server's open "
            "connections): `sudo apt-get install wrk iproute2` on Debian or Ubuntu."
        )

    url = database_url(args.database, args.database_name)
    redis_url = args.redis if args.redis and redis_reachable(args.redis) else None
    env = site_environment(database_url=url, redis_url=redis_url)
    print(f"database: {args.database}; cache: {'Redis' if redis_url else 'local memory'}")
    build_site(env, vendors=10, features=600, prefix="bench")
    print(
        f"gunicorn {args.workers} sync workers; wrk {args.threads} threads, "
        f"{args.connections} connections; {args.rounds * args.round_seconds} s per URL "
        f"in {args.rounds} interleaved rounds",
        flush=True,
    )
    phases = {}
    if args.phase in ("both", "uncached"):
        print("response cache off:")
        phases["uncached"] = run_phase(env, UNCACHED, cache_on=False, args=args)
    if args.phase in ("both", "cached"):
        print("response cache on:")
        phases["cached"] = run_phase(env, CACHED, cache_on=True, args=args)
    rows = report(phases)
    print_table(rows)

    growth = search = None
    if "uncached" in phases:
        search = search_cost(phases["uncached"])
        print(
            f"\nsearch vs 10 × 600 vendor page, time per page: {search:.2f}× "
            f"(target ≤ {SEARCH_LIMIT:g}×): {'ok' if search <= SEARCH_LIMIT else 'MISSED'}"
        )
        growth = growth_in_cells(phases["uncached"])
        print(
            f"\n10 × 600 vs seed comparison, time per page: {growth:.1f}× "
            f"(cells: {CELLS_BIG} vs {CELLS_SEED}, {CELLS_BIG / CELLS_SEED:.0f}×; "
            f"target ≤ {LINEAR_LIMIT}×): {'ok' if growth <= LINEAR_LIMIT else 'MISSED'}"
        )
    machine = (
        f"{platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {cpu_model()}"
    )
    print(f"machine: {machine}; load average {' '.join(f'{n:.1f}' for n in os.getloadavg())}")
    if args.json:
        document = {
            "machine": machine,
            "database": args.database,
            "load": {key: vars(args)[key] for key in LOAD_SETTINGS},
            "rows": rows,
            "render_growth": growth,
            "search_cost": search,
        }
        args.json.write_text(json.dumps(document, indent=2))
    if any(row["errors"] for row in rows):
        raise SystemExit("some requests failed")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
