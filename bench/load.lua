-- wrk script for bench/run-load.sh: a dashboard's mix of pages and metrics API requests.
--
-- Environment (set by run-load.sh):
--   SG_COOKIE       Cookie header for the pages ("sg_session=…")
--   SG_TOKEN        bearer token for /api/ paths
--   SG_MIX          "steady" (default): seven requests a dashboard repeats, in rotation;
--                   "periods": the overview page and two API questions for each month of
--                   SG_PERIODS, in a fixed shuffled order, so the first pass misses the cache
--   SG_FROM, SG_TO  the API's period (this year to date), e.g. 2026-01-01 and 2026-11-27
--   SG_MONTH_FROM, SG_MONTH_TO   the last full month, e.g. 2026-10-01 and 2026-10-31
--   SG_PERIODS      "from:to,from:to,…" (periods mix only)
--   SG_CASES        "case number,…": the "store" mix — each case's page (its view audited) and
--                   its API detail, read from the store
--   SG_THREADS      wrk's -t (only where each thread starts in the rotation; default 2)
--
-- Any answer that is not 2xx counts as an error; `done` prints them with wrk's own errors
-- (connect, read, write, timeout) and a RESULT line, and exits 1 if there was any.

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

local function env(name, default)
   local v = os.getenv(name)
   if v == nil or v == "" then
      if default == nil then
         error("load.lua: " .. name .. " is not set")
      end
      return default
   end
   return v
end

-- Percent-encodes everything but unreserved characters (the court codes are Chinese).
local function enc(s)
   return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function split(s, sep)
   local out = {}
   for part in string.gmatch(s, "[^" .. sep .. "]+") do
      table.insert(out, part)
   end
   return out
end

local function steady_paths()
   local from, to = env("SG_FROM"), env("SG_TO")
   local mfrom, mto = env("SG_MONTH_FROM"), env("SG_MONTH_TO")
   local api = "/api/v1/metrics?from=" .. from .. "&to=" .. to
   return {
      "/",
      "/?from=" .. mfrom .. "&to=" .. mto,
      "/court/" .. enc("湘1402"),
      api .. "&by=court",
      api .. "&by=court,month",
      api .. "&indicators=within_limit_rate,avg_trial_days&by=type",
      api .. "&court=" .. enc("湘1403"),
   }
end

local function store_paths()
   local paths = {}
   for _, case in ipairs(split(env("SG_CASES"), ",")) do
      table.insert(paths, "/cases/" .. enc(case))
      table.insert(paths, "/api/v1/cases/" .. enc(case))
   end
   return paths
end

local function periods_paths()
   local paths = {}
   for _, period in ipairs(split(env("SG_PERIODS"), ",")) do
      local from, to = period:match("^([^:]+):([^:]+)$")
      local q = "from=" .. from .. "&to=" .. to
      table.insert(paths, "/?" .. q)
      table.insert(paths, "/api/v1/metrics?" .. q .. "&by=court")
      table.insert(paths, "/api/v1/metrics?" .. q .. "&court=" .. enc("湘1403"))
   end
   -- A fixed shuffle (MINSTD, exact in doubles; the same in every thread), so that periods come
   -- in no order.
   local state = 20260101
   for i = #paths, 2, -1 do
      state = (state * 48271) % 2147483647
      local j = state % i + 1
      paths[i], paths[j] = paths[j], paths[i]
   end
   return paths
end

local requests_ = {}
local next_ = 1

function init(args)
   local mix = env("SG_MIX", "steady")
   local paths
   if mix == "steady" then
      paths = steady_paths()
   elseif mix == "periods" then
      paths = periods_paths()
   elseif mix == "store" then
      paths = store_paths()
   else
      error("load.lua: SG_MIX must be steady, periods or store, not " .. mix)
   end
   local cookie, token = env("SG_COOKIE"), env("SG_TOKEN")
   for _, path in ipairs(paths) do
      local headers = {}
      if path:sub(1, 5) == "/api/" then
         headers["Authorization"] = "Bearer " .. token
      else
         headers["Cookie"] = cookie
      end
      table.insert(requests_, wrk.format("GET", path, headers))
   end
   -- Threads start at different places in the rotation (SG_THREADS: wrk's -t).
   local step = math.max(1, math.floor(#requests_ / tonumber(env("SG_THREADS", "2"))))
   next_ = (id * step) % #requests_ + 1
   non2xx = 0
   statuses = ""
   seen = {}
end

function request()
   local r = requests_[next_]
   next_ = next_ % #requests_ + 1
   return r
end

function response(status, headers, body)
   if status < 200 or status > 299 then
      non2xx = non2xx + 1
      local key = tostring(status)
      if not seen[key] then
         seen[key] = true
         statuses = statuses .. " " .. key
      end
   end
end

function done(summary, latency, requests)
   local non2xx_total, kinds, listed = 0, "", {}
   for _, thread in ipairs(threads) do
      non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
      for status in string.gmatch(thread:get("statuses") or "", "%S+") do
         if not listed[status] then
            listed[status] = true
            kinds = kinds .. " " .. status
         end
      end
   end
   local e = summary.errors
   local wrk_errors = e.connect + e.read + e.write + e.timeout
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "errors: non-2xx %d%s; connect %d, read %d, write %d, timeout %d (wrk's status count: %d)\n",
      non2xx_total, kinds ~= "" and (" (statuses" .. kinds .. ")") or "",
      e.connect, e.read, e.write, e.timeout, e.status))
   io.write(string.format(
      "RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f mean_ms=%.2f errors=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000,
      non2xx_total + wrk_errors))
   if non2xx_total + wrk_errors > 0 then
      io.write("load.lua: requests failed\n")
      os.exit(1)
   end
end
