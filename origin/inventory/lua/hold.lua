-- Adds ledger-confirmed reservations the gate lacks, with no capacity check (the ledger already
-- holds these places). A reservation the gate has is left alone, so repeating this is harmless.
local gate_key = KEYS[1] -- hash bj:{eventId}:g (layout in lib/decide.lua)
-- ARGV: groups of six: bookingId, itemId, quantity, Idempotency-Key, fingerprint, userId
-- returns how many reservations were added, or -1 when the event is not loaded

if redis.call('EXISTS', gate_key) == 0 then return -1 end
local added = 0
for i = 1, #ARGV, 6 do
  local booking, item, quantity, key, fingerprint, user = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2]), ARGV[i + 3], ARGV[i + 4], ARGV[i + 5]
  if redis.call('HEXISTS', gate_key, 'r:' .. booking) == 0 and redis.call('HEXISTS', gate_key, 'c:' .. item) == 1 then
    redis.call('HINCRBY', gate_key, 'b:' .. item, quantity)
    redis.call('HINCRBY', gate_key, 'h:' .. item .. '|' .. user, quantity)
    redis.call('HSET', gate_key, 'r:' .. booking, item .. '|' .. quantity .. '|' .. key .. '|' .. fingerprint .. '|' .. user)
    redis.call('HSETNX', gate_key, 'k:' .. key .. '|' .. user, booking .. '|' .. fingerprint)
    added = added + 1
  end
end
return added
