-- Whether the gate holds the event (false after FLUSHALL, an eviction, or before the first load).
local gate_key = KEYS[1] -- hash bj:{eventId}:g
-- returns 1 | 0

return redis.call('EXISTS', gate_key)
