-- Resumes an event from its ledger checkpoint after a store loss (or on creation, with zeros).
-- Counters only move forward; the checkpoint's tailSeq becomes the reservation, so join hands out
-- no seq the ledger does not cover (docs/decisions/0005-queue-checkpoints.md).
local meta_key = KEYS[1]          -- hash bj:{eventId}:m
local tail = tonumber(ARGV[1])    -- checkpoint tailSeq (the reserved tail)
local serving = tonumber(ARGV[2]) -- checkpoint servingSeq
local admitted = tonumber(ARGV[3]) -- checkpoint admitted (count)
local drawn = ARGV[4]             -- '1' if the pre-queue draw had run
local now = tonumber(ARGV[5])     -- now (ms): the rate restarts here, no burst for the lost time
-- returns 1, or 0 when the event is unknown to this store

if redis.call('EXISTS', meta_key) == 0 then return 0 end
local m = redis.call('HMGET', meta_key, 't', 's', 'a', 'r', 'l')
redis.call('HSET', meta_key,
  't', math.max(tonumber(m[1]), tail),
  's', math.max(tonumber(m[2]), serving),
  'a', math.max(tonumber(m[3]), admitted),
  'r', math.max(tonumber(m[4] or 0), tail),
  'l', string.format('%.17g', math.max(tonumber(m[5]), now)))
if drawn == '1' then redis.call('HSET', meta_key, 'd', 1) end
return 1
