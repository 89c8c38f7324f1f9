-- Advances to now under the old flags, then sets paused/closed/soldout and restarts the clock, so
-- a resume lets nobody in for the paused time (no burst).
local meta_key = KEYS[1]     -- hash bj:{eventId}:m
local sessions_key = KEYS[2] -- zset bj:{eventId}:s, userId -> expiresAt (ms)
local now = tonumber(ARGV[1]) -- now (ms)
local paused = ARGV[2]       -- '1', '0', or '-' to leave unchanged
local closed = ARGV[3]       -- '1', '0', or '-'
local soldout = ARGV[4]      -- '1', '0', or '-'
-- returns 1, or 0 when the event is unknown to this store

if redis.call('EXISTS', meta_key) == 0 then return 0 end
advance_queue(meta_key, sessions_key, now)
if paused ~= '-' then redis.call('HSET', meta_key, 'p', paused) end
if closed ~= '-' then redis.call('HSET', meta_key, 'c', closed) end
if soldout ~= '-' then redis.call('HSET', meta_key, 'o', soldout) end
redis.call('HSET', meta_key, 'l', exact(now))
return 1
