-- One place per identity. Before startsAt a joiner registers in the pre-queue (place 0 in the
-- places hash, registration order in the list); after it, places are FIFO once the draw has run.
local meta_key = KEYS[1]     -- hash bj:{eventId}:m (d drawn, r reservedSeq, see lib/advance-queue.lua)
local places_key = KEYS[2]   -- hash bj:{eventId}:q, userId -> seq ('0' = registered, no place yet)
local sessions_key = KEYS[3] -- zset bj:{eventId}:s, userId -> expiresAt (ms)
local prequeue_key = KEYS[4] -- list bj:{eventId}:p, pre-queue registrants in registration order
local user = ARGV[1]         -- userId
local now = tonumber(ARGV[2]) -- now (ms)
-- returns a flat map {name, value, ...}, decoded by name (joinReplySchema in queue-reply.ts):
--   kind 'placed', seq, created 0|1 | kind 'prequeued', created 0|1 | kind 'draw_pending'
--   | kind 'reserve_needed', tailSeq | kind 'closed' | kind 'soldout' | kind 'missing'
-- 'placed' and 'prequeued' add the line as it stands after the join (servingSeq, tailSeq,
-- soldout 0|1), so the first screen needs no second request to the store.

if redis.call('EXISTS', meta_key) == 0 then return { 'kind', 'missing' } end

local function with_line(reply, tail, serving)
  local soldout = 0
  if redis.call('HGET', meta_key, 'o') == '1' then soldout = 1 end
  for _, v in ipairs({ 'servingSeq', serving, 'tailSeq', tail, 'soldout', soldout }) do reply[#reply + 1] = v end
  return reply
end

local held = redis.call('HGET', places_key, user)
if held and held ~= '0' then
  local tail, serving = peek_queue(meta_key, sessions_key, now)
  return with_line({ 'kind', 'placed', 'seq', tonumber(held), 'created', 0 }, tail, serving)
end
local f = redis.call('HMGET', meta_key, 'c', 'o', 'st', 'd', 'r', 't', 's')
if f[1] == '1' then return { 'kind', 'closed' } end
if f[2] == '1' then return { 'kind', 'soldout' } end
if now < tonumber(f[3]) then
  local created = 0
  if not held then
    redis.call('HSET', places_key, user, 0)
    redis.call('RPUSH', prequeue_key, user)
    created = 1
  end
  return with_line({ 'kind', 'prequeued', 'created', created }, tonumber(f[6]), tonumber(f[7]))
end
if f[4] ~= '1' then
  -- Places 1..N belong to the pre-queue draw, which the caller runs first.
  if redis.call('LLEN', prequeue_key) > 0 then return { 'kind', 'draw_pending' } end
  redis.call('HSET', meta_key, 'd', 1)
end
local tail = advance_queue(meta_key, sessions_key, now)
if f[5] and tail >= tonumber(f[5]) then return { 'kind', 'reserve_needed', 'tailSeq', tail } end
tail = tail + 1
redis.call('HSET', meta_key, 't', tail)
redis.call('HSET', places_key, user, tail)
local _, serving = advance_queue(meta_key, sessions_key, now)
return with_line({ 'kind', 'placed', 'seq', tail, 'created', 1 }, tail, serving)
