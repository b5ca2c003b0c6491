"""The benchmark's arithmetic on wrk's output (the benchmark itself is not run by the tests)."""

import importlib.util
import sys
from pathlib import Path

import pytest

# bench/ is scripts, not a package.
_spec = importlib.util.spec_from_file_location(
    "bench_script", Path(__file__).resolve().parent.parent / "bench" / "bench.py"
)
bench = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = bench  # dataclasses look their module up there
_spec.loader.exec_module(bench)

# wrk 4.1's report of 1 s on a missing page, then wrk_summary.lua's line.
WRK_OUTPUT = """\
Running 1s test @ http://127.0.0.1:8171/missing
  1 threads and 2 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.98ms    3.88ms  41.90ms   95.08%
    Req/Sec     1.59k   351.02     2.08k    54.55%
  1749 requests in 1.10s, 0.87MB read
  Non-2xx or 3xx responses: 1749
Requests/sec:   1593.83
Transfer/sec:    809.53KB
{"requests": 1749, "seconds": 1.097359, "failed": 1749, "socket_errors": 0, \
"p50_ms": 0.791, "p99_ms": 23.516}
"""


def test_wrk_summary_is_read_from_its_report():
    measured = bench.parse_wrk(WRK_OUTPUT)

    assert measured.requests == 1749
    assert measured.seconds == pytest.approx(1.097359)
    assert measured.failed == 1749
    assert (measured.p50_ms, measured.p99_ms) == (0.791, 23.516)


def test_wrk_output_without_the_summary_line_is_refused():
    with pytest.raises(ValueError, match="no summary line"):
        bench.parse_wrk(WRK_OUTPUT.rsplit("{", 1)[0])


def test_requests_left_at_the_server_count_with_the_time_they_took():
    def measured(*, requests, left_requests, p50_ms, p99_ms):
        return bench.Round(
            requests=requests,
            seconds=2.0,
            failed=0,
            socket_errors=0,
            p50_ms=p50_ms,
            p99_ms=p99_ms,
            left_requests=left_requests,
            left_seconds=0.5,
        )

    figure = bench.Figure("10 × 600 comparison", bench.BIG)
    figure.rounds = [
        measured(requests=30, left_requests=8, p50_ms=400.0, p99_ms=700.0),
        measured(requests=34, left_requests=6, p50_ms=380.0, p99_ms=900.0),
    ]

    assert figure.rps == pytest.approx((30 + 8 + 34 + 6) / (2 * (2.0 + 0.5)))
    # p50: the rounds' median; p99: the worst round's.
    assert (figure.p50_ms, figure.p99_ms) == (390.0, 900.0)
