-- Shared by advance and peek: the event's queue as a flat map {name, value, ...}, decoded by name
-- in lua-admission-queue.ts (queueReplySchema), so a field added here cannot shift the others.
-- Fields: exists 1, tailSeq, servingSeq, reservedSeq (-1 = unlimited), paused, closed, soldout,
-- drawn (0|1 each), prequeued, active, admitted, newUsersPerMinute, maxActiveUsers,
-- sessionSeconds, queueAll (0|1), startsAt (ms).
local function read_queue(meta_key, prequeue_key, tail, serving, active)
  local m = redis.call('HMGET', meta_key, 'r', 'p', 'c', 'o', 'd', 'a', 'rpm', 'max', 'ss', 'qa', 'st')
  local flag = function(value) if value == '1' then return 1 end return 0 end
  return {
    'exists', 1, 'tailSeq', tail, 'servingSeq', serving, 'reservedSeq', tonumber(m[1] or -1),
    'paused', flag(m[2]), 'closed', flag(m[3]), 'soldout', flag(m[4]), 'drawn', flag(m[5]),
    'prequeued', redis.call('LLEN', prequeue_key), 'active', active, 'admitted', tonumber(m[6]),
    'newUsersPerMinute', tonumber(m[7]), 'maxActiveUsers', tonumber(m[8]), 'sessionSeconds', tonumber(m[9]),
    'queueAll', flag(m[10]), 'startsAt', tonumber(m[11]),
  }
end

-- The whole of advance.lua and peek.lua, which differ only in how they step the queue to now.
-- KEYS: hash bj:{eventId}:m, zset bj:{eventId}:s (userId -> expiresAt ms), list bj:{eventId}:p;
-- ARGV[1]: now (ms). An event with no queue answers { exists 0 }.
local function answer_queue(step)
  local meta_key, sessions_key, prequeue_key = KEYS[1], KEYS[2], KEYS[3]
  if redis.call('EXISTS', meta_key) == 0 then return { 'exists', 0 } end
  local tail, serving, active = step(meta_key, sessions_key, tonumber(ARGV[1]))
  return read_queue(meta_key, prequeue_key, tail, serving, active)
end
