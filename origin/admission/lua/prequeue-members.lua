-- Reads the pre-queue registrants (a script, so the adapters need nothing but EVALSHA).
local prequeue_key = KEYS[1] -- list bj:{eventId}:p, registrants in registration order
-- returns {userId, ...} in registration order

return redis.call('LRANGE', prequeue_key, 0, -1)
