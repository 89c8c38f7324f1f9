import { M3U8Parser, PlaylistLevelType } from 'hls.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { masterPlaylist, mediaPlaylist, PIN_DATERANGE_CLASS, type StreamPin } from './hls-playlists.js';
import { loadSampleMedia, sampleMediaDir, type SampleMedia } from './sample-media.js';

// Playlists are parsed with hls.js's own parser (the player the web app uses), and the DATERANGE
// lines are also held to the attribute-list grammar of RFC 8216 §4.2, which hls.js reads leniently.

const BASE = 'http://stack.test/hls/ch-beauty/';
const WINDOW = 4;
/** 00:00:09.3 on a day: segments 0–3 of the loop (00:00–00:08) are complete, segment 4 is being made. */
const T = Date.parse('2026-12-05T00:00:09.300Z');
const iso = (ms: number) => new Date(ms).toISOString();

let media: SampleMedia;
beforeAll(() => {
  media = loadSampleMedia(sampleMediaDir);
});

const parse = (text: string) => M3U8Parser.parseLevelPlaylist(text, `${BASE}240p/index.m3u8`, 0, PlaylistLevelType.MAIN, 0, null);
const live = (now: number, pins: StreamPin[] = []) => mediaPlaylist(media, WINDOW, now, pins);

/** `NAME=value` pairs per RFC 8216 §4.2: names [A-Z0-9-], values quoted strings, numbers or enumerated strings. */
function attributeList(line: string): Record<string, string> {
  const list = line.slice(line.indexOf(':') + 1);
  const attribute = /([A-Z0-9-]+)=("[^"\r\n]*"|-?\d+(?:\.\d+)?|[^",\s]+)/y;
  const found: Record<string, string> = {};
  let at = 0;
  while (at < list.length) {
    attribute.lastIndex = at;
    const match = attribute.exec(list);
    if (!match) throw new Error(`not an attribute list at ${at}: ${list}`);
    found[match[1]!] = match[2]!;
    at = attribute.lastIndex;
    if (at < list.length && list[at++] !== ',') throw new Error(`expected "," at ${at - 1}: ${list}`);
  }
  return found;
}

describe('the master playlist', () => {
  it('lists both renditions with bandwidth, resolution and codecs, lowest first', () => {
    const { levels } = M3U8Parser.parseMasterPlaylist(masterPlaylist(media), `${BASE}master.m3u8`);
    expect(levels.map((level) => [level.url, level.width, level.height, level.attrs.CODECS])).toEqual([
      [`${BASE}240p/index.m3u8`, 426, 240, 'avc1.42C01E,mp4a.40.2'],
      [`${BASE}360p/index.m3u8`, 640, 360, 'avc1.42C01E,mp4a.40.2'],
    ]);
    expect(levels[0]!.bitrate).toBeGreaterThan(100_000);
    expect(levels[1]!.bitrate).toBeGreaterThan(levels[0]!.bitrate);
    expect(levels.map((level) => level.attrs['AVERAGE-BANDWIDTH'])).toEqual(media.renditions.map((rendition) => String(rendition.averageBandwidth)));
  });
});

describe('a live media playlist', () => {
  it('slides its window one segment per segment duration of wall time', () => {
    const now = parse(live(T));
    expect(now.live).toBe(true);
    expect(now.targetduration).toBe(2);
    expect(now.startSN).toBe(Math.floor(T / 2_000) - WINDOW);
    expect(now.fragments.map((fragment) => fragment.relurl)).toEqual(['seg0.ts', 'seg1.ts', 'seg2.ts', 'seg3.ts']);

    expect(parse(live(T + 699)).startSN).toBe(now.startSN);
    const next = parse(live(T + 2_000));
    expect(next.startSN).toBe(now.startSN + 1);
    expect(next.fragments.slice(0, 3).map((fragment) => [fragment.sn, fragment.programDateTime])).toEqual(
      now.fragments.slice(1).map((fragment) => [fragment.sn, fragment.programDateTime]),
    );
  });

  it('dates every segment with its wall-clock start, listing the last complete one', () => {
    const text = live(T + 40_000);
    expect(text.match(/^#EXT-X-PROGRAM-DATE-TIME:/gm)).toHaveLength(WINDOW);
    expect(text.match(/^#EXTINF:/gm)).toHaveLength(WINDOW);
    // Each segment line comes right after its own PDT and EXTINF.
    const body = text.slice(text.indexOf('#EXT-X-PROGRAM-DATE-TIME'));
    expect(body).toMatch(/^(?:(?:#EXT-X-DISCONTINUITY\n)?#EXT-X-PROGRAM-DATE-TIME:\S+\n#EXTINF:2\.000,\nseg\d\.ts\n)+$/);
    const { fragments } = parse(text);
    for (const fragment of fragments) expect(fragment.programDateTime).toBe(fragment.sn * 2_000);
    const last = fragments.at(-1)!;
    expect(last.programDateTime! + 2_000).toBeLessThanOrEqual(T + 40_000);
    expect(last.programDateTime! + 4_000).toBeGreaterThan(T + 40_000);
  });

  it('marks the loop back to seg0 as a discontinuity and counts it in the next windows', () => {
    const wrapping = live(T + 4_000); // segments 2, 3, 0, 1 of the loop
    expect(wrapping).toMatch(/seg3\.ts\n#EXT-X-DISCONTINUITY\n#EXT-X-PROGRAM-DATE-TIME:[^\n]+\n#EXTINF:2\.000,\nseg0\.ts/);
    const details = parse(wrapping);
    expect(details.fragments.map((fragment) => fragment.cc - details.fragments[0]!.cc)).toEqual([0, 0, 1, 1]);
    const after = parse(live(T + 8_000)); // 0, 1, 2, 3 again: the discontinuity is behind the window
    expect(live(T + 8_000)).not.toContain('#EXT-X-DISCONTINUITY\n');
    expect(after.fragments[0]!.cc).toBe(details.fragments[2]!.cc);
  });
});

describe('pins in the stream', () => {
  const windowFrom = (Math.floor(T / 2_000) - WINDOW) * 2_000;
  const pins: StreamPin[] = [
    { eventId: 'k-beauty-deal', itemId: 'cushion-set', pinnedAt: iso(T - 3_600_000) },
    { eventId: 'k-beauty-deal', itemId: 'serum-duo', pinnedAt: iso(windowFrom + 5_000) },
    { eventId: 'k-beauty-deal', itemId: 'lip-trio', pinnedAt: iso(T - 20_000), unpinnedAt: iso(T - 3_000) },
    { eventId: 'k-beauty-deal', itemId: 'gone-before', pinnedAt: iso(T - 60_000), unpinnedAt: iso(windowFrom - 1) },
    { eventId: 'k-beauty-deal', itemId: 'just-now', pinnedAt: iso(T) },
  ];

  it('carries every pin seen in the window as a well-formed EXT-X-DATERANGE', () => {
    const text = live(T, pins);
    const lines = text.split('\n').filter((line) => line.startsWith('#EXT-X-DATERANGE:'));
    expect(lines).toHaveLength(4);
    const tags = lines.map(attributeList);
    expect(tags.map((tag) => tag['X-ITEM-ID'])).toEqual(['"cushion-set"', '"lip-trio"', '"serum-duo"', '"just-now"']);
    for (const tag of tags) {
      expect(tag.ID).toMatch(/^"pin:\d+:k-beauty-deal:[\w-]+"$/);
      expect(tag.CLASS).toBe(`"${PIN_DATERANGE_CLASS}"`);
      expect(tag['START-DATE']).toMatch(/^"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"$/);
      expect(tag['X-EVENT-ID']).toBe('"k-beauty-deal"');
    }
    expect(tags.map((tag) => tag['END-DATE'])).toEqual([undefined, `"${iso(T - 3_000)}"`, undefined, undefined]);

    const { dateRanges } = parse(text);
    const ranges = Object.values(dateRanges).map((range) => range!);
    expect(ranges.every((range) => range.isValid && range.class === PIN_DATERANGE_CLASS)).toBe(true);
    expect(ranges.map((range) => [range.attr['X-ITEM-ID'], range.startDate.getTime(), range.endDate?.getTime() ?? null])).toEqual([
      ['cushion-set', T - 3_600_000, null],
      ['lip-trio', T - 20_000, T - 3_000],
      ['serum-duo', windowFrom + 5_000, null],
      ['just-now', T, null],
    ]);
  });

  it('puts a pin before the segment it starts in, one made before the window at its start, one made since at its end', () => {
    const text = live(T, pins);
    const dateOfNextSegment = (itemId: string) => {
      const after = text.slice(text.indexOf(`X-ITEM-ID="${itemId}"`));
      return Date.parse(/#EXT-X-PROGRAM-DATE-TIME:(\S+)/.exec(after)![1]!);
    };
    expect(dateOfNextSegment('serum-duo')).toBe(windowFrom + 4_000);
    expect(dateOfNextSegment('cushion-set')).toBe(windowFrom);
    expect(dateOfNextSegment('lip-trio')).toBe(windowFrom);
    expect(dateOfNextSegment('just-now')).toBe(windowFrom + (WINDOW - 1) * 2_000);
  });

  it('keeps a pin under one ID and START-DATE while the window moves, and drops it once taken off before the window', () => {
    const pinned = { eventId: 'k-beauty-deal', itemId: 'serum-duo', pinnedAt: iso(T - 1_000) };
    const tagOf = (text: string) => text.split('\n').find((line) => line.includes('X-ITEM-ID="serum-duo"'));
    const first = tagOf(live(T, [pinned]));
    expect(first).toBeDefined();
    expect(tagOf(live(T + 3_600_000, [pinned]))).toBe(first);
    const ended = tagOf(live(T + 2_000, [{ ...pinned, unpinnedAt: iso(T + 1_500) }]))!;
    expect(attributeList(ended).ID).toBe(attributeList(first!).ID);
    expect(attributeList(ended)['END-DATE']).toBe(`"${iso(T + 1_500)}"`);
    expect(tagOf(live(T + 12_000, [{ ...pinned, unpinnedAt: iso(T + 1_500) }]))).toBeUndefined();
  });

  it('leaves out a pin whose ids could break a quoted string, and the rest of the playlist stands', () => {
    const text = live(T, [{ eventId: 'deal"X-ITEM-ID="fake', itemId: 'a', pinnedAt: iso(T) }, { eventId: 'deal', itemId: 'b\nseg9.ts', pinnedAt: iso(T) }]);
    expect(text).not.toContain('EXT-X-DATERANGE');
    expect(text).not.toContain('seg9');
    expect(parse(text).fragments).toHaveLength(WINDOW);
  });
});
