-- wrk script: each connection replays a list of requests in a loop (a simulated visitor going
-- through pages and their callbacks); `done` prints the numbers benchmarks/run.py reads.
-- WRK_REQUESTS names a Lua file, written by run.py, returning {{method=, path=, body=}, ...}.
local requests = {}
local counter = 0

function init(args)
  for _, r in ipairs(dofile(os.getenv("WRK_REQUESTS"))) do
    local headers = {["Accept-Encoding"] = "gzip"}
    if r.body then headers["Content-Type"] = "application/json" end
    table.insert(requests, wrk.format(r.method, r.path, headers, r.body))
  end
  counter = math.random(#requests) - 1
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency.max))
end
