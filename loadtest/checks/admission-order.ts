import type { AdmitAsk, VisitorRecord } from '../journey/index.js';

export interface Inversion {
  /** The visitor who asked in time and was turned away again... */
  earlierSeq: number;
  refusedAt: number;
  refusal: string;
  /** ...until this long after the start (null: never admitted). */
  earlierAdmittedAt: number | null;
  /** ...while this visitor, with a larger seq, got in. */
  laterSeq: number;
  laterAdmittedAt: number;
}

export interface AdmissionOrder {
  admitted: number;
  /** Visitors refused although their turn had come (at_capacity, or not_ready with servingSeq ≥ seq). */
  refusedInTime: number;
  /** Admitted visitors who got in ahead of at least one such visitor. */
  jumpers: number;
  largest: Inversion | undefined;
}

/** A refusal counts as "asked in time" when the answer itself says the visitor's turn had come. */
function inTimeRefusal(ask: AdmitAsk, seq: number): boolean {
  return ask.result === 'at_capacity' || (ask.result === 'not_ready' && ask.servingSeq !== undefined && ask.servingSeq >= seq);
}

interface Waiter {
  seq: number;
  /** In-time refusals before the admission (or all of them, never admitted), in order. */
  refusals: AdmitAsk[];
  admittedAnsweredAt: number | null;
}

/**
 * DESIGN.md §4.4: nobody is admitted before someone with a smaller seq who asked in time. A
 * visitor B turned away at capacity holds a claim on the next free session
 * (docs/decisions/0011-admission-order-at-capacity.md); a later visitor A who gets a session
 * while B's claim stands took nothing from B, and B gets in when they come back. What breaks the
 * order is A in while B, earlier and asking in time, is turned away again. Only orders the
 * client can prove are counted: B's first in-time ask was answered before A's admit was sent, and
 * B's next refusal was sent after A's admit came back. Overlapping requests, whose order on the
 * server nobody outside can know, are never called an inversion.
 */
export function findAdmissionInversions(visitors: readonly VisitorRecord[]): AdmissionOrder {
  const admitted: { seq: number; sentAt: number; answeredAt: number }[] = [];
  const waiters: Waiter[] = [];
  for (const visitor of visitors) {
    const seq = visitor.seq;
    if (seq === null) continue;
    const admit = visitor.asks.find((ask) => ask.result === 'admitted');
    if (admit) admitted.push({ seq, sentAt: admit.sentAt, answeredAt: admit.answeredAt });
    const refusals = visitor.asks.filter((ask) => inTimeRefusal(ask, seq) && (!admit || ask.answeredAt < admit.sentAt));
    if (refusals.length > 0) waiters.push({ seq, refusals, admittedAnsweredAt: admit?.answeredAt ?? null });
  }
  const jumpers = new Set<number>();
  let largest: Inversion | undefined;
  for (const early of waiters) {
    for (const late of admitted) {
      if (late.seq <= early.seq || early.refusals[0]!.answeredAt >= late.sentAt) continue;
      const again = early.refusals.find((ask) => ask.sentAt > late.answeredAt);
      if (!again) continue;
      jumpers.add(late.seq);
      if (!largest || late.seq - early.seq > largest.laterSeq - largest.earlierSeq) {
        largest = {
          earlierSeq: early.seq,
          refusedAt: again.answeredAt,
          refusal: again.result === 'not_ready' ? `not_ready with servingSeq ${again.servingSeq}` : again.result,
          earlierAdmittedAt: early.admittedAnsweredAt,
          laterSeq: late.seq,
          laterAdmittedAt: late.answeredAt,
        };
      }
    }
  }
  return { admitted: admitted.length, refusedInTime: waiters.length, jumpers: jumpers.size, largest };
}

const seconds = (ms: number) => `+${(ms / 1000).toFixed(2)} s`;

export function describeAdmissionOrder(order: AdmissionOrder): string {
  const head = `${order.admitted} admitted, ${order.refusedInTime} refused although their turn had come`;
  if (!order.largest) return `${head}; no inversion`;
  const { largest } = order;
  const until = largest.earlierAdmittedAt === null ? 'was never admitted' : `was admitted only at ${seconds(largest.earlierAdmittedAt)}`;
  return (
    `${head}; ${order.jumpers} visitors got in ahead of someone earlier. Largest inversion: ${largest.laterSeq - largest.earlierSeq} places — ` +
    `seq ${largest.laterSeq} admitted at ${seconds(largest.laterAdmittedAt)} while seq ${largest.earlierSeq}, answered ${largest.refusal} at ${seconds(largest.refusedAt)}, ${until}`
  );
}
