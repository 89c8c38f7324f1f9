-- Shared by reserve.lua and expire.lua: drops provisional reservations whose time has passed, a
-- bounded batch per call (later calls take the rest). Needs lib/release-reservation.lua.
-- returns how many were dropped
local function expire_provisional(gate_key, provisional_key, now)
  local due = redis.call('ZRANGEBYSCORE', provisional_key, '-inf', now, 'LIMIT', 0, 200)
  for _, booking in ipairs(due) do release_reservation(gate_key, provisional_key, booking, true) end
  return #due
end
