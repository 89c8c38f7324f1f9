import type { Ledger } from '../ledger/ledger.js';
import type { PinsOf, StreamPin } from './simulated-hls.js';

const pinKey = (pin: StreamPin) => `${pin.pinnedAt}#${pin.eventId}#${pin.itemId}`;

/**
 * The simulated playlists' pins from the ledger: the history since the window opened (with
 * `unpinnedAt` for those taken off) and the featured set, however long ago it was made, so the
 * current products are in every window.
 */
export function ledgerPinsOf(ledger: Pick<Ledger, 'featured' | 'pinHistory'>): PinsOf {
  return async (channelId, sinceMs) => {
    const [history, featured] = await Promise.all([ledger.pinHistory(channelId, sinceMs), ledger.featured(channelId)]);
    const pins = new Map<string, StreamPin>(featured.map((pin) => [pinKey(pin), pin]));
    for (const pin of history) pins.set(pinKey(pin), pin);
    return [...pins.values()];
  };
}
