-- Used by reserve.lua: whether a request may hold `quantity` places, with no writes.
-- The gate of an event is one hash (bj:{eventId}:g), so a wipe or an eviction loses all of it or
-- nothing; its fields:
--   items                  comma-separated item ids
--   c:<item> l:<item>      capacity, perUserLimit
--   b:<item>               quantity held (confirmed bookings and attempts in flight)
--   h:<item>|<user>        quantity held by one user
--   k:<key>|<user>         '<bookingId>|<fingerprint>' per Idempotency-Key
--   r:<bookingId>          '<item>|<quantity>|<key>|<fingerprint>|<user>' per reservation
-- Item ids and keys cannot contain '|', so the user id (which may) always comes last. Beside it,
-- the zset bj:{eventId}:gp (bookingId -> until, ms) names the provisional reservations.
-- returns two values, a kind and what goes with it: 'available', remaining | 'held', remaining
-- (the key is this booking's own) | 'replay', bookingId | 'limit_reached', held | 'mismatch'
-- | 'unknown_item' | 'places_held' (what is missing is held by requests still in flight, which
-- may fall through: never a false 'sold_out') | 'sold_out' | 'not_loaded'

-- Places of `item` held by provisional reservations (requests not journaled yet).
local function held_in_flight(gate_key, provisional_key, item)
  local total = 0
  for _, held_by in ipairs(redis.call('ZRANGE', provisional_key, 0, -1)) do
    local r = redis.call('HGET', gate_key, 'r:' .. held_by)
    if r then
      local a = string.find(r, '|', 1, true)
      local b = string.find(r, '|', a + 1, true)
      if string.sub(r, 1, a - 1) == item then total = total + tonumber(string.sub(r, a + 1, b - 1)) end
    end
  end
  return total
end

local function decide(gate_key, provisional_key, item, user, quantity, key, fingerprint, booking)
  if redis.call('EXISTS', gate_key) == 0 then return 'not_loaded' end
  local f = redis.call('HMGET', gate_key, 'k:' .. key .. '|' .. user, 'c:' .. item, 'b:' .. item, 'l:' .. item,
    'h:' .. item .. '|' .. user)
  local left = tonumber(f[2] or 0) - tonumber(f[3] or 0)
  if f[1] then
    local sep = string.find(f[1], '|', 1, true)
    local owner = string.sub(f[1], 1, sep - 1)
    if owner == booking then return 'held', left end
    if string.sub(f[1], sep + 1) == fingerprint then return 'replay', owner end
    return 'mismatch'
  end
  if not f[2] then return 'unknown_item' end
  local held = tonumber(f[5] or 0)
  if held + quantity > tonumber(f[4]) then return 'limit_reached', held end
  if quantity > left then
    if quantity <= left + held_in_flight(gate_key, provisional_key, item) then return 'places_held' end
    return 'sold_out'
  end
  return 'available', left - quantity
end
