import { AppError, type FairnessView } from '../../core/index.js';
import { drawSeed, registrantListSha256 } from '../admission/fairness.js';
import type { OriginDeps } from '../deps.js';
import type { RegistrantListPage } from '../ledger/ledger.js';
import type { EventRecord } from './event-record.js';
import type { EventService } from './event-service.js';

export interface FairnessReport {
  view: FairnessView;
  /** Whether the answer can never change again (a recorded list), so caches may keep it for good. */
  final: boolean;
}

const noSuchPart = (detail: string) => new AppError('not_found', { detail });

/**
 * The evidence of an event's pre-queue draw (docs/fairness.md): the commitment before the start,
 * then the revealed secret, and once the registrant list is recorded the list a part at a time
 * with the draw seed it yields. Reads only.
 */
export function createFairnessReport({ ledger, clock }: Pick<OriginDeps, 'ledger' | 'clock'>, events: Pick<EventService, 'find' | 'live'>) {
  /** No list recorded: the draw is still due, or nobody was left to draw (an empty list). */
  async function unrecorded(record: EventRecord, part: number): Promise<RegistrantListPage | 'drawing'> {
    const { snapshot } = await events.live(record);
    if (!snapshot.drawn && snapshot.prequeued > 0) return 'drawing';
    return { count: 0, sha256: registrantListSha256([]), parts: 1, ids: part === 0 ? [] : null };
  }

  return async function report(eventId: string, part: number): Promise<FairnessReport> {
    const record = await events.find(eventId);
    const committed = { eventId: record.id, seedSha256: record.seedSha256 };
    if (clock.now() < Date.parse(record.startsAt)) {
      if (part > 0) throw noSuchPart('the registrant list is published once drawn');
      return { view: { ...committed, state: 'committed' }, final: false };
    }
    const revealed = { ...committed, seed: record.seed };
    const recorded = await ledger.getRegistrants(record.id, part);
    const page = recorded ?? (await unrecorded(record, part));
    if (page === 'drawing') {
      if (part > 0) throw noSuchPart('the registrant list is published once drawn');
      return { view: { ...revealed, state: 'drawing' }, final: false };
    }
    if (page.ids === null) throw noSuchPart(`the registrant list has ${page.parts} part(s), numbered from 0`);
    const { count, sha256, parts, ids } = page;
    const view: FairnessView = { ...revealed, state: 'drawn', registrants: { count, sha256, parts, part, ids }, drawSeed: drawSeed(record.seed, sha256) };
    return { view, final: recorded !== undefined };
  };
}
