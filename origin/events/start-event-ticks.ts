import { createSinglePass, type SinglePass } from '../upkeep/single-pass.js';
import type { Ledger } from '../ledger/ledger.js';
import { log } from '../logging/log.js';
import type { EventService } from './event-service.js';

/** A tick over every open event; `run` joins a tick in progress. */
export type EventTickPass = SinglePass<void>;

export interface EventTicks {
  /** Runs one tick over every open event now (or joins the one running). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One tick over every event not yet closed (its upkeep: the draw at `startsAt`, checkpoints,
 * recovery after a store loss, closing at `endsAt`), one at a time: a call while a tick runs
 * joins it. Safe on every instance at once: each step is idempotent. The Lambda entry calls it
 * between requests (`origin/entry/lambda-handler.ts`), `startEventTicks` on a timer.
 */
export function createEventTickPass(ledger: Pick<Ledger, 'listEvents'>, events: Pick<EventService, 'tick'>): EventTickPass {
  const tickAll = async () => {
    for (const record of await ledger.listEvents()) {
      if (record.closed) continue;
      try {
        await events.tick(record);
      } catch (error) {
        log.warn({ eventId: record.id, err: error }, 'event tick failed');
      }
    }
  };

  return createSinglePass('event tick', tickAll);
}

/**
 * The lifecycle's clock on a long-lived process: a tick every `intervalMs`, so the lifecycle's
 * moments happen on time even when no visitor writes. The timer is unref'd.
 */
export function startEventTicks(pass: EventTickPass, intervalMs: number): EventTicks {
  const timer = setInterval(() => void pass.run(), intervalMs);
  timer.unref();

  return {
    runNow: async () => {
      await pass.run();
    },
    async stop() {
      clearInterval(timer);
      await pass.idle();
    },
  };
}
