-- KEYS[1] the channel's viewer bucket (a HyperLogLog); ARGV: viewerId, ttlMs
redis.call('PFADD', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
