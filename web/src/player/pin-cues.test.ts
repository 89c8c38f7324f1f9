import { describe, expect, it } from 'vitest';
import { parsePinFrame, pinnedAtOfCue, pinsFromCues } from './pin-cues.js';

describe('pins from the stream', () => {
  it('joins the attributes of each DATERANGE into one pin, in pin order', () => {
    const cues = [
      { id: 'pin-b', startTime: 20, value: { key: 'X-EVENT-ID', data: 'deal' } },
      { id: 'pin-b', startTime: 20, value: { key: 'X-ITEM-ID', data: 'cushion' } },
      { id: 'pin-a', startTime: 10, value: { key: 'X-ITEM-ID', data: 'serum' } },
      { id: 'pin-a', startTime: 10, value: { key: 'X-EVENT-ID', data: 'deal' } },
      { id: 'other', startTime: 5, value: { key: 'X-COM-OTHER', data: 'x' } },
    ];
    expect(pinsFromCues(cues)).toEqual([
      { eventId: 'deal', itemId: 'serum' },
      { eventId: 'deal', itemId: 'cushion' },
    ]);
  });

  it('says nothing when the stream carries no pin, and an empty set when a range lacks its item', () => {
    expect(pinsFromCues([])).toBeUndefined();
    expect(pinsFromCues([{ id: 'x', startTime: 1, value: { key: 'TXXX', data: 'hello' } }])).toBeUndefined();
    expect(pinsFromCues([{ id: 'p', startTime: 1, value: { key: 'X-EVENT-ID', data: 'deal' } }])).toEqual([]);
  });

  it('reads when a DATERANGE pin was pinned from its id', () => {
    expect(pinnedAtOfCue('pin:1765000000123:deal:serum')).toBe(1765000000123);
    expect(pinnedAtOfCue('other')).toBeUndefined();
  });

  it('takes the latest IVS timed-metadata frame', () => {
    const cues = [
      { id: '1', startTime: 3, value: { key: 'TXXX', data: '{"t":"pins","p":[["deal","serum"]]}' } },
      { id: '2', startTime: 9, value: { key: 'TXXX', data: '{"t":"pins","p":[["deal","cushion"],["drop","slot-10"]]}' } },
    ];
    expect(pinsFromCues(cues)).toEqual([
      { eventId: 'deal', itemId: 'cushion' },
      { eventId: 'drop', itemId: 'slot-10' },
    ]);
    expect(parsePinFrame('{"t":"pins","p":[]}')).toEqual([]);
    expect(parsePinFrame('{"t":"chat"}')).toBeUndefined();
    expect(parsePinFrame('not json')).toBeUndefined();
    expect(parsePinFrame('{"t":"pins","p":[[1,2],["a","b"]]}')).toEqual([{ eventId: 'a', itemId: 'b' }]);
  });
});
