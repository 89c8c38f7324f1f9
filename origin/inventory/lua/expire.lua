-- Drops the provisional reservations of an event that are due (reserve.lua does the same on
-- every call; this lets reconciliation tidy an event nobody is booking any more).
local gate_key = KEYS[1]        -- hash bj:{eventId}:g
local provisional_key = KEYS[2] -- zset bj:{eventId}:gp
local now = tonumber(ARGV[1])   -- now (ms)
-- returns how many were dropped

local dropped, batch = 0, 1
while batch > 0 do
  batch = expire_provisional(gate_key, provisional_key, now)
  dropped = dropped + batch
end
return dropped
