import type { Context } from 'hono';
import { AppError, eventPhase, problemResponse } from '../../core/index.js';
import type { OriginDeps } from '../deps.js';

const PROBE_ID = 'readiness-probe';
const TIMEOUT_MS = 2_000;

type Check = 'ok' | 'failed';

async function probe(work: () => Promise<unknown>): Promise<Check> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), TIMEOUT_MS)));
  try {
    await Promise.race([work(), timeout]);
    return 'ok';
  } catch {
    return 'failed';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /api/ready`: whether this instance can serve a drop now, for a load balancer or a deploy
 * to wait on (`/api/health` only says the process answers). Redis and DynamoDB each answer a read
 * within 2 s, and the inventory gate of every event on sale is loaded (a gate lost with Redis is
 * rebuilt by the upkeep; until then bookings would wait). Reads only; 503 names what failed.
 */
export function readiness({ queue, gate, ledger, clock }: Pick<OriginDeps, 'queue' | 'gate' | 'ledger' | 'clock'>) {
  return async (c: Context) => {
    const [redis, dynamodb] = await Promise.all([probe(() => queue.peek(PROBE_ID, clock.now())), probe(() => ledger.getEvent(PROBE_ID))]);
    let gates: Check = 'failed';
    if (redis === 'ok' && dynamodb === 'ok') {
      gates = await probe(async () => {
        const onSale = (await ledger.listEvents()).filter((record) => !record.closed && eventPhase(record, clock.now()) === 'open');
        const loaded = await Promise.all(onSale.map((record) => gate.isLoaded(record.id)));
        if (loaded.includes(false)) throw new Error('a gate is not loaded');
      });
    }
    const checks = { redis, dynamodb, gates };
    c.header('cache-control', 'no-store');
    if (Object.values(checks).every((check) => check === 'ok')) return c.json({ status: 'ready', checks });
    const failed = Object.entries(checks).filter(([, check]) => check !== 'ok').map(([name]) => name);
    return problemResponse(new AppError('origin_unavailable', { detail: `not ready: ${failed.join(', ')}`, headers: { 'retry-after': '5' }, extra: { checks } }));
  };
}
