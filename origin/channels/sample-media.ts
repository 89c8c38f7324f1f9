import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { idSchema } from '../../core/index.js';

/** The committed sample media of the simulated channels (made by tools/make-sample-media.sh). */
export const sampleMediaDir = new URL('./sample-media/', import.meta.url).pathname;

const renditionSchema = z.strictObject({
  name: idSchema,
  width: z.int().positive(),
  height: z.int().positive(),
  /** Peak segment bit rate, bits/s (RFC 8216 §4.3.4.2 BANDWIDTH). */
  bandwidth: z.int().positive(),
  averageBandwidth: z.int().positive(),
  /** RFC 6381 codec strings, comma separated. */
  codecs: z.string().regex(/^[\w.]+(,[\w.]+)*$/),
});

const sampleMediaSchema = z.strictObject({
  segmentSeconds: z.number().positive(),
  segmentCount: z.int().positive(),
  frameRate: z.number().positive(),
  channels: z.array(idSchema).min(1),
  renditions: z.array(renditionSchema).min(1),
});

/** media.json: every channel has every rendition, each cut into `segmentCount` segments `seg<N>.ts`. */
export type SampleMedia = z.infer<typeof sampleMediaSchema>;
export type Rendition = z.infer<typeof renditionSchema>;

/** Reads and checks `<dir>/media.json` (at start-up: a missing or malformed file fails at once). */
export function loadSampleMedia(dir: string): SampleMedia {
  return sampleMediaSchema.parse(JSON.parse(readFileSync(join(dir, 'media.json'), 'utf8')));
}

/** Every segment media.json names, by `<channel>/<rendition>/seg<N>.ts`: about a megabyte, read once at start-up. */
export function loadSegments(dir: string, media: SampleMedia): Map<string, Uint8Array<ArrayBuffer>> {
  const segments = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const channel of media.channels) {
    for (const rendition of media.renditions) {
      for (let index = 0; index < media.segmentCount; index += 1) {
        const path = `${channel}/${rendition.name}/seg${index}.ts`;
        segments.set(path, new Uint8Array(readFileSync(join(dir, path))));
      }
    }
  }
  return segments;
}
