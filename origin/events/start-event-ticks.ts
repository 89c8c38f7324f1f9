import type { Ledger } from '../ledger/ledger.js';
import type { EventService } from './event-service.js';

export interface EventTicks {
  /** Runs one tick over every open event now (or joins the one running). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The lifecycle's clock: every `intervalMs`, each event not yet closed gets its upkeep (the draw
 * at `startsAt`, checkpoints, recovery after a store loss, closing at `endsAt`), so these happen
 * on time even when no visitor writes. Safe on every instance at once: each step is idempotent.
 * The timer is unref'd.
 */
export function startEventTicks(ledger: Pick<Ledger, 'listEvents'>, events: Pick<EventService, 'tick'>, intervalMs: number): EventTicks {
  let running: Promise<void> | undefined;

  const tickAll = async () => {
    for (const record of await ledger.listEvents()) {
      if (record.closed) continue;
      try {
        await events.tick(record);
      } catch (error) {
        console.warn(`event tick of ${record.id} failed:`, (error as Error).message);
      }
    }
  };

  const runNow = () => {
    running ??= tickAll()
      .catch((error: unknown) => console.warn('event tick failed:', (error as Error).message))
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();

  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
