-- Shared by release.lua and lib/expire-provisional.lua: frees the places one booking id holds.
-- The reservation record r:<bookingId> is the proof, so a place is freed at most once.
-- forget_key: true for an attempt that never became a booking (its Idempotency-Key may be used
-- again), false for a cancelled booking (the key keeps replaying it).
-- returns 1 when released now, 0 when not held
local function release_reservation(gate_key, provisional_key, booking, forget_key)
  redis.call('ZREM', provisional_key, booking)
  local r = redis.call('HGET', gate_key, 'r:' .. booking)
  if not r then return 0 end
  local a = string.find(r, '|', 1, true)
  local b = string.find(r, '|', a + 1, true)
  local c = string.find(r, '|', b + 1, true)
  local d = string.find(r, '|', c + 1, true)
  local item = string.sub(r, 1, a - 1)
  local quantity = tonumber(string.sub(r, a + 1, b - 1))
  local key = string.sub(r, b + 1, c - 1)
  local user = string.sub(r, d + 1)
  redis.call('HINCRBY', gate_key, 'b:' .. item, -quantity)
  local held_field = 'h:' .. item .. '|' .. user
  if redis.call('HINCRBY', gate_key, held_field, -quantity) <= 0 then redis.call('HDEL', gate_key, held_field) end
  redis.call('HDEL', gate_key, 'r:' .. booking)
  if forget_key then
    local key_field = 'k:' .. key .. '|' .. user
    local owner = redis.call('HGET', gate_key, key_field)
    if owner and string.sub(owner, 1, #booking + 1) == booking .. '|' then redis.call('HDEL', gate_key, key_field) end
  end
  return 1
end
