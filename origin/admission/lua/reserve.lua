-- Raises the reservation once the ledger holds a checkpoint at least this high.
local meta_key = KEYS[1]       -- hash bj:{eventId}:m (r reservedSeq)
local up_to = tonumber(ARGV[1]) -- highest seq join may hand out
-- returns the reservation now in force, or -1 when the event is unknown to this store

if redis.call('EXISTS', meta_key) == 0 then return -1 end
local reserved = math.max(tonumber(redis.call('HGET', meta_key, 'r') or 0), up_to)
redis.call('HSET', meta_key, 'r', reserved)
return reserved
