"""A/B benchmark: two versions of the code on one database, wrk alternating between them.

    .venv/bin/python bench/ab.py --base main                  # main against the working tree
    .venv/bin/python bench/ab.py --base HEAD~1 --head HEAD --cache on

Whether a change buys 10 % on a page is a difference smaller than the drift of a
shared machine over the minutes two bench.py runs take. Here both versions serve at
once, each from its own gunicorn (2 sync workers, as bench.py), on one scratch
database: the seed article plus a generated 10 vendors × 600 features comparison.
Each round loads every URL from one version then the other with wrk (the order
swapped every round), so drift and bursts of load fall on both alike. For each URL
it reports requests per second and the CPU time the server's workers spent per
request (from /proc, so other processes' load does not count), and head over
base for each: a CPU ratio below 1 means head does the same work with less.

A version other than the working tree is exported with `git archive` to a
temporary folder and served from there; both use this checkout's virtualenv.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common

from bench import (
    API_DETAIL,
    API_PLANS,
    BIG,
    BROWSER_HEADERS,
    SEED,
    SS,
    TRIVIAL,
    VENDOR,
    WRK,
    Figure,
    check,
    wrk,
)

URLS = {
    "trivial": TRIVIAL,
    "seed": SEED,
    "big": BIG,
    "vendor": VENDOR,
    "api-detail": API_DETAIL,
    "api-plans": API_PLANS,
}


@contextlib.contextmanager
def source_tree(ref: str | None):
    """The code at `ref` in a temporary folder, or this working tree for None."""
    if ref is None:
        yield common.ROOT
        return
    folder = Path(tempfile.mkdtemp(prefix="crm-ab-"))
    try:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", ref],
            cwd=common.ROOT,
            capture_output=True,
            check=True,
        )
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CHART_ID = re.compile(rb"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def workers_cpu_seconds(master: int) -> float:
    """User and system CPU time of gunicorn's worker processes so far."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for child in children:
        fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def different_pages(ports, paths) -> list[str]:
    """The paths whose body differs between the versions (for a change meant to keep them)."""
    differ = []
    for path in paths:
        # One Host for both: absolute URLs in the pages would otherwise differ by port.
        bodies = [common.request(port, path, headers={"Host": "127.0.0.1"})[2] for port in ports]
        # pygal gives each drawing a random id.
        bodies = [CHART_ID.sub(b"chart-id", body) for body in bodies]
        if bodies[0] != bodies[1]:
            differ.append(path)
    return differ


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="a git ref")
    parser.add_argument("--head", help="a git ref (default: the working tree)")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--database-name", default="crm_ab_bench", help="dropped and recreated")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/0", help="'' for local memory")
    parser.add_argument("--cache", choices=["off", "on"], default="off", help="response cache")
    parser.add_argument(
        "--urls",
        default="trivial,seed,big,vendor,api-detail,api-plans",
        help=f"comma-separated, among {', '.join(URLS)}",
    )
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--round-seconds", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8161, help="base's; head's is the next one")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    if WRK is None or SS is None:
        raise SystemExit("ab.py needs wrk and ss: `sudo apt-get install wrk iproute2`.")
    names = args.urls.split(",")
    paths = [URLS[name] for name in names]
    url = common.database_url(args.database, args.database_name)
    redis_url = args.redis if args.redis and common.redis_reachable(args.redis) else None
    env = common.site_environment(
        database_url=url, redis_url=redis_url, RESPONSE_CACHE="1" if args.cache == "on" else "0"
    )
    common.build_site(env, vendors=10, features=600, prefix="bench")
    versions = {"base": args.base, "head": args.head or "working tree"}
    figures = {
        side: [Figure(name=name, path=path) for name, path in zip(names, paths, strict=True)]
        for side in versions
    }
    ports = {"base": args.port, "head": args.port + 1}
    masters = {}
    cpu = {side: [0.0] * len(paths) for side in versions}
    with contextlib.ExitStack() as stack:
        for side, ref in (("base", args.base), ("head", args.head)):
            root = stack.enter_context(source_tree(ref))
            common.manage(env, "collectstatic", "--noinput", "-v0", root=root)
            log = Path(f"/tmp/crm-ab-{ports[side]}.log")
            # Each its own cache entries: head must not serve pages base rendered.
            side_env = {**env, "CACHE_KEY_PREFIX": f"{env['CACHE_KEY_PREFIX']}-{side}"}
            masters[side] = stack.enter_context(
                common.gunicorn(
                    side_env, port=ports[side], workers=args.workers, log=log, root=root
                )
            ).pid
        differ = different_pages(ports.values(), paths)
        for side in versions:
            for path in paths:
                check(ports[side], path, cached=False)
                wrk(ports[side], path, seconds=args.warmup, args=args)
                check(ports[side], path, cached=args.cache == "on")
        for number in range(args.rounds):
            order = ["base", "head"] if number % 2 == 0 else ["head", "base"]
            for index in range(len(paths)):
                for side in order:
                    before = workers_cpu_seconds(masters[side])
                    figures[side][index].rounds.append(
                        wrk(ports[side], paths[index], seconds=args.round_seconds, args=args)
                    )
                    cpu[side][index] += workers_cpu_seconds(masters[side]) - before
            print(f"  round {number + 1}/{args.rounds} done", flush=True)

    print(f"\nbase: {versions['base']}; head: {versions['head']}; response cache {args.cache}")
    print(
        f"{'':12} {'req/s base':>11} {'head':>8} {'head/base':>10}   "
        f"{'CPU ms/request base':>20} {'head':>8} {'head/base':>10}"
    )
    for index, (base, head) in enumerate(zip(figures["base"], figures["head"], strict=True)):
        cost = {
            side: 1000 * cpu[side][index] / sum(r.requests + r.left_requests for r in f.rounds)
            for side, f in (("base", base), ("head", head))
        }
        print(
            f"{base.name:12} {base.rps:11.1f} {head.rps:8.1f} {head.rps / base.rps:10.3f}   "
            f"{cost['base']:20.2f} {cost['head']:8.2f} {cost['head'] / cost['base']:10.3f}"
        )
    if differ:
        print(f"\nthe versions answer different bodies on: {', '.join(differ)}")
    errors = sum(figure.errors for side in figures.values() for figure in side)
    if errors:
        raise SystemExit(f"{errors} requests failed")
    print(f"(headers sent: {BROWSER_HEADERS}; {args.rounds} rounds of {args.round_seconds} s)")


if __name__ == "__main__":
    main()
