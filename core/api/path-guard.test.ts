import { describe, expect, it } from 'vitest';
import { isWellFormedPath, malformedPathCode } from './path-guard.js';

describe('isWellFormedPath', () => {
  it.each([
    '/api/events/drop-1',
    '/api/queue/seongsu_popup/status',
    '/api/openapi.json',
    '/hls/ch-1/720p/seg-000123.ts',
    '/api/catalog/',
  ])('takes %s', (path) => expect(isWellFormedPath(path)).toBe(true));

  it.each([
    ['an id of 65 characters', `/api/events/${'a'.repeat(65)}`],
    ['an id of 2,100 characters', `/api/queue/${'x'.repeat(2_100)}/state`],
    ['an empty segment', '/api//events'],
    ['a dot segment', '/api/events/../admin'],
    ['percent-encoding', '/api/events/%00'],
    ['a space', '/api/events/a b'],
    ['Hangul', '/api/events/반짝'],
    ['a leading dash', '/api/events/-x'],
  ])('refuses %s', (_what, path) => expect(isWellFormedPath(path)).toBe(false));
});

describe('malformedPathCode', () => {
  it.each([
    ['/api/events/drop-1', undefined],
    [`/api/events/${'a'.repeat(65)}`, 'event_not_found'],
    [`/api/queue/${'a'.repeat(65)}/state`, 'event_not_found'],
    ['/api/bookings/%00bad', 'booking_not_found'],
    ['/api/channels/a b', 'channel_not_found'],
    [`/api/admin/events/${'a'.repeat(65)}/stats`, 'event_not_found'],
    ['/api/%00/events', 'not_found'],
    [`/hls/${'a'.repeat(65)}/live.m3u8`, 'not_found'],
  ])('%s answers %s', (path, code) => expect(malformedPathCode(path)).toBe(code));
});
