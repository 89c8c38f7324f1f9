-- Capacity and held quantity of every item of an event; `provisional` is the part of `booked`
-- held by provisional reservations (requests not journaled in the ledger yet).
local gate_key = KEYS[1]        -- hash bj:{eventId}:g (layout in lib/decide.lua)
local provisional_key = KEYS[2] -- zset bj:{eventId}:gp
-- returns JSON {"items":[{"id","capacity","booked","provisional"}, ...]} decoded by name
-- (availabilityReplySchema in gate-reply.ts); no items when not loaded

local items = redis.call('HGET', gate_key, 'items')
if not items then return '{"items":[]}' end
local pending = {}
for _, booking in ipairs(redis.call('ZRANGE', provisional_key, 0, -1)) do
  local r = redis.call('HGET', gate_key, 'r:' .. booking)
  if r then
    local a = string.find(r, '|', 1, true)
    local b = string.find(r, '|', a + 1, true)
    local item = string.sub(r, 1, a - 1)
    pending[item] = (pending[item] or 0) + tonumber(string.sub(r, a + 1, b - 1))
  end
end
local out = {}
for item in string.gmatch(items, '[^,]+') do
  local f = redis.call('HMGET', gate_key, 'c:' .. item, 'b:' .. item)
  out[#out + 1] = { id = item, capacity = tonumber(f[1]), booked = tonumber(f[2] or 0), provisional = pending[item] or 0 }
end
return cjson.encode({ items = out })
