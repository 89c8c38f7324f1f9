-- Advances lazily to now (any origin instance may call it: no leader), then reads the event.
local meta_key = KEYS[1]     -- hash bj:{eventId}:m
local sessions_key = KEYS[2] -- zset bj:{eventId}:s, userId -> expiresAt (ms)
local prequeue_key = KEYS[3] -- list bj:{eventId}:p
local now = tonumber(ARGV[1]) -- now (ms)
-- returns {0} when the event is unknown to this store, else {1, tailSeq, servingSeq,
-- reservedSeq (-1 = unlimited), paused, closed, soldout, drawn (0|1 each), prequeued, active,
-- admitted, newUsersPerMinute, maxActiveUsers, sessionSeconds, queueAll (0|1), startsAt (ms)}

if redis.call('EXISTS', meta_key) == 0 then return { 0 } end
local tail, serving, active = advance_queue(meta_key, sessions_key, now)
local m = redis.call('HMGET', meta_key, 'r', 'p', 'c', 'o', 'd', 'a', 'rpm', 'max', 'ss', 'qa', 'st')
local flag = function(value) if value == '1' then return 1 end return 0 end
return {
  1, tail, serving, tonumber(m[1] or -1), flag(m[2]), flag(m[3]), flag(m[4]), flag(m[5]),
  redis.call('LLEN', prequeue_key), active, tonumber(m[6]),
  tonumber(m[7]), tonumber(m[8]), tonumber(m[9]), flag(m[10]), tonumber(m[11]),
}
