-- linkcast bench's query load for wrk: one connection per wrk thread, so that a thread's request and its response
-- pair up and each answer is timed by its status (wrk's own latency mixes 200 and 503); 10 µs buckets
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } linkcast_timespec;
int clock_gettime(int clk, linkcast_timespec *tp);
]]
local ts = ffi.new("linkcast_timespec")
local function micros()
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end
local NODES, SEED, T = @NODES@, @SEED@, @T@
local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end
function init(args)
  math.randomseed(SEED * 1000003 + tid)
  ok, refused, other = {}, {}, {}
  firsterr = nil
  sent = 0
end
function request()
  sent = micros()
  local body = '{"src":"' .. math.random(0, NODES - 1) .. '","dst":"' .. math.random(0, NODES - 1) .. '","t":' .. T .. '}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
function response(status, headers, body)
  local b = math.floor((micros() - sent) / 10)
  local h
  if status == 200 then h = ok elseif status == 503 then h = refused else
    h = other
    if firsterr == nil then firsterr = status .. " " .. string.gsub(body, "%s+", " ") end
  end
  h[b] = (h[b] or 0) + 1
end
function done(summary, latency, requests)
  for _, th in ipairs(threads) do
    for name, _ in pairs({ok = 1, refused = 1, other = 1}) do
      for b, n in pairs(th:get(name)) do io.write("LINKCAST ", name, " ", b, " ", n, "\n") end
    end
    local e = th:get("firsterr")
    if e ~= nil then io.write("LINKCASTERR ", e, "\n") end
  end
  local e = summary.errors
  io.write("LINKCASTSOCKET ", e.connect + e.read + e.write + e.timeout, "\n")
  io.write("LINKCASTSECONDS ", summary.duration / 1e6, "\n")
end
