-- The pre-queue draw, atomically and once: the staged order gets the next places (1..N on a fresh
-- queue); registrants the order left out lose their registration, as in the memory adapter.
local meta_key = KEYS[1]     -- hash bj:{eventId}:m (t tailSeq, d drawn, r reservedSeq)
local places_key = KEYS[2]   -- hash bj:{eventId}:q, userId -> seq ('0' = registered)
local prequeue_key = KEYS[3] -- list bj:{eventId}:p, registrants
local staging_key = KEYS[4]  -- list bj:{eventId}:d:<uuid>, the order (stage-draw.lua)
-- returns 1 when applied, 0 if already drawn or unknown, -1 if the reservation is too small

local function finish(result)
  redis.call('DEL', staging_key)
  return result
end
if redis.call('EXISTS', meta_key) == 0 or redis.call('HGET', meta_key, 'd') == '1' then return finish(0) end
local order = redis.call('LRANGE', staging_key, 0, -1)
local m = redis.call('HMGET', meta_key, 't', 'r')
local tail = tonumber(m[1])
if m[2] and tail + #order > tonumber(m[2]) then return finish(-1) end
for _, user in ipairs(order) do
  local held = redis.call('HGET', places_key, user)
  if not held or held == '0' then
    tail = tail + 1
    redis.call('HSET', places_key, user, tail)
  end
end
for _, user in ipairs(redis.call('LRANGE', prequeue_key, 0, -1)) do
  if redis.call('HGET', places_key, user) == '0' then redis.call('HDEL', places_key, user) end
end
redis.call('DEL', prequeue_key)
redis.call('HSET', meta_key, 't', tail, 'd', 1)
return finish(1)
