-- Installs a staged gate unless the event is loaded already, in one step: the gate key's
-- existence is the load marker, so of concurrent rebuilds exactly one lands.
local gate_key = KEYS[1]        -- hash bj:{eventId}:g
local provisional_key = KEYS[2] -- zset bj:{eventId}:gp: whatever survived of it names reservations
                                -- of a gate that is gone, so it goes too
local staging_key = KEYS[3]     -- hash bj:{eventId}:g:load:<uuid>, written by stage-load.lua
-- returns 1 when installed, 0 when already loaded (the staging is dropped), -1 when the staging expired

if redis.call('EXISTS', gate_key) == 1 then
  redis.call('DEL', staging_key)
  return 0
end
if redis.call('EXISTS', staging_key) == 0 then return -1 end
redis.call('DEL', provisional_key)
redis.call('RENAME', staging_key, gate_key)
redis.call('PERSIST', gate_key)
return 1
