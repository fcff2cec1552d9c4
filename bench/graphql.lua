-- wrk script: POST one GraphQL operation as JSON and count the failed responses.
--   BENCH_OPERATION  path of the .graphql file (required)
--   BENCH_VARIABLES  its variables as a JSON object (default {})
-- A response fails when its status is not 200 or its body has "errors". done() prints one
-- machine-readable line that bench/run.sh reads:
--   BENCH_RESULT requests=N seconds=S rps=R p50_ms=A p99_ms=B max_ms=C failures=F socket_errors=E

local path = os.getenv("BENCH_OPERATION")
if not path or path == "" then
  error("BENCH_OPERATION (the .graphql file to send) is not set")
end
local file = assert(io.open(path, "r"))
local query = file:read("*a")
file:close()
local variables = os.getenv("BENCH_VARIABLES")
if not variables or variables == "" then
  variables = "{}"
end

local escapes = { ['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local function json_string(text)
  return '"' .. text:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/graphql-response+json, application/json"
wrk.body = '{"query":' .. json_string(query) .. ',"variables":' .. variables .. '}'

-- Per-thread counters (each wrk thread runs its own copy of this script); done() sums them.
failures = 0
local reported = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status ~= 200 or (body and body:find('"errors"', 1, true)) then
    failures = failures + 1
    if reported < 3 then
      reported = reported + 1
      io.stderr:write("unexpected response " .. status .. ": " .. (body or ""):sub(1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, thread in ipairs(threads) do
    failed = failed + (thread:get("failures") or 0)
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d seconds=%.3f rps=%.2f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f failures=%d socket_errors=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    failed, e.connect + e.read + e.write + e.timeout))
end
