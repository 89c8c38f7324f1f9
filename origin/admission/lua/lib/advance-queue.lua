-- Shared prelude of join, admit, advance and set-flags: the lazy advance of
-- origin/admission/advance-math.ts, step for step (Redis Lua numbers are IEEE doubles like JS, so
-- the same operations give the same servingSeq and the same fractional lastAdvanceAt).
-- Meta hash fields: t tailSeq, s servingSeq, l lastAdvanceAt (ms), p/c/o paused/closed/soldout
-- ('1' = set), rpm newUsersPerMinute, max maxActiveUsers, qa queueAll ('1'), st startsAt (ms).

-- redis.call turns numbers into strings with %.14g, which would round a fractional
-- lastAdvanceAt (13 integer digits already); %.17g round-trips every double.
local function exact(n)
  return string.format('%.17g', n)
end

-- Sessions: zset userId -> expiresAt (ms); a session is active while expiresAt > now.
local function active_sessions(sessions_key, now)
  redis.call('ZREMRANGEBYSCORE', sessions_key, '-inf', now)
  return redis.call('ZCARD', sessions_key)
end

-- The advance math alone, writing nothing: from the meta fields m (HMGET of t s l p c o rpm max
-- qa st), the active session count and now, returns the new servingSeq and lastAdvanceAt.
local function compute_advance(m, active, now)
  local tail, serving, last = tonumber(m[1]), tonumber(m[2]), tonumber(m[3])
  local blocked = m[4] == '1' or m[5] == '1' or m[6] == '1' or now < tonumber(m[10])
  if blocked then return serving, now end
  local interval = 60000 / tonumber(m[7])
  local bank = 0
  if m[9] ~= '1' then bank = math.max(interval, 1000) end
  local floor = now - bank
  local waiting = tail - serving
  if waiting <= 0 then return serving, math.max(last, floor) end
  local room = math.max(0, tonumber(m[8]) - active)
  local due = math.floor((now - last) / interval)
  local step = math.max(0, math.min(due, waiting, room))
  local moved = last + step * interval
  -- Capped by the queue or the session limit: unused time is banked no further than floor.
  if step < due then return serving + step, math.max(moved, floor) end
  return serving + step, moved
end

local ADVANCE_FIELDS = { 't', 's', 'l', 'p', 'c', 'o', 'rpm', 'max', 'qa', 'st' }

-- Advances the event to `now` and stores it; returns tailSeq, servingSeq, active sessions.
local function advance_queue(meta_key, sessions_key, now)
  local m = redis.call('HMGET', meta_key, unpack(ADVANCE_FIELDS))
  local active = active_sessions(sessions_key, now)
  local serving, new_last = compute_advance(m, active, now)
  redis.call('HSET', meta_key, 's', serving, 'l', exact(new_last))
  return tonumber(m[1]), serving, active
end

-- What advance_queue would give at `now`, writing nothing (expired sessions are not counted).
local function peek_queue(meta_key, sessions_key, now)
  local m = redis.call('HMGET', meta_key, unpack(ADVANCE_FIELDS))
  local active = redis.call('ZCOUNT', sessions_key, '(' .. exact(now), '+inf')
  local serving = compute_advance(m, active, now)
  return tonumber(m[1]), serving, active
end
