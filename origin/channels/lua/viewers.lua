-- KEYS: the channel's last viewer buckets (HyperLogLogs, one hash tag); answers the distinct viewers across them
return redis.call('PFCOUNT', unpack(KEYS))
