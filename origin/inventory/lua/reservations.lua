-- One page of the reservations an event's gate holds (reconciliation reads them all, page by page).
local gate_key = KEYS[1]        -- hash bj:{eventId}:g (layout in lib/decide.lua)
local provisional_key = KEYS[2] -- zset bj:{eventId}:gp
local cursor = ARGV[1]          -- HSCAN cursor, '0' to start
local count = ARGV[2]           -- fields to look at per page (a hint)
-- returns {nextCursor, 'r:<bookingId>', value, until ('' when firm), ...}; nextCursor '0' when done

local page = redis.call('HSCAN', gate_key, cursor, 'MATCH', 'r:*', 'COUNT', count)
local out = { page[1] }
for i = 1, #page[2], 2 do
  out[#out + 1] = page[2][i]
  out[#out + 1] = page[2][i + 1]
  out[#out + 1] = redis.call('ZSCORE', provisional_key, string.sub(page[2][i], 3)) or ''
end
return out
