"""Benchmark: requests per second and latency of the main pages, as ratios to a trivial view.

    .venv/bin/python bench/bench.py                   # SQLite, Redis if it answers
    .venv/bin/python bench/bench.py --database postgres --seconds 10

Builds a scratch database (the seed article plus a generated 10 vendors × 600
features comparison), serves it with gunicorn (2 sync workers) on loopback, and
hammers each URL from a threaded Python client for a fixed time. Two server
runs: response cache off (uncached figures) and on (cached figures), each with
its own trivial-view baseline (/healthz: the full middleware stack, no database),
so figures from noisy machines compare as ratios. Within a phase the URLs are
measured in interleaved rounds, so that the machine's drift and bursts of load
fall on every URL alike. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (
    ROOT,
    Result,
    database_url,
    gunicorn,
    hammer,
    manage,
    redis_reachable,
    request,
    site_environment,
)

SEED = "/comparar/zoho-crm-vs-hubspot-crm/"
BIG = "/comparar/bench-all-vendors/"
VENDOR = "/crm/zoho-crm/"
API_DETAIL = "/api/v1/comparisons/zoho-crm-vs-hubspot-crm/"
API_PLANS = "/api/v1/plans/"
TRIVIAL = "/healthz"
# Like a browser: compressed responses welcome (the client does not decompress them).
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate"}
CELLS_SEED = 2 * 58  # the seed article: 2 vendors, 58 features
CELLS_BIG = 10 * 600

UNCACHED = [
    ("trivial view (/healthz)", TRIVIAL),
    ("seed comparison, uncached", SEED),
    ("10 × 600 comparison, uncached", BIG),
    ("vendor page, uncached", VENDOR),
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
TARGETS = {
    "seed comparison, uncached": 0.15,
    "10 × 600 comparison, uncached": 0.01,
    "seed comparison, cached": 0.9,
    "vendor page, cached": 0.9,
    "API comparison detail, cached": 0.9,
    "API plan list, cached": 0.9,
}


def prepare(args) -> dict:
    url = database_url(args.database, "crm_prod_bench")
    redis_url = args.redis if args.redis and redis_reachable(args.redis) else None
    env = site_environment(database_url=url, redis_url=redis_url)
    print(f"database: {args.database}; cache: {'Redis' if redis_url else 'local memory'}")
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_seed", "-v0")
    manage(
        env,
        "generate_catalog",
        "--vendors=10",
        "--features=600",
        "--plans-per-vendor=4",
        "--seed=1",
        "--prefix=bench",
    )
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def run_phase(env: dict, urls, *, cache_on: bool, args) -> list:
    """Measure every URL in `args.rounds` interleaved rounds of seconds / rounds each.

    Each round measures the trivial view and then every page in turn, so a burst
    of load on a noisy machine lands on all of them alike rather than on the one
    URL measured at that moment; each figure sums its URL's rounds.
    """
    env = {**env, "RESPONSE_CACHE": "1" if cache_on else "0"}
    results = {path: Result(name=name, path=path) for name, path in urls}
    with gunicorn(env, port=args.port, workers=args.workers):
        for _name, path in urls:
            status, _headers, _body = request(args.port, path)
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            hammer(
                args.port,
                path,
                path,
                seconds=args.warmup,
                concurrency=args.concurrency,
                headers=BROWSER_HEADERS,
            )
        for _round in range(args.rounds):
            for name, path in urls:
                results[path].add(
                    hammer(
                        args.port,
                        name,
                        path,
                        seconds=args.seconds / args.rounds,
                        concurrency=args.concurrency,
                        headers=BROWSER_HEADERS,
                    )
                )
    for result in results.values():
        print(
            f"  {result.name:34} {result.rps:8.1f} req/s  p50 {result.p50:7.1f} ms  "
            f"p99 {result.percentile(0.99):7.1f} ms  statuses {result.statuses}"
            + (f"  cache hits {result.cache_hits}" if cache_on and result.path != TRIVIAL else ""),
            flush=True,
        )
    return list(results.values())


def report(phases: dict) -> list[dict]:
    rows = []
    for phase, results in phases.items():
        trivial = results[0]
        for result in results:
            ratio = result.rps / trivial.rps if trivial.rps else 0.0
            target = TARGETS.get(result.name)
            rows.append(
                {
                    "phase": phase,
                    "name": result.name,
                    "path": result.path,
                    "rps": round(result.rps, 1),
                    "p50_ms": round(result.p50, 2),
                    "p99_ms": round(result.percentile(0.99), 2),
                    "ratio": round(ratio, 3),
                    "target": target,
                    "meets": None if target is None else ratio >= target,
                    "errors": sum(n for s, n in result.statuses.items() if s >= 400),
                }
            )
    return rows


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0", help="'' for local memory")
    parser.add_argument("--seconds", type=float, default=8.0, help="measured time per URL")
    parser.add_argument("--rounds", type=int, default=4, help="interleaved rounds per phase")
    parser.add_argument("--warmup", type=float, default=1.5)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8107")))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--phase", choices=["both", "uncached", "cached"], default="both")
    args = parser.parse_args()

    env = prepare(args)
    print(
        f"gunicorn {args.workers} sync workers, {args.concurrency} client threads, "
        f"{args.seconds:g} s per URL in {args.rounds} interleaved rounds"
    )
    phases = {}
    if args.phase in ("both", "uncached"):
        print("response cache off:")
        phases["uncached"] = run_phase(env, UNCACHED, cache_on=False, args=args)
    if args.phase in ("both", "cached"):
        print("response cache on:")
        phases["cached"] = run_phase(env, CACHED, cache_on=True, args=args)
    rows = report(phases)

    print()
    print(f"{'':34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× trivial':>10}  target")
    for row in rows:
        target = (
            ""
            if row["target"] is None
            else (f"≥ {row['target']:g}×  {'ok' if row['meets'] else 'MISSED'}")
        )
        print(
            f"{row['name']:34} {row['rps']:9.1f} {row['p50_ms']:8.1f} {row['p99_ms']:8.1f} "
            f"{row['ratio']:10.3f}  {target}"
        )
    growth = None
    if "uncached" in phases:
        seed = next(r for r in phases["uncached"] if r.path == SEED)
        big = next(r for r in phases["uncached"] if r.path == BIG)
        # Throughput ratio: with workers saturated it is the ratio of CPU time per page.
        growth = seed.rps / big.rps if big.rps else float("nan")
        print(
            f"\n10 × 600 vs seed comparison, time per page: {growth:.1f}× "
            f"(cells: {CELLS_BIG} vs {CELLS_SEED}, {CELLS_BIG / CELLS_SEED:.0f}×; target ≤ 60×): "
            f"{'ok' if growth <= 60 else 'MISSED'}"
        )
    machine = (
        f"{platform.node()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, {cpu_model()}"
    )
    print(f"machine: {machine}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "machine": machine,
                    "database": args.database,
                    "rows": rows,
                    "render_growth": growth,
                },
                indent=2,
            )
        )
    if any(row["errors"] for row in rows):
        raise SystemExit("some requests failed")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
