import { describe, expect, it } from 'vitest';
import { createEventSchema } from '../../../core/index.js';
import { defaultDropForm, dropFormInputs, emptyItemRow, localInputToIso, parseNumberInput, toCreateEventRequest, toKnobPatch, toLocalInput } from './drop-form.js';

const admission = { newUsersPerMinute: 600, maxActiveUsers: 1000, sessionSeconds: 600 };

describe('dates', () => {
  it('reads a datetime-local value in the browser zone and sends it as an ISO instant', () => {
    expect(localInputToIso('2026-12-05T10:00')).toBe(new Date(2026, 11, 5, 10, 0).toISOString());
    expect(localInputToIso('')).toBeUndefined();
  });

  it('sends a value that is no date as typed, for the server to name', () => {
    expect(localInputToIso('next friday')).toBe('next friday');
  });

  it('writes a moment as a datetime-local value and reads it back', () => {
    const at = new Date(2026, 0, 2, 3, 4);
    expect(toLocalInput(at)).toBe('2026-01-02T03:04');
    expect(localInputToIso(toLocalInput(at))).toBe(at.toISOString());
  });
});

describe('toCreateEventRequest', () => {
  const filled = () => {
    const form = defaultDropForm(new Date(2026, 11, 5, 10, 0));
    form.title = '  Seongsu popup ';
    form.endsAt = '2026-12-05T18:00';
    form.prequeueMinutes = '10';
    form.items = [{ ...emptyItemRow(), id: 'slot-10', label: '10:00', capacity: '50', perUserLimit: '2', priceKrw: '15000' }, { ...emptyItemRow(), id: 'slot-11', label: '11:00', capacity: '40' }];
    return form;
  };

  it('builds a body the API accepts, numbers parsed and dates in ISO', () => {
    const body = toCreateEventRequest(filled());
    const parsed = createEventSchema.parse(JSON.parse(JSON.stringify(body)));
    expect(parsed).toMatchObject({
      title: 'Seongsu popup',
      kind: 'booking',
      startsAt: new Date(2026, 11, 5, 10, 0).toISOString(),
      endsAt: new Date(2026, 11, 5, 18, 0).toISOString(),
      prequeueMinutes: 10,
      guestsAllowed: true,
      admission,
      items: [
        { id: 'slot-10', label: '10:00', capacity: 50, perUserLimit: 2, priceKrw: 15000 },
        { id: 'slot-11', label: '11:00', capacity: 40, perUserLimit: 1 },
      ],
    });
    expect(parsed).not.toHaveProperty('id');
    expect(parsed.items[1]).not.toHaveProperty('priceKrw');
  });

  it('leaves emptied inputs out and passes bad numbers through, so the API names those fields', () => {
    const form = filled();
    form.newUsersPerMinute = '0';
    form.sessionSeconds = '';
    const result = createEventSchema.safeParse(JSON.parse(JSON.stringify(toCreateEventRequest(form))));
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['admission.newUsersPerMinute', 'admission.sessionSeconds']));
    for (const path of paths) expect(dropFormInputs(form).has(path), path).toBe(true);
  });

  it('names an input for every field of an item row', () => {
    const form = filled();
    expect([...dropFormInputs(form)].filter((path) => path.startsWith('items.1.'))).toEqual(['items.1.id', 'items.1.label', 'items.1.capacity', 'items.1.perUserLimit', 'items.1.priceKrw']);
  });
});

describe('number inputs', () => {
  it('reads empty as not given and anything else as a number', () => {
    expect(parseNumberInput(' ')).toBeUndefined();
    expect(parseNumberInput('12')).toBe(12);
    expect(parseNumberInput('1.5')).toBe(1.5);
  });
});

describe('toKnobPatch', () => {
  it('sends only the knobs that changed', () => {
    expect(toKnobPatch({ newUsersPerMinute: '1200', maxActiveUsers: '1000', sessionSeconds: '600' }, admission)).toEqual({ newUsersPerMinute: 1200 });
  });

  it('has nothing to send when nothing changed', () => {
    expect(toKnobPatch({ newUsersPerMinute: '600', maxActiveUsers: ' 1000', sessionSeconds: '600' }, admission)).toBeUndefined();
  });

  it('sends an emptied knob as null, which the API refuses naming it', () => {
    expect(toKnobPatch({ newUsersPerMinute: '600', maxActiveUsers: '', sessionSeconds: '600' }, admission)).toEqual({ maxActiveUsers: null });
  });
});
