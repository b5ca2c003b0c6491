-- wrk calls done() once, after its own report: print the figures bench.py needs as one JSON line.
-- A response() callback would make wrk parse every response's headers in Lua and
-- slow it down, so statuses are only counted (errors.status: not 2xx or 3xx).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.6f, "failed": %d, "socket_errors": %d, '
      .. '"p50_ms": %.3f, "p99_ms": %.3f}\n',
    summary.requests,
    summary.duration / 1e6,
    errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3
  ))
end
