import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelConfig } from './channel-config.js';
import type { ChannelStream, Pin } from './channel-stream.js';

export interface ChannelStreamSubject {
  stream: ChannelStream;
  /** At least two configured channels, every one of them live. */
  channels: ChannelConfig[];
  /** Sets the concurrent viewers the platform counts for a channel. */
  setViewers(channelId: string, viewers: number): void;
  /** Releases what the subject holds besides the stream. */
  dispose?(): void;
}

const pin = (eventId: string, itemId: string, pinnedAt = '2026-12-05T01:00:00.000Z'): Pin => ({ eventId, itemId, pinnedAt });
const eventually = { timeout: 3000, interval: 20 };

/**
 * The behaviour every ChannelStream adapter must have, run by each adapter's test file against a
 * fresh subject per test.
 */
export function describeChannelStreamContract(name: string, makeSubject: () => Promise<ChannelStreamSubject>): void {
  describe(`ChannelStream contract: ${name}`, () => {
    let subject: ChannelStreamSubject;
    let stream: ChannelStream;
    let first: string;
    let second: string;

    beforeEach(async () => {
      subject = await makeSubject();
      stream = subject.stream;
      [first, second] = subject.channels.map((channel) => channel.id) as [string, string];
    });
    afterEach(() => {
      stream.close();
      subject.dispose?.();
    });

    it('knows only the configured channels', async () => {
      expect(await stream.status('no-such-channel')).toBeUndefined();
      expect(await stream.status('')).toBeUndefined();
      expect(await stream.status(first.toUpperCase())).toBeUndefined();
      for (const channel of subject.channels) expect(await stream.status(channel.id)).toBeDefined();
    });

    it('reports a live channel as live, each with a playback URL of its own', async () => {
      const statuses = await Promise.all(subject.channels.map((channel) => stream.status(channel.id)));
      for (const status of statuses) {
        expect(status?.status).toBe('live');
        expect(status?.playbackUrl).toMatch(/\.m3u8$/);
      }
      expect(new Set(statuses.map((status) => status?.playbackUrl)).size).toBe(subject.channels.length);
    });

    it('reports the viewers the platform counts, per channel', async () => {
      subject.setViewers(first, 42);
      subject.setViewers(second, 0);
      await vi.waitFor(async () => expect((await stream.status(first))?.viewers).toBe(42), eventually);
      expect((await stream.status(second))?.viewers).toBe(0);
      subject.setViewers(first, 1_284);
      await vi.waitFor(async () => expect((await stream.status(first))?.viewers).toBe(1_284), eventually);
    });

    it('answers many concurrent readers alike', async () => {
      subject.setViewers(first, 7);
      await vi.waitFor(async () => expect((await stream.status(first))?.viewers).toBe(7), eventually);
      const answers = await Promise.all(Array.from({ length: 500 }, () => stream.status(first)));
      expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
      expect(answers[0]).toMatchObject({ status: 'live', viewers: 7 });
    });

    it('announces pins without throwing: a set, an empty set, a burst, an unknown channel', async () => {
      await expect(stream.announce(first, [pin('evt-1', 'item-a'), pin('evt-2', 'item-b')])).resolves.toBeUndefined();
      await expect(stream.announce(first, [])).resolves.toBeUndefined();
      const burst = Array.from({ length: 50 }, (_, i) => stream.announce(second, [pin('evt-1', `item-${i}`)]));
      await expect(Promise.all(burst)).resolves.toHaveLength(50);
      await expect(stream.announce('no-such-channel', [pin('evt-1', 'item-a')])).resolves.toBeUndefined();
      expect((await stream.status(first))?.status).toBe('live');
      expect((await stream.status(second))?.status).toBe('live');
    });

    it('closes without throwing, twice', async () => {
      await stream.announce(first, [pin('evt-1', 'item-a')]);
      stream.close();
      expect(() => stream.close()).not.toThrow();
    });
  });
}
