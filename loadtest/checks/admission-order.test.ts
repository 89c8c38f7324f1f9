import { describe, expect, it } from 'vitest';
import type { AdmitAsk, VisitorRecord } from '../journey/index.js';
import { findAdmissionInversions } from './admission-order.js';

const ask = (sentAt: number, result: AdmitAsk['result'], answeredAt = sentAt + 50): AdmitAsk => ({ sentAt, answeredAt, result });
const visitor = (seq: number, asks: AdmitAsk[]) => ({ id: seq, seq, asks }) as unknown as VisitorRecord;

describe('findAdmissionInversions', () => {
  it('calls it an inversion when an earlier visitor is turned away again while a later one is in', () => {
    const order = findAdmissionInversions([
      visitor(5, [ask(1_000, 'at_capacity'), ask(4_000, 'at_capacity'), ask(7_000, 'admitted')]),
      visitor(9, [ask(2_000, 'admitted')]),
    ]);
    expect(order).toMatchObject({ admitted: 2, refusedInTime: 1, jumpers: 1, largest: { earlierSeq: 5, laterSeq: 9, refusedAt: 4_050, earlierAdmittedAt: 7_050 } });
  });

  it('does not when the earlier visitor gets in at their next ask: the later one took a session nobody was owed', () => {
    const order = findAdmissionInversions([
      visitor(5, [ask(1_000, 'at_capacity'), ask(4_000, 'admitted')]),
      visitor(9, [ask(2_000, 'admitted')]),
    ]);
    expect(order).toMatchObject({ admitted: 2, refusedInTime: 1, jumpers: 0, largest: undefined });
  });

  it('does not for overlapping requests, for a later visitor let in before the earlier one asked, or for a smaller seq', () => {
    const order = findAdmissionInversions([
      visitor(5, [ask(1_000, 'at_capacity', 1_300), ask(4_000, 'at_capacity'), ask(6_000, 'admitted')]),
      // Sent before the earlier visitor's refusal came back: its order on the server is unknown.
      visitor(9, [ask(1_200, 'admitted', 1_250)]),
      // Sent after, but its answer came back after the earlier visitor's next ask was sent.
      visitor(10, [ask(2_000, 'admitted', 4_100)]),
      visitor(3, [ask(2_000, 'admitted')]),
    ]);
    expect(order.jumpers).toBe(0);
  });
});
