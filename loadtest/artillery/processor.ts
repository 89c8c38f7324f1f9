import type { Dispatcher } from 'undici';
import { createLoadClient, createPool } from '../client/load-client.js';
import { visitorJourney as walk } from '../journey/index.js';
import { createArtilleryLog } from './artillery-log.js';
import { createArtilleryMetrics, type ArtilleryEvents } from './artillery-metrics.js';

/**
 * Artillery processor (config.processor in flash-crowd.yml): each virtual user is one phone
 * walking the web app's journey (loadtest/journey/), the same code `npm run loadtest` plays. An
 * async function step, which Artillery 2 awaits; Artillery's own HTTP steps cannot carry the
 * web app's retries or read the next wait from the last answer.
 */

interface ArtilleryContext {
  vars: Record<string, unknown>;
}

/** One pool per Artillery worker thread and target: its visitors share its sockets, as the native workers do. */
const pools = new Map<string, Dispatcher>();

const numberVar = (context: ArtilleryContext, name: string, fallback: number) => {
  const raw = context.vars[name];
  const value = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : Number.NaN;
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};

export async function visitorJourney(context: ArtilleryContext, events: ArtilleryEvents): Promise<void> {
  const { target, eventId } = context.vars;
  if (typeof target !== 'string') throw new Error('no target: config.target or --target');
  if (typeof eventId !== 'string' || eventId === '') throw new Error('eventId is not set: run this scenario through npm run loadtest:artillery');
  let pool = pools.get(target);
  if (!pool) {
    pool = createPool(target, Math.max(1, numberVar(context, 'connections', 128)));
    pools.set(target, pool);
  }
  const budgetMs = numberVar(context, 'budgetSeconds', 120) * 1000;
  const log = createArtilleryLog(events);
  const client = createLoadClient({
    target,
    connections: 1,
    maxRequests: Number.MAX_SAFE_INTEGER,
    metrics: createArtilleryMetrics(events),
    // Requests in flight when the visit's budget ends get a moment to come back.
    signal: AbortSignal.timeout(budgetMs + 30_000),
    now: log.now,
    pool,
  });
  await walk({ client, log, eventId, signal: AbortSignal.timeout(budgetMs) }, numberVar(context, 'replayShare', 0.05));
}
