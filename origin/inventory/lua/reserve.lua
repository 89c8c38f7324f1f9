-- Holds `quantity` places of an item for one booking id, atomically: capacity, per-user limit and
-- Idempotency-Key are decided and written in one step. A provisional reservation (until > 0)
-- drops itself at `until` unless a firm reserve of the same booking id comes first; asking again
-- for a reservation this booking id holds only makes it firm, it never counts twice.
local gate_key = KEYS[1]           -- hash bj:{eventId}:g (layout in lib/decide.lua)
local provisional_key = KEYS[2]    -- zset bj:{eventId}:gp, bookingId -> until (ms)
local item = ARGV[1]               -- itemId
local user = ARGV[2]               -- userId
local quantity = tonumber(ARGV[3]) -- places asked for (integer ≥ 1)
local key = ARGV[4]                -- Idempotency-Key
local fingerprint = ARGV[5]        -- request body hash
local booking = ARGV[6]            -- booking id that will own the places
local now = tonumber(ARGV[7])      -- now (ms): provisional reservations due by then go first
local until_ms = tonumber(ARGV[8]) -- 0: firm; else provisional until then (ms)
-- returns a flat map {name, value, ...}, decoded by name (reserveReplySchema in gate-reply.ts):
--   kind 'reserved', remaining | kind 'replay', bookingId | kind 'limit_reached', held
--   | kind 'mismatch' | kind 'unknown_item' | kind 'places_held' | kind 'sold_out' | kind 'not_loaded'

expire_provisional(gate_key, provisional_key, now)
local kind, value = decide(gate_key, provisional_key, item, user, quantity, key, fingerprint, booking)
if kind == 'held' then
  if until_ms == 0 then redis.call('ZREM', provisional_key, booking) end
  return { 'kind', 'reserved', 'remaining', value }
end
if kind == 'replay' then return { 'kind', kind, 'bookingId', value } end
if kind == 'limit_reached' then return { 'kind', kind, 'held', value } end
if kind ~= 'available' then return { 'kind', kind } end
redis.call('HINCRBY', gate_key, 'b:' .. item, quantity)
redis.call('HINCRBY', gate_key, 'h:' .. item .. '|' .. user, quantity)
redis.call('HSET', gate_key,
  'k:' .. key .. '|' .. user, booking .. '|' .. fingerprint,
  'r:' .. booking, item .. '|' .. quantity .. '|' .. key .. '|' .. fingerprint .. '|' .. user)
if until_ms > 0 then redis.call('ZADD', provisional_key, until_ms, booking) end
return { 'kind', 'reserved', 'remaining', value }
