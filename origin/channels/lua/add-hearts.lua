-- KEYS[1] the channel's hearts total, KEYS[2] the viewer's last-request key
-- ARGV: count, now (ms), intervalMs
-- The viewer key holds when the viewer may send again (the origin clock's time), and expires then
-- on the server's own clock, so the limit costs no memory once it is over.
local now = tonumber(ARGV[2])
local interval = tonumber(ARGV[3])
local until_ms = tonumber(redis.call('GET', KEYS[2]))
if until_ms and until_ms > now then
  return {'kind', 'rate_limited', 'retryAfterMs', until_ms - now}
end
redis.call('SET', KEYS[2], tostring(now + interval), 'PX', interval)
redis.call('INCRBY', KEYS[1], ARGV[1])
return {'kind', 'accepted'}
