-- KEYS: per minute of the window, oldest first, three keys (as record-qoe.lua names them):
--   the minute's figures (hash), its error codes (hash), its sessions (HyperLogLog); one hash tag
-- Returns { distinct sessions across the window, then per minute: figures as a flat
--   {field, value, ...} list, error codes as a flat list, distinct sessions that minute }.
local sessions = {}
local reply = {0}
for i = 1, #KEYS, 3 do
  table.insert(sessions, KEYS[i + 2])
  table.insert(reply, redis.call('HGETALL', KEYS[i]))
  table.insert(reply, redis.call('HGETALL', KEYS[i + 1]))
  table.insert(reply, redis.call('PFCOUNT', KEYS[i + 2]))
end
reply[1] = redis.call('PFCOUNT', unpack(sessions))
return reply
