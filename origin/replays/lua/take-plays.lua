-- KEYS[1] the pending plays (a hash: replay id -> plays)
-- Returns the hash as a flat list {replayId, plays, ...} and empties it, at once: a play counted
-- while a fold runs lands in the next fold.
local pending = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return pending
