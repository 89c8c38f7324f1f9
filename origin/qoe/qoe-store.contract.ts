import { beforeEach, describe, expect, it } from 'vitest';
import type { QoeBeacon } from '../../core/index.js';
import { MAX_ERROR_CODES, OTHER_ERROR_CODE, type QoeStore } from './qoe-store.js';

/** 00:00:10 into a minute, so a test can move a few seconds without changing minute. */
const T0 = Date.parse('2026-12-05T00:00:10Z');
const MINUTE = 60_000;
const channel = { kind: 'channel', id: 'ch-a' } as const;

const session = (n: number) => `session-${String(n).padStart(10, '0')}`;
const beacon = (overrides: Partial<QoeBeacon> = {}): QoeBeacon => ({
  channelId: 'ch-a',
  sessionId: session(1),
  playedMs: 15_000,
  rebufferMs: 0,
  bitrateSwitches: 0,
  ...overrides,
});

/** The one suite every QoeStore adapter passes. `make` gives a fresh, empty store. */
export function describeQoeStoreContract(name: string, make: () => Promise<QoeStore>) {
  describe(`QoeStore contract: ${name}`, () => {
    let store: QoeStore;
    beforeEach(async () => {
      store = await make();
    });

    it('answers an unseen target with zeros and nulls over 10 minutes, oldest first', async () => {
      const summary = await store.summary(channel, T0);
      expect(summary).toMatchObject({
        sessions: 0,
        startupMs: { p50: null, p90: null, samples: 0 },
        rebufferRatio: null,
        playedSeconds: 0,
        bitrateSwitches: 0,
        errors: { total: 0, fatal: 0, top: [] },
      });
      expect(summary.minutes.map((minute) => minute.at)).toEqual(
        Array.from({ length: 10 }, (_, index) => new Date(Date.parse('2026-12-04T23:51:00Z') + index * MINUTE).toISOString()),
      );
      expect(summary.minutes.every((minute) => minute.sessions === 0 && minute.startupP50 === null && minute.rebufferRatio === null)).toBe(true);
    });

    it('sums played, stalled, switches and errors of a batch, and counts sessions once', async () => {
      await store.record(
        [
          beacon({ sessionId: session(1), startupMs: 800, playedMs: 14_000, rebufferMs: 1_000, bitrateSwitches: 2, bitrateKbps: 1_200 }),
          beacon({ sessionId: session(2), startupMs: 1_500, playedMs: 15_000, rebufferMs: 0, bitrateSwitches: 1, errors: [{ code: 'bufferStalledError', fatal: false }] }),
          beacon({ sessionId: session(1), playedMs: 10_000, rebufferMs: 5_000, bitrateSwitches: 0, errors: [{ code: 'bufferStalledError', fatal: false }, { code: 'fragLoadError', fatal: true }] }),
        ],
        T0,
      );
      await store.record([beacon({ sessionId: session(3), playedMs: 15_000, errors: [{ code: 'manifestLoadError', fatal: true }] })], T0 + 20_000);
      const summary = await store.summary(channel, T0 + 30_000);
      expect(summary).toMatchObject({
        sessions: 3,
        startupMs: { samples: 2 },
        rebufferRatio: 0.1, // 6,000 / (54,000 + 6,000)
        playedSeconds: 54,
        bitrateSwitches: 3,
        errors: { total: 4, fatal: 2, top: [{ code: 'bufferStalledError', count: 2 }, { code: 'fragLoadError', count: 1 }, { code: 'manifestLoadError', count: 1 }] },
      });
      expect(summary.minutes.at(-1)).toEqual({ at: '2026-12-05T00:00:00.000Z', sessions: 3, startupP50: summary.startupMs.p50, rebufferRatio: 0.1 });
      expect(summary.minutes.slice(0, 9).every((minute) => minute.sessions === 0)).toBe(true);
    });

    it('reads startup p50 and p90 from the buckets within 10 %', async () => {
      // 300 sessions: 200 fast starts 400..1,390 ms, 100 slow ones 3,000..7,950 ms.
      const startups = Array.from({ length: 300 }, (_, index) => (index < 200 ? 400 + (index % 100) * 10 : 3_000 + (index - 200) * 50));
      for (let from = 0; from < startups.length; from += 20) {
        const batch = startups.slice(from, from + 20).map((startupMs, offset) => beacon({ sessionId: session(from + offset), startupMs }));
        await store.record(batch, T0);
      }
      const sorted = [...startups].sort((a, b) => a - b);
      const exact = (p: number) => sorted[Math.ceil(p * sorted.length) - 1]!;
      const { startupMs, sessions } = await store.summary(channel, T0);
      expect(startupMs.samples).toBe(300);
      expect(Math.abs(startupMs.p50! - exact(0.5)) / exact(0.5)).toBeLessThanOrEqual(0.1);
      expect(Math.abs(startupMs.p90! - exact(0.9)) / exact(0.9)).toBeLessThanOrEqual(0.1);
      expect(startupMs.p90! > 2 * startupMs.p50!).toBe(true);
      expect(Math.abs(sessions - 300)).toBeLessThanOrEqual(6);
    });

    it('keeps each minute apart and forgets a minute once it leaves the 10-minute window', async () => {
      await store.record([beacon({ sessionId: session(1), startupMs: 1_000, playedMs: 20_000 })], T0);
      await store.record([beacon({ sessionId: session(2), startupMs: 4_000, playedMs: 9_000, rebufferMs: 1_000 })], T0 + 5 * MINUTE);
      const both = await store.summary(channel, T0 + 9 * MINUTE);
      expect([both.sessions, both.playedSeconds, both.startupMs.samples]).toEqual([2, 29, 2]);
      expect(both.minutes[0]).toMatchObject({ at: '2026-12-05T00:00:00.000Z', sessions: 1, rebufferRatio: 0 });
      expect(both.minutes[5]).toMatchObject({ at: '2026-12-05T00:05:00.000Z', sessions: 1, rebufferRatio: 0.1 });
      expect(Math.abs(both.minutes[5]!.startupP50! - 4_000)).toBeLessThanOrEqual(400);
      const later = await store.summary(channel, T0 + 10 * MINUTE);
      expect([later.sessions, later.playedSeconds, later.startupMs.samples]).toEqual([1, 9, 1]);
      expect(later.minutes[4]).toMatchObject({ at: '2026-12-05T00:05:00.000Z', sessions: 1 });
      expect((await store.summary(channel, T0 + 15 * MINUTE)).sessions).toBe(0);
    });

    it('keeps channels and replays apart, even with the same id', async () => {
      await store.record([beacon({ channelId: 'ch-a', playedMs: 1_000 }), beacon({ channelId: undefined, replayId: 'ch-a', playedMs: 2_000 }), beacon({ channelId: 'ch-b', playedMs: 4_000 })], T0);
      expect((await store.summary(channel, T0)).playedSeconds).toBe(1);
      expect((await store.summary({ kind: 'replay', id: 'ch-a' }, T0)).playedSeconds).toBe(2);
      expect((await store.summary({ kind: 'channel', id: 'ch-b' }, T0)).playedSeconds).toBe(4);
    });

    it(`keeps ${MAX_ERROR_CODES} distinct error codes a minute and counts the rest as ${OTHER_ERROR_CODE}`, async () => {
      const codes = Array.from({ length: MAX_ERROR_CODES + 10 }, (_, index) => `code-${index}`);
      for (let from = 0; from < codes.length; from += 10) {
        await store.record([beacon({ errors: codes.slice(from, from + 10).map((code) => ({ code, fatal: false })) })], T0);
      }
      await store.record([beacon({ errors: [{ code: 'code-0', fatal: true }, { code: 'code-0', fatal: true }, { code: 'code-1', fatal: false }] })], T0);
      const { errors } = await store.summary(channel, T0);
      expect(errors).toEqual({
        total: MAX_ERROR_CODES + 13,
        fatal: 2,
        top: [{ code: OTHER_ERROR_CODE, count: 10 }, { code: 'code-0', count: 3 }, { code: 'code-1', count: 2 }, { code: 'code-10', count: 1 }, { code: 'code-11', count: 1 }],
      });
    });

    it('sums 50 batches sent at once exactly', async () => {
      await Promise.all(
        Array.from({ length: 50 }, (_, index) =>
          store.record([beacon({ sessionId: session(index), playedMs: 1_000 + index, rebufferMs: 10, bitrateSwitches: 1, errors: [{ code: 'x', fatal: index % 2 === 0 }] })], T0),
        ),
      );
      const summary = await store.summary(channel, T0);
      expect([summary.playedSeconds, summary.bitrateSwitches, summary.errors.total, summary.errors.fatal]).toEqual([(50 * 1_000 + 1_225) / 1000, 50, 50, 25]);
      expect(Math.abs(summary.sessions - 50)).toBeLessThanOrEqual(1);
    });
  });
}
