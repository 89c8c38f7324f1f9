import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface HlsFile {
  body: string | Uint8Array;
  contentType: string;
}

export interface SimulatedHlsOptions {
  /** Folder with seg0.ts … seg(N-1).ts. */
  mediaDir: string;
  segmentCount: number;
  segmentSeconds: number;
  /** Segments in the live window (RFC 8216 §6.2.2 asks for at least three target durations). */
  windowSize?: number;
}

/**
 * Live HLS for the local stack's simulated channels: the sample segments looped on the clock.
 * Every channel shows the same loop; the media sequence advances one segment per segment
 * duration, so any origin instance computes the same playlist at the same time. A wrap-around is
 * marked with EXT-X-DISCONTINUITY because timestamps restart.
 */
export function createSimulatedHls(options: SimulatedHlsOptions) {
  const window = options.windowSize ?? 4;
  const segmentMs = options.segmentSeconds * 1000;

  function livePlaylist(now: number): string {
    const first = Math.floor(now / segmentMs) - window + 1;
    const lines = [
      '#EXTM3U',
      '#EXT-X-VERSION:3',
      `#EXT-X-TARGETDURATION:${Math.ceil(options.segmentSeconds)}`,
      `#EXT-X-MEDIA-SEQUENCE:${first}`,
      `#EXT-X-DISCONTINUITY-SEQUENCE:${Math.floor(first / options.segmentCount)}`,
    ];
    for (let sequence = first; sequence < first + window; sequence += 1) {
      const index = sequence % options.segmentCount;
      if (index === 0 && sequence !== first) lines.push('#EXT-X-DISCONTINUITY');
      lines.push(`#EXTINF:${options.segmentSeconds.toFixed(3)},`, `seg${index}.ts`);
    }
    return `${lines.join('\n')}\n`;
  }

  return {
    async read(file: string, now: number): Promise<HlsFile | undefined> {
      if (file === 'live.m3u8') return { body: livePlaylist(now), contentType: 'application/vnd.apple.mpegurl' };
      const match = /^seg(\d+)\.ts$/.exec(file);
      if (!match || Number(match[1]) >= options.segmentCount) return undefined;
      return { body: await readFile(join(options.mediaDir, file)), contentType: 'video/mp2t' };
    },
  };
}

export const sampleMediaDir = new URL('./sample-media/', import.meta.url).pathname;
