import type { LoadClient, LoadResponse } from '../client/load-client.js';
import { sleep } from '../journey/index.js';
import { parseMasterPlaylist, parseMediaPlaylist, PlaylistError, resolvePath, type MediaPlaylist } from './hls-playlist.js';
import { chooseVariant, nextSegment, playlistChanged, reloadDelayMs, startSequence, type RenditionPolicy } from './live-policy.js';
import { createPlaybackBuffer, type PlaybackFigures } from './playback-buffer.js';

/** One viewer's figures at the end of the run (what the main thread adds up). */
export interface ViewerRecord extends PlaybackFigures {
  /** Run clock (ms) of the play intent: the viewer's due arrival instant. */
  arrivedAt: number;
  /** Run clock (ms) when the viewer stopped (the end of the run, or when it gave up). */
  endedAt: number;
  rendition: string | undefined;
  /** The media playlist's EXT-X-TARGETDURATION, once loaded. */
  targetDurationS: number | undefined;
  segments: number;
  playlistLoads: number;
  /** Reloads answered 200 with something that is not a media playlist. */
  badPlaylists: number;
  /** Jumps back to the live sync point after falling out of the window. */
  resyncs: number;
  /** Why the viewer gave up before the end (its master or media playlist never came). */
  gaveUp?: string;
}

export interface ViewerContext {
  client: LoadClient;
  /** The end of the run: requests stop, the figures are taken. */
  signal: AbortSignal;
  /** Run clock (ms) at which the run ends: the figures are counted up to here at most. */
  endsAt: number;
  /** Called once, when the first segment is buffered (progress). */
  onStarted?: () => void;
}

export interface ViewerPlan {
  /** Path of the channel's multivariant playlist on the target. */
  masterPath: string;
  policy: RenditionPolicy;
  /** The viewer's number in the whole run (the `mixed` policy's turn). */
  number: number;
  /** Run clock (ms): the play intent. */
  dueAt: number;
}

/** hls.js retries a manifest load once a second a few times, then reports a fatal error. */
const PLAYLIST_ATTEMPTS = 3;
const RETRY_MS = 1_000;

const isStop = (ctx: ViewerContext) => ctx.signal.aborted;

/**
 * One viewer, as hls.js plays a live channel: the multivariant playlist, a rendition, its media
 * playlist, then two loops until the run ends: the playlist reloads on RFC 8216's cadence
 * (a target duration after a changed load, half of one after an unchanged one, from when the last
 * load began) while segments are downloaded in order from three target durations behind the live
 * edge, each appended to a wall-clock buffer that counts startup and stalls.
 */
export async function playViewer(ctx: ViewerContext, plan: ViewerPlan): Promise<ViewerRecord> {
  const { client } = ctx;
  const buffer = createPlaybackBuffer(plan.dueAt);
  const record = { arrivedAt: plan.dueAt, rendition: undefined as string | undefined, targetDurationS: undefined as number | undefined, segments: 0, playlistLoads: 0, badPlaylists: 0, resyncs: 0, gaveUp: undefined as string | undefined };
  const finish = (): ViewerRecord => {
    const endedAt = Math.min(client.now(), ctx.endsAt);
    const { gaveUp, ...rest } = record;
    return { ...rest, ...buffer.figures(endedAt), endedAt, ...(gaveUp !== undefined && { gaveUp }) };
  };

  const loadText = async (endpoint: string, path: string, intendedAt: number): Promise<LoadResponse> =>
    client.request({ endpoint, method: 'GET', path, headers: { accept: '*/*' }, read: 'text', signal: ctx.signal, intendedAt });

  /** A playlist with hls.js's few retries; undefined when every attempt failed. */
  async function loadPlaylist<T>(endpoint: string, path: string, parse: (text: string) => T, intendedAt: number): Promise<T | undefined> {
    for (let attempt = 1; attempt <= PLAYLIST_ATTEMPTS; attempt += 1) {
      const response = await loadText(endpoint, path, attempt === 1 ? intendedAt : client.now());
      if (response.ok && response.text !== undefined) {
        try {
          return parse(response.text);
        } catch (error) {
          if (!(error instanceof PlaylistError)) throw error;
          record.gaveUp = `${path}: ${error.message}`;
          return undefined;
        }
      }
      if (attempt < PLAYLIST_ATTEMPTS) await sleep(RETRY_MS, ctx.signal);
    }
    record.gaveUp = `${path}: no playlist after ${PLAYLIST_ATTEMPTS} attempts`;
    return undefined;
  }

  try {
    const variants = await loadPlaylist('hls.master', plan.masterPath, parseMasterPlaylist, plan.dueAt);
    if (!variants) return finish();
    const variant = chooseVariant(variants, plan.policy, plan.number);
    const mediaPath = resolvePath(plan.masterPath, variant.uri);
    if (!mediaPath) {
      record.gaveUp = `${variant.uri} is on another origin`;
      return finish();
    }
    // The folder of the media playlist (`…/240p/index.m3u8` → 240p), as the origin's metrics name it.
    record.rendition = mediaPath.split('?')[0]!.split('/').at(-2) || (variant.resolution ?? variant.uri);
    let loadBegan = client.now();
    const first = await loadPlaylist('hls.playlist', mediaPath, parseMediaPlaylist, loadBegan);
    if (!first) return finish();
    record.playlistLoads += 1;
    record.targetDurationS = first.targetDurationS;
    let playlist: MediaPlaylist = first;
    let wake: (() => void) | undefined;
    const woken = () => new Promise<void>((resolve) => (wake = resolve));
    const stopped = new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));

    const reload = async () => {
      let changed = true;
      while (!isStop(ctx) && !playlist.ended) {
        const due = loadBegan + reloadDelayMs(playlist.targetDurationS, changed);
        await sleep(due - client.now(), ctx.signal);
        loadBegan = client.now();
        const response = await loadText('hls.playlist', mediaPath, due);
        if (!response.ok || response.text === undefined) {
          changed = false; // retried half a target duration later, as after an unchanged load
          continue;
        }
        let next: MediaPlaylist;
        try {
          next = parseMediaPlaylist(response.text);
        } catch (error) {
          if (!(error instanceof PlaylistError)) throw error;
          record.badPlaylists += 1;
          changed = false;
          continue;
        }
        record.playlistLoads += 1;
        changed = playlistChanged(playlist, next);
        playlist = next;
        if (changed) wake?.();
      }
    };

    const download = async () => {
      let wanted = startSequence(playlist);
      while (!isStop(ctx)) {
        const { segment, resynced } = nextSegment(playlist, wanted);
        if (resynced) record.resyncs += 1;
        if (!segment) {
          if (playlist.ended) return;
          await Promise.race([woken(), stopped]);
          continue;
        }
        const path = resolvePath(mediaPath, segment.uri);
        if (!path) throw new PlaylistError(`segment ${segment.uri} is on another origin`);
        const response = await client.request({ endpoint: 'hls.segment', method: 'GET', path, headers: { accept: '*/*' }, read: 'bytes', signal: ctx.signal });
        if (!response.ok) {
          await sleep(RETRY_MS, ctx.signal);
          continue;
        }
        buffer.append(segment.durationS * 1000, client.now());
        if (record.segments === 0) ctx.onStarted?.();
        record.segments += 1;
        wanted = segment.sequence + 1;
      }
    };

    await Promise.all([reload(), download()]);
  } catch (error) {
    // The run ending (its signal, or the request budget) stops a viewer; anything else is a bug here.
    if (!isStop(ctx) && !(error instanceof Error && error.name === 'BudgetExhausted')) throw error;
  }
  return finish();
}
