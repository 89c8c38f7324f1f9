import type { FeaturedProduct } from '../../core/index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { ReplayService } from '../replays/replay-service.js';
import { createSimulatedReplay } from '../replays/simulated-replays.js';

const minutes = (count: number) => count * 60_000;

/** Past shows of each simulated channel: when they ran (before now), their plays, and what was pinned when. */
interface DemoShow {
  title: string;
  /** Minutes before now the show started, and how long it ran. */
  startedMinutesAgo: number;
  lengthMinutes: number;
}

const SHOWS: readonly DemoShow[] = [
  { title: "Yesterday's show", startedMinutesAgo: 26 * 60, lengthMinutes: 40 },
  { title: 'This afternoon', startedMinutesAgo: 3 * 60, lengthMinutes: 30 },
];

/** Items of each channel's drop (`demoEvents`), pinned in turn during its past shows. */
const PRODUCTS: Record<string, readonly string[]> = {
  'ch-seongsu': ['slot-11', 'slot-12', 'slot-13'],
  'ch-beauty': ['cushion-set', 'serum-duo', 'mask-box'],
  'ch-snack': ['honey-chips', 'choco-pie-tin', 'ramen-bundle'],
};
const EVENTS: Record<string, string> = { 'ch-seongsu': 'seongsu-popup', 'ch-beauty': 'k-beauty-deal', 'ch-snack': 'snack-box-drop' };
/** Demo plays, different per replay, so the "most watched" chart has an order from the start. */
const PLAYS = [412, 87, 1_250, 33, 640, 205];

/**
 * The local stack's past shows: two replays per simulated channel, each with a few pins in its
 * window (one product, then two, then the next, then none), and some plays. Run on a first start
 * only, before the channels' current pins are set: the pin history is written in time order, so
 * every pin is taken off after it was made and the current set comes last.
 */
export async function seedDemoReplays(ledger: Ledger, replays: ReplayService, now: number): Promise<{ created: string[] }> {
  const created: string[] = [];
  if (!replays.media) return { created };
  const seededBefore = (await ledger.listEvents()).length > 0 || (await ledger.listReplays({ sort: 'newest', limit: 1 })).replays.length > 0;
  if (seededBefore) return { created };
  let playIndex = 0;
  for (const show of SHOWS) {
    for (const channelId of replays.media.channels) {
      const items = PRODUCTS[channelId];
      const eventId = EVENTS[channelId];
      if (!items || !eventId || !replays.channels.config(channelId)) continue;
      const startedAt = now - minutes(show.startedMinutesAgo);
      const endedAt = startedAt + minutes(show.lengthMinutes);
      const product = (index: number): FeaturedProduct => ({ eventId, itemId: items[index % items.length]! });
      // Pinned a little before the show (so on its timeline at 0), then changed during it, then cleared after it.
      const sets: [number, FeaturedProduct[]][] = [
        [startedAt - minutes(1), [product(0)]],
        [startedAt + minutes(8), [product(0), product(1)]],
        [startedAt + minutes(19), [product(2)]],
        [endedAt + minutes(1), []],
      ];
      for (const [at, products] of sets) await ledger.setFeatured(channelId, products, at);
      const { replay } = await createSimulatedReplay(replays, channelId, {
        startedAt: new Date(startedAt).toISOString(),
        endedAt: new Date(endedAt).toISOString(),
        title: `${show.title}: ${replays.channels.config(channelId)!.title}`,
      });
      await ledger.addReplayPlays(replay.id, PLAYS[playIndex++ % PLAYS.length]!);
      created.push(replay.id);
    }
  }
  return { created };
}
