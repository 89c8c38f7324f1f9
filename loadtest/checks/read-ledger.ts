import type { OperatorApi } from '../operator/operator-api.js';
import type { LedgerRead } from './ledger-checks.js';

/** Every booking of the event through the operator API, or why there is none to check against. */
export async function readLedger(operator: OperatorApi, eventId: string): Promise<LedgerRead> {
  try {
    const bookings = await operator.listBookings(eventId);
    return bookings === 'missing' ? { kind: 'missing' } : { kind: 'ok', bookings };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
