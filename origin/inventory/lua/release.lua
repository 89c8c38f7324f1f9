-- Frees the places one booking id holds, at most once (lib/release-reservation.lua).
local gate_key = KEYS[1]        -- hash bj:{eventId}:g (layout in lib/decide.lua)
local provisional_key = KEYS[2] -- zset bj:{eventId}:gp
local booking = ARGV[1]         -- booking id
local forget_key = ARGV[2]      -- '1': an attempt that never became a booking; '0': a cancelled booking
-- returns 1 when released now, 0 when not held (released before, never reserved, not loaded)

return release_reservation(gate_key, provisional_key, booking, forget_key == '1')
