-- One page of the reservations an event's gate holds (reconciliation reads them all, page by page).
local gate_key = KEYS[1]        -- hash bj:{eventId}:g (layout in lib/decide.lua)
local provisional_key = KEYS[2] -- zset bj:{eventId}:gp
local cursor = ARGV[1]          -- HSCAN cursor, '0' to start
local count = ARGV[2]           -- fields to look at per page (a hint)
-- returns JSON {"cursor", "reservations":[{"bookingId","value","until"?}, ...]}, decoded by name
-- (reservationsReplySchema in gate-reply.ts); cursor '0' when done; no until when firm

local page = redis.call('HSCAN', gate_key, cursor, 'MATCH', 'r:*', 'COUNT', count)
local out = {}
for i = 1, #page[2], 2 do
  local booking = string.sub(page[2][i], 3)
  local until_ms = redis.call('ZSCORE', provisional_key, booking)
  out[#out + 1] = { bookingId = booking, value = page[2][i + 1], ['until'] = until_ms and tonumber(until_ms) or nil }
end
if #out == 0 then return cjson.encode({ cursor = page[1] }) end
return cjson.encode({ cursor = page[1], reservations = out })
