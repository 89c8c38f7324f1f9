-- Writes one chunk of a rebuilt gate into a private staging hash; load.lua installs it whole.
local staging_key = KEYS[1]     -- hash bj:{eventId}:g:load:<uuid>
local ttl = tonumber(ARGV[1])   -- ms the staging hash outlives an abandoned rebuild
-- ARGV[2..]: field, value, field, value, ... (gate fields, see lib/decide.lua)
-- returns 1

redis.call('HSET', staging_key, unpack(ARGV, 2))
redis.call('PEXPIRE', staging_key, ttl)
return 1
