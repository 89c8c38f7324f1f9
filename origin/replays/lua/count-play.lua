-- KEYS[1] the viewer's key for this replay, KEYS[2] the pending plays (a hash: replay id -> plays)
-- ARGV[1] replayId, ARGV[2] now (ms, the origin clock), ARGV[3] windowMs
-- The viewer key holds until when a play does not count again (the origin clock's time) and
-- expires then on the server's own clock, so a viewer costs no memory once the window is over.
-- Returns 'counted' or 'repeat'.
local now = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local until_ms = tonumber(redis.call('GET', KEYS[1]))
if until_ms and until_ms > now then
  return 'repeat'
end
redis.call('SET', KEYS[1], tostring(now + window), 'PX', window)
redis.call('HINCRBY', KEYS[2], ARGV[1], 1)
return 'counted'
