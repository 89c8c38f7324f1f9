import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadSampleMedia, sampleMediaDir } from './sample-media.js';

const FFPROBE = '/usr/bin/ffprobe';

/** Like the Chromium and Redis suites: a missing ffprobe fails under CI=true, elsewhere it skips and says why. */
function ffprobeAvailable(): boolean {
  try {
    accessSync(FFPROBE, constants.X_OK);
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`${FFPROBE} not found: CI must check the sample media (apt-get install ffmpeg)`);
    console.warn(`${FFPROBE} not found: skipping the sample media checks (install ffmpeg to run them)`);
    return false;
  }
}

const execFileAsync = promisify(execFile);
const FFMPEG = '/usr/bin/ffmpeg';

interface Probe {
  streams: { codec_type: string; codec_name: string; profile: string; level?: number; width?: number; height?: number }[];
  frames: { media_type: string; key_frame: number; pict_type: string }[];
  format: { format_name: string; duration: string };
}

/** The container and streams of one segment, and its first frames, as ffprobe reads them. */
async function probe(file: string): Promise<Probe> {
  const entries = 'stream=codec_type,codec_name,profile,level,width,height:format=format_name,duration:frame=media_type,key_frame,pict_type';
  const { stdout } = await execFileAsync(FFPROBE, ['-v', 'error', '-of', 'json', '-read_intervals', '%+#16', '-show_entries', entries, file]);
  return JSON.parse(stdout) as Probe;
}

/** The first frame of a segment shrunk to one pixel: its average colour, RGB. */
async function averageColour(file: string): Promise<number[]> {
  const { stdout } = await execFileAsync(FFMPEG, ['-v', 'error', '-i', file, '-frames:v', '1', '-vf', 'scale=1:1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer' });
  return [...stdout];
}

/** RFC 6381 `avc1.PPCCLL`: profile_idc 0x42 is Baseline (ffprobe names the constrained flag), LL the level × 10. */
function avcProfile(codecs: string) {
  const avc = /avc1\.([0-9A-F]{2})([0-9A-F]{2})([0-9A-F]{2})/i.exec(codecs)!;
  expect(avc[1]!.toUpperCase()).toBe('42');
  return { profile: 'Constrained Baseline', level: parseInt(avc[3]!, 16) };
}

describe.skipIf(!ffprobeAvailable())('the committed sample media', () => {
  const media = loadSampleMedia(sampleMediaDir);
  const files = media.channels.flatMap((channel) =>
    media.renditions.flatMap((rendition) => Array.from({ length: media.segmentCount }, (_, index) => ({ channel, rendition, path: join(sampleMediaDir, channel, rendition.name, `seg${index}.ts`) }))),
  );

  it('has three channels in two renditions, four segments each', () => {
    expect(media.channels).toEqual(['ch-seongsu', 'ch-beauty', 'ch-snack']);
    expect(media.renditions.map((rendition) => `${rendition.width}x${rendition.height}`)).toEqual(['426x240', '640x360']);
    expect(files).toHaveLength(24);
  });

  it.each(files.map((file) => [file.path.slice(sampleMediaDir.length), file] as const))('%s is MPEG-TS with H.264 and AAC at its declared size, opening on a keyframe', async (_, file) => {
    const { streams, frames, format } = await probe(file.path);
    expect(format.format_name).toBe('mpegts');
    expect(Number(format.duration)).toBeCloseTo(media.segmentSeconds, 0);
    const video = streams.filter((stream) => stream.codec_type === 'video');
    const audio = streams.filter((stream) => stream.codec_type === 'audio');
    expect(video.map(({ codec_name, profile, level, width, height }) => ({ codec_name, profile, level, width, height }))).toEqual([
      { codec_name: 'h264', ...avcProfile(file.rendition.codecs), width: file.rendition.width, height: file.rendition.height },
    ]);
    expect(file.rendition.codecs).toContain('mp4a.40.2');
    expect(audio.map(({ codec_name, profile }) => ({ codec_name, profile }))).toEqual([{ codec_name: 'aac', profile: 'LC' }]);
    expect(frames.find((frame) => frame.media_type === 'video')).toMatchObject({ key_frame: 1, pict_type: 'I' });
  });

  it('stays small, declares its real peak bit rate, and gives each channel its own picture', async () => {
    const sizes = await Promise.all(files.map(async (file) => (await stat(file.path)).size));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(64 * 1024);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeLessThanOrEqual(1.5 * 1024 * 1024);
    files.forEach((file, index) => expect(sizes[index]! * 8 / media.segmentSeconds).toBeLessThanOrEqual(file.rendition.bandwidth));
    const colours = await Promise.all(media.channels.map((channel) => averageColour(join(sampleMediaDir, channel, media.renditions[0]!.name, 'seg0.ts'))));
    for (const [index, colour] of colours.entries()) {
      for (const other of colours.slice(index + 1)) expect(Math.hypot(...colour.map((value, channel) => value - other[channel]!))).toBeGreaterThan(40);
    }
  });
});
