-- Appends one chunk of a draw's order to a private staging list, so a draw of any size reaches
-- draw.lua without one huge request (Upstash caps request bodies).
local staging_key = KEYS[1] -- list bj:{eventId}:d:<uuid>, one drawer's order
-- ARGV[1..n]: userIds, next in the order
-- returns the staging list's length

for i = 1, #ARGV do
  redis.call('RPUSH', staging_key, ARGV[i])
end
redis.call('PEXPIRE', staging_key, 60000)
return redis.call('LLEN', staging_key)
