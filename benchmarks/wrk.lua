-- wrk script: each connection is a simulated visitor replaying a list of requests in a loop;
-- `done` prints the numbers benchmarks/run.py reads.
-- WRK_REQUESTS names a Lua file, written by run.py, returning {{method=, path=, body=, think=}, ...}.
-- A request with think=true is a new step of the visit (opening a page, choosing an option):
-- the visitor first reads for THINK_MIN..THINK_MAX ms (environment; 0 = no pause). wrk calls
-- delay() before request() and starts its latency clock after the pause.
local requests = {}
local thinks = {}
local counter = 0
local think_min = tonumber(os.getenv("THINK_MIN") or "0")
local think_max = tonumber(os.getenv("THINK_MAX") or "0")

function init(args)
  for _, r in ipairs(dofile(os.getenv("WRK_REQUESTS"))) do
    -- What Chromium sends: the app picks zstd or Brotli, as for a real visitor.
    local headers = {["Accept-Encoding"] = "gzip, deflate, br, zstd"}
    if r.body then headers["Content-Type"] = "application/json" end
    table.insert(requests, wrk.format(r.method, r.path, headers, r.body))
    table.insert(thinks, r.think or false)
  end
  counter = math.random(#requests) - 1
end

function delay()
  local upcoming = counter % #requests + 1
  if think_max > 0 and thinks[upcoming] then
    return math.random(think_min, think_max)
  end
  return 0
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
