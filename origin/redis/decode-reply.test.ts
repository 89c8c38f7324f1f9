import { describe, expect, it } from 'vitest';
import { queueReplySchema } from '../admission/queue-reply.js';
import { availabilityReplySchema, reservationsReplySchema } from '../inventory/gate-reply.js';
import { decodeJsonReply, decodeReply } from './decode-reply.js';

const reply = [
  'exists', 1, 'tailSeq', 9, 'servingSeq', 4, 'reservedSeq', -1, 'paused', 0, 'closed', 0, 'soldout', 1, 'drawn', 1,
  'prequeued', 0, 'active', 2, 'admitted', 3, 'newUsersPerMinute', 600, 'maxActiveUsers', 10, 'sessionSeconds', 60,
  'queueAll', 1, 'startsAt', 1_700_000_000_000,
];

describe('decodeReply', () => {
  it('decodes a flat map by name, in any order', () => {
    const swapped = [...reply.slice(2, 4), ...reply.slice(0, 2), ...reply.slice(4)];
    expect(decodeReply('advance', swapped, queueReplySchema)).toMatchObject({ tailSeq: 9, servingSeq: 4, soldout: true, queueAll: true });
  });

  it('refuses a reply with a field missing, unknown or of the wrong kind, naming the script', () => {
    expect(() => decodeReply('advance', reply.slice(0, -2), queueReplySchema)).toThrow(/advance\.lua .*startsAt/);
    expect(() => decodeReply('advance', [...reply, 'extra', 1], queueReplySchema)).toThrow(/advance\.lua .*extra/);
    expect(() => decodeReply('advance', reply.map((value) => (value === 'paused' ? 'paused' : value === 0 ? 'no' : value)), queueReplySchema)).toThrow(/advance\.lua/);
    expect(() => decodeReply('advance', [...reply, 'odd'], queueReplySchema)).toThrow(/not a flat map/);
  });
});

describe('decodeJsonReply', () => {
  const page = { cursor: '0', reservations: [{ bookingId: 'b1', value: 'slot|1|k|f|u', until: 5 }] };

  it('decodes a JSON reply by name, an empty list left out by cjson included', () => {
    expect(decodeJsonReply('reservations', JSON.stringify(page), reservationsReplySchema)).toEqual(page);
    expect(decodeJsonReply('reservations', '{"cursor":"17"}', reservationsReplySchema)).toEqual({ cursor: '17', reservations: [] });
  });

  it('refuses a field missing, unknown or of the wrong kind, and a reply that is not JSON', () => {
    expect(() => decodeJsonReply('reservations', '{"reservations":[]}', reservationsReplySchema)).toThrow(/reservations\.lua .*cursor/);
    expect(() => decodeJsonReply('reservations', JSON.stringify({ ...page, extra: 1 }), reservationsReplySchema)).toThrow(/reservations\.lua .*extra/);
    expect(() => decodeJsonReply('availability', '{"items":[{"id":"a","capacity":"9","booked":0,"provisional":0}]}', availabilityReplySchema)).toThrow(/availability\.lua .*capacity/);
    expect(() => decodeJsonReply('availability', 'items', availabilityReplySchema)).toThrow(/not a JSON document/);
  });
});
