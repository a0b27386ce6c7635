-- linkcast bench's query load for wrk: each answer is timed by its status (wrk's own latency mixes 200 and 503), in
-- 10 µs buckets. A thread runs several connections, whose answers come in any order: each request carries an
-- X-Request-Id, which the service echoes, to find when it was sent
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
-- more requests than can be in flight on one thread, and enough that every node is drawn, as fresh random pairs
-- would draw them
local POOL = math.max(4096, 2 * @CONNECTIONS@, 4 * NODES)
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
  sent = {}
  -- the requests are made once, so that the client's own cost per request (on the service's cores) stays small;
  -- their position is their id, and one still in flight is skipped when its turn comes again
  requests = {}
  for i = 1, POOL do
    local body = '{"src":"' .. math.random(0, NODES - 1) .. '","dst":"' .. math.random(0, NODES - 1) .. '","t":' .. T .. '}'
    requests[i] = wrk.format("POST", nil, {["Content-Type"] = "application/json", ["X-Request-Id"] = i}, body)
  end
  seq = 0
end
function request()
  -- an id is freed by its answer; one whose connection failed is never answered, so the search is bounded
  for _ = 1, POOL do
    seq = seq % POOL + 1
    if sent[seq] == nil then
      sent[seq] = micros()
      return requests[seq]
    end
  end
  if firsterr == nil then firsterr = "every request id is in flight: too many unanswered requests" end
  wrk.thread:stop()
  return requests[1]
end
function response(status, headers, body)
  local id = tonumber(headers["X-Request-Id"])
  local at = id and sent[id]
  if at == nil then
    -- without the id no answer can be timed, and the ids in flight would never come back: stop this thread
    other[0] = (other[0] or 0) + 1
    if firsterr == nil then firsterr = status .. " without the X-Request-Id it was sent with" end
    wrk.thread:stop()
    return
  end
  sent[id] = nil
  local b = math.floor((micros() - at) / 10)
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
