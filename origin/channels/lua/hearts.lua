-- KEYS[1] the channel's hearts total
return tonumber(redis.call('GET', KEYS[1]) or '0')
