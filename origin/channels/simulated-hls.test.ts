import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../core/index.js';
import { createSimulatedHls, sampleMediaDir, type StreamPin } from './simulated-hls.js';

const T = Date.parse('2026-12-05T00:00:07.300Z');
const text = (body: string | Uint8Array) => (typeof body === 'string' ? body : new TextDecoder().decode(body));

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(isAppError(error), String(error)).toBe(true);
  return (error as { code: string }).code;
}

describe('the simulated HLS of each channel', () => {
  it('serves a master playlist per channel naming its renditions', async () => {
    const hls = createSimulatedHls({ mediaDir: sampleMediaDir });
    for (const channel of ['ch-seongsu', 'ch-beauty', 'ch-snack']) {
      const master = await hls.read(channel, 'master.m3u8', T);
      expect(master.contentType).toBe('application/vnd.apple.mpegurl');
      expect(text(master.body).match(/^\S+\.m3u8$/gm)).toEqual(['240p/index.m3u8', '360p/index.m3u8']);
    }
  });

  it("serves each channel's own segments byte for byte", async () => {
    const hls = createSimulatedHls({ mediaDir: sampleMediaDir });
    const beauty = await hls.read('ch-beauty', '360p/seg2.ts', T);
    expect(beauty.contentType).toBe('video/mp2t');
    expect(Buffer.from(beauty.body).equals(await readFile(join(sampleMediaDir, 'ch-beauty/360p/seg2.ts')))).toBe(true);
    expect(Buffer.from((await hls.read('ch-beauty', '360p/seg2.ts', T)).body).equals(Buffer.from(beauty.body))).toBe(true);
    const snack = await hls.read('ch-snack', '360p/seg2.ts', T);
    expect(Buffer.from(snack.body).equals(await readFile(join(sampleMediaDir, 'ch-snack/360p/seg2.ts')))).toBe(true);
    expect(Buffer.from(snack.body).equals(Buffer.from(beauty.body))).toBe(false);
  });

  it('asks for the pins of its channel from the start of the live window, and carries them', async () => {
    const asked: [string, number][] = [];
    const pinsOf = async (channelId: string, sinceMs: number): Promise<StreamPin[]> => {
      asked.push([channelId, sinceMs]);
      return channelId === 'ch-snack' ? [{ eventId: 'snack-box', itemId: 'chips', pinnedAt: new Date(T - 500).toISOString() }] : [];
    };
    const hls = createSimulatedHls({ mediaDir: sampleMediaDir, pinsOf, windowSize: 5 });
    const snack = text((await hls.read('ch-snack', '240p/index.m3u8', T)).body);
    const beauty = text((await hls.read('ch-beauty', '360p/index.m3u8', T)).body);
    const windowFrom = (Math.floor(T / 2_000) - 5) * 2_000;
    expect(asked).toEqual([['ch-snack', windowFrom], ['ch-beauty', windowFrom]]);
    expect(snack).toContain(`#EXT-X-MEDIA-SEQUENCE:${windowFrom / 2_000}\n`);
    expect(snack).toMatch(/^#EXT-X-DATERANGE:.*X-EVENT-ID="snack-box",X-ITEM-ID="chips"$/m);
    expect(beauty).not.toContain('#EXT-X-DATERANGE');
    expect(snack.match(/^#EXTINF/gm)).toHaveLength(5);
  });

  it('refuses an unknown channel, rendition or file with a 404 error', async () => {
    const hls = createSimulatedHls({ mediaDir: sampleMediaDir, pinsOf: () => Promise.reject(new Error('not asked for a refusal')) });
    expect(await refusal(hls.read('ch-sneakers', 'master.m3u8', T))).toBe('channel_not_found');
    expect(await refusal(hls.read('ch-sneakers', '240p/seg0.ts', T))).toBe('channel_not_found');
    for (const file of ['live.m3u8', 'index.m3u8', '720p/index.m3u8', '240p/seg4.ts', '240p/seg01.ts', '240p/master.m3u8', '../ch-snack/240p/seg0.ts', 'media.json', '240p', '']) {
      expect(await refusal(hls.read('ch-beauty', file, T)), file).toBe('not_found');
    }
  });
});
