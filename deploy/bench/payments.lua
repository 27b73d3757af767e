-- wrk script for deploy/bench/run.sh: POST /api/payments with valid, varied payments.
-- Every request carries a unique Idempotency-Key (BENCH_KEY_PREFIX-thread-counter), a customer out of 1000 and an
-- amount of 10.00 .. 1000.00 EUR (two decimals). Requests are sent for BENCH_SEND_SECONDS only; run.sh gives wrk a few
-- seconds more, so the requests in flight finish instead of being cut off by wrk's stop (a cut-off payment would leave
-- a partial trace behind). Counts requests sent, 2xx and non-2xx per thread; done() prints one line "BENCH_JSON {...}"
-- that run.sh reads (latencies in microseconds; elapsed_s from the first request to the last answer), then the latency
-- distribution in one line "BENCH_QUANTILES <requests> <1000 quantiles>".

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]
local function now() -- CLOCK_MONOTONIC, seconds
   local t = ffi.new("bench_timespec")
   ffi.C.clock_gettime(1, t)
   return tonumber(t.tv_sec) + tonumber(t.tv_nsec) / 1e9
end

local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("id", next_id)
   table.insert(threads, thread)
end

function init(args)
   prefix = os.getenv("BENCH_KEY_PREFIX") or "bench"
   sent, ok, bad = 0, 0, 0
   started = now()
   deadline = started + tonumber(os.getenv("BENCH_SEND_SECONDS") or "3600")
   last = started
   math.randomseed(os.time() * 100 + id)
end

function delay()
   if now() >= deadline then
      return 3600000 -- stop sending: no new payment after the window
   end
   return 0
end

function request()
   sent = (sent or 0) + 1
   local cents = math.random(1000, 100000)
   local body = string.format(
      '{"amount":%d.%02d,"currency":"EUR","customerId":"BENCH-%04d","description":"wrk benchmark"}',
      math.floor(cents / 100), cents % 100, math.random(1, 1000))
   local headers = {
      ["Content-Type"] = "application/json",
      ["Idempotency-Key"] = string.format("%s-%d-%d", prefix or "bench", id or 0, sent),
   }
   return wrk.format("POST", "/api/payments", headers, body)
end

function response(status, headers, body)
   last = now()
   if status >= 200 and status < 300 then
      ok = ok + 1
   else
      bad = bad + 1
      if bad <= 3 then
         io.stderr:write(string.format("non-2xx answer %d: %s\n", status, body))
      end
   end
end

function done(summary, latency, requests)
   local s, o, b, first, final = 0, 0, 0, math.huge, 0
   for _, thread in ipairs(threads) do
      s = s + thread:get("sent")
      o = o + thread:get("ok")
      b = b + thread:get("bad")
      first = math.min(first, thread:get("started"))
      final = math.max(final, thread:get("last"))
   end
   local e = summary.errors
   io.write(string.format('BENCH_JSON {"duration_us":%d,"elapsed_s":%.3f,"completed":%d,"sent":%d,"ok_2xx":%d,"non_2xx":%d,'
      .. '"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},'
      .. '"latency_us":{"mean":%.1f,"p50":%d,"p90":%d,"p99":%d,"max":%d}}\n',
      summary.duration, final - first, summary.requests, s, o, b, e.connect, e.read, e.write, e.timeout,
      latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
   -- The latency distribution as 1000 quantiles (each stands for a thousandth of the requests), so run.sh can merge
   -- several windows: Debian's wrk does not expose its histogram's buckets to Lua.
   local quantiles = {}
   for i = 1, 1000 do
      -- wrk's percentile(100) answers 0 (the rank it looks for lies past the last request): the top one is the max.
      quantiles[i] = string.format("%d", i < 1000 and latency:percentile(i / 10) or latency.max)
   end
   io.write("BENCH_QUANTILES " .. summary.requests .. " " .. table.concat(quantiles, " ") .. "\n")
end
