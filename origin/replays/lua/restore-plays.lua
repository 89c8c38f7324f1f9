-- KEYS[1] the pending plays (a hash: replay id -> plays)
-- ARGV[1] replayId, ARGV[2] plays a fold took and could not write
redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
return 1
