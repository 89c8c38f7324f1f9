import { drawOrder, drawSeed, registrantId, registrantListSha256 } from '../admission/fairness.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EventRecord } from './event-record.js';

/**
 * The order of the pre-queue draw (docs/fairness.md), from the registrants a store holds: their
 * hashed list is kept in the ledger first, so what is published is what was drawn, and the order
 * follows from the recorded list (the first one kept, should two drawers race). Registrants the
 * recorded list lacks are left out of the order; they keep the next first-come place.
 */
export async function orderRegistrants(ledger: Pick<Ledger, 'recordRegistrants'>, record: EventRecord, userIds: readonly string[]): Promise<string[]> {
  const byRegistrant = new Map(userIds.map((userId) => [registrantId(record.id, userId), userId]));
  const ids = [...byRegistrant.keys()].sort();
  const recorded = await ledger.recordRegistrants(record.id, { ids, sha256: registrantListSha256(ids) });
  if (registrantListSha256(recorded.ids) !== recorded.sha256) throw new Error(`registrant list of event ${record.id} does not match its SHA-256`);
  return drawOrder(drawSeed(record.seed, recorded.sha256), recorded.ids).flatMap((id) => byRegistrant.get(id) ?? []);
}
