import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.js';
import { inputId, mapProblemFields } from './problem-fields.js';

const refused = (fields: { path: string; message: string }[]) => new ApiError({ status: 400, code: 'validation_failed', title: 'Invalid request', fields });
const inputs = new Set(['title', 'admission.newUsersPerMinute', 'items', 'items.0.id', 'items.0.capacity', 'items.1.id']);

describe('mapProblemFields', () => {
  it('puts each message on the input of the same path', () => {
    const mapped = mapProblemFields(refused([{ path: 'admission.newUsersPerMinute', message: 'Too small: expected number to be >=1' }, { path: 'items.1.id', message: 'duplicate item id' }]), inputs);
    expect(mapped.byField).toEqual({ 'admission.newUsersPerMinute': 'Too small: expected number to be >=1', 'items.1.id': 'duplicate item id' });
    expect(mapped.general).toEqual([]);
  });

  it('joins two messages for one input', () => {
    expect(mapProblemFields(refused([{ path: 'title', message: 'a' }, { path: 'title', message: 'b' }]), inputs).byField).toEqual({ title: 'a; b' });
  });

  it('gives a path without an input to its nearest named parent', () => {
    expect(mapProblemFields(refused([{ path: 'items.3.label', message: 'Required' }]), inputs).byField).toEqual({ items: 'Required' });
  });

  it('keeps what matches no input as a general message, naming the path', () => {
    const mapped = mapProblemFields(refused([{ path: '(body)', message: 'nothing to change' }, { path: 'venue', message: 'Too long' }]), inputs);
    expect(mapped.byField).toEqual({});
    expect(mapped.general).toEqual(['nothing to change', 'venue: Too long']);
  });

  it('marks nothing for other refusals or none', () => {
    expect(mapProblemFields(new ApiError({ status: 409, code: 'event_exists', title: 'x' }), inputs)).toEqual({ byField: {}, general: [] });
    expect(mapProblemFields(undefined, inputs)).toEqual({ byField: {}, general: [] });
  });
});

describe('inputId', () => {
  it('turns a path into an id without dots', () => {
    expect(inputId('drop', 'items.0.capacity')).toBe('drop-items-0-capacity');
  });
});
