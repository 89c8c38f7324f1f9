-- Lets a visitor in once servingSeq has reached their seq, while active sessions are under the cap.
local meta_key = KEYS[1]     -- hash bj:{eventId}:m
local sessions_key = KEYS[2] -- zset bj:{eventId}:s, userId -> expiresAt (ms)
local user = ARGV[1]         -- userId
local seq = tonumber(ARGV[2]) -- the visitor's place, from their signed queue token
local now = tonumber(ARGV[3]) -- now (ms)
-- returns a flat map {name, value, ...}, decoded by name (admitReplySchema in queue-reply.ts):
--   kind 'admitted', expiresAt (ms), renewed 0|1 | kind 'not_ready', servingSeq
--   | kind 'at_capacity' | kind 'closed' | kind 'soldout'

if redis.call('EXISTS', meta_key) == 0 then return { 'kind', 'closed' } end
local f = redis.call('HMGET', meta_key, 'c', 'o', 'max', 'ss')
if f[1] == '1' then return { 'kind', 'closed' } end
if f[2] == '1' then return { 'kind', 'soldout' } end
local _, serving, active = advance_queue(meta_key, sessions_key, now)
if seq > serving then return { 'kind', 'not_ready', 'servingSeq', serving } end
local current = tonumber(redis.call('ZSCORE', sessions_key, user))
if current and current > now then return { 'kind', 'admitted', 'expiresAt', current, 'renewed', 1 } end
if active >= tonumber(f[3]) then return { 'kind', 'at_capacity' } end
local expires_at = now + tonumber(f[4]) * 1000
redis.call('ZADD', sessions_key, expires_at, user)
redis.call('HINCRBY', meta_key, 'a', 1)
return { 'kind', 'admitted', 'expiresAt', expires_at, 'renewed', 0 }
