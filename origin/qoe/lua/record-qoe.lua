-- KEYS[1] the target's minute figures (hash: playedMs, rebufferMs, bitrateSwitches, errors, fatal, s:<startup bucket>)
-- KEYS[2] the target's error codes that minute (hash: code → count)
-- KEYS[3] the target's sessions that minute (HyperLogLog)
-- ARGV[1] ttlMs: how long the minute's keys live after this write
-- ARGV[2] maxCodes: distinct error codes kept per minute; the rest count under ARGV[3]
-- ARGV[3] the name codes past the cap count under
-- ARGV[4] n, then n (field, increment) pairs for KEYS[1]
-- then m, then m (code, count) pairs for KEYS[2]
-- then the session ids (at least one)
-- Returns 1. Every key carries the target's hash tag: one slot, one atomic script per target.
local ttl = ARGV[1]
local max_codes = tonumber(ARGV[2])
local index = 4
local n = tonumber(ARGV[index])
for i = 1, n do
  redis.call('HINCRBY', KEYS[1], ARGV[index + 2 * i - 1], ARGV[index + 2 * i])
end
index = index + 2 * n + 1
local m = tonumber(ARGV[index])
for i = 1, m do
  local code = ARGV[index + 2 * i - 1]
  if redis.call('HEXISTS', KEYS[2], code) == 0 and redis.call('HLEN', KEYS[2]) >= max_codes then
    code = ARGV[3]
  end
  redis.call('HINCRBY', KEYS[2], code, ARGV[index + 2 * i])
end
index = index + 2 * m + 1
redis.call('PFADD', KEYS[3], unpack(ARGV, index))
for _, key in ipairs(KEYS) do
  redis.call('PEXPIRE', key, ttl)
end
return 1
