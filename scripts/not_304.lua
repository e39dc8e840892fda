-- wrk script for fragment_load.py: counts the answers that are not 304 Not Modified.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  others = 0
end

function response(status, headers, body)
  if status ~= 304 then others = others + 1 end
end

function done(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do n = n + thread:get("others") end
  io.write(string.format("requests: %d\nnot 304: %d\n", summary.requests, n))
end
