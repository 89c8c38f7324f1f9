-- What advance.lua would answer at now, writing nothing: reads never change the queue (DESIGN.md
-- §4 invariant 8); the next write persists the same servingSeq, a function of the stored base.
-- KEYS, ARGV and the reply: answer_queue in lib/read-queue.lua.
return answer_queue(peek_queue)
