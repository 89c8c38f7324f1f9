-- Creates or updates an event's settings; never resets places or sessions.
local meta_key = KEYS[1] -- hash bj:{eventId}:m, the event's counters, flags and settings
local rpm = ARGV[1]      -- newUsersPerMinute (visitors per minute, > 0)
local max = ARGV[2]      -- maxActiveUsers (sessions)
local ss = ARGV[3]       -- sessionSeconds (s)
local qa = ARGV[4]       -- queueAll ('1' or '0')
local st = ARGV[5]       -- startsAt (ms since the epoch)
-- returns 1

redis.call('HSET', meta_key, 'rpm', rpm, 'max', max, 'ss', ss, 'qa', qa, 'st', st)
for _, field in ipairs({ 't', 's', 'l', 'a' }) do
  redis.call('HSETNX', meta_key, field, 0)
end
return 1
