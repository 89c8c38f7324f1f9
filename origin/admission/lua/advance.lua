-- Advances lazily to now (any origin instance may call it: no leader), then reads the event.
-- KEYS, ARGV and the reply: answer_queue in lib/read-queue.lua.
return answer_queue(advance_queue)
