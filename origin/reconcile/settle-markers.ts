import type { OriginDeps } from '../deps.js';
import type { ItemCounter } from '../ledger/ledger.js';
import { parseMarker } from '../ledger/place-marker.js';
import type { ReconcileReport } from './reconcile-report.js';

type Resolution = 'settle' | 'revert' | 'wait';

/**
 * Finishes or undoes every counter change a request left unsettled (place-marker.ts). Both ways
 * are conditional on the marker, so a request finishing its own work at the same time, or another
 * instance's reconciler, makes no difference: each marker changes the count at most once.
 */
export async function settleMarkers(deps: Pick<OriginDeps, 'ledger'>, eventId: string, counters: ItemCounter[], now: number, report: ReconcileReport): Promise<void> {
  const { ledger } = deps;

  async function resolve(text: string): Promise<Resolution> {
    const marker = parseMarker(text);
    if (!marker) return 'settle'; // not ours to interpret: keeping it would only block recounts
    let state = await ledger.bookingState(marker.bookingId);
    if (marker.kind === 'claim') {
      if (state.kind === 'absent') {
        if (marker.deadline > now) return 'wait';
        state = await ledger.abortBooking(marker.bookingId, new Date(now).toISOString());
      }
      // Written (even if cancelled since: the cancel returned the places itself) or never will be.
      return state.kind === 'booking' ? 'settle' : 'revert';
    }
    if (state.kind !== 'booking') return 'settle';
    if (state.booking.status === 'cancelled') return state.cancelMarker === text ? 'revert' : 'settle';
    return marker.deadline > now ? 'wait' : 'settle'; // a cancel that never flipped the booking
  }

  for (const counter of counters) {
    for (const text of counter.markers) {
      const resolution = await resolve(text);
      if (resolution === 'settle' && (await ledger.settleMarker(eventId, counter.itemId, text))) report.markersSettled += 1;
      if (resolution === 'revert' && (await ledger.revertMarker(eventId, counter.itemId, text, parseMarker(text)!.quantity))) report.markersReverted += 1;
    }
  }
}
