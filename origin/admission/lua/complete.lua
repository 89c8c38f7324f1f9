-- A finished booking frees its session before it expires.
local sessions_key = KEYS[1] -- zset bj:{eventId}:s, userId -> expiresAt (ms)
local user = ARGV[1]         -- userId
-- returns 1 if a session was removed, else 0

return redis.call('ZREM', sessions_key, user)
