-- Lets a visitor in once servingSeq has reached their seq, while active sessions are under the cap,
-- in seq order (DESIGN.md §4 invariant 4): a visitor turned away at capacity keeps a claim on the
-- next free session for `grace` ms after each ask, so someone behind them in line who asks when a
-- session frees does not take it first.
local meta_key = KEYS[1]     -- hash bj:{eventId}:m
local sessions_key = KEYS[2] -- zset bj:{eventId}:s, userId -> expiresAt (ms)
local claims_key = KEYS[3]   -- zset bj:{eventId}:w, userId -> seq of a visitor turned away at capacity
local asked_key = KEYS[4]    -- zset bj:{eventId}:wt, userId -> when that visitor last asked (ms)
local user = ARGV[1]         -- userId
local seq = tonumber(ARGV[2]) -- the visitor's place, from their signed queue token
local now = tonumber(ARGV[3]) -- now (ms)
local grace = tonumber(ARGV[4]) -- how long a claim lasts after its last ask (ms)
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

-- Claims not renewed in time lapse: their visitors stopped asking.
local lapsed = redis.call('ZRANGEBYSCORE', asked_key, '-inf', now - grace)
if #lapsed > 0 then
  redis.call('ZREM', asked_key, unpack(lapsed))
  redis.call('ZREM', claims_key, unpack(lapsed))
end
local ahead = redis.call('ZCOUNT', claims_key, '-inf', '(' .. seq)
if active + ahead >= tonumber(f[3]) then
  redis.call('ZADD', claims_key, seq, user)
  redis.call('ZADD', asked_key, now, user)
  return { 'kind', 'at_capacity' }
end
redis.call('ZREM', claims_key, user)
redis.call('ZREM', asked_key, user)
local expires_at = now + tonumber(f[4]) * 1000
redis.call('ZADD', sessions_key, expires_at, user)
redis.call('HINCRBY', meta_key, 'a', 1)
return { 'kind', 'admitted', 'expiresAt', expires_at, 'renewed', 0 }
