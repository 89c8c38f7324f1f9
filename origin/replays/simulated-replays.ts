import { AppError, MAX_REPLAY_SECONDS, type CreateReplay, type Replay } from '../../core/index.js';
import { masterPlaylist } from '../channels/hls-playlists.js';
import type { HlsFile } from '../channels/simulated-hls.js';
import { simulatedReplayId } from './replay-ids.js';
import { replayMediaPlaylist, snapToSegments } from './replay-playlists.js';
import type { ReplayService } from './replay-service.js';

const PLAYLIST = 'application/vnd.apple.mpegurl';
const MEDIA_PLAYLIST = /^([\w-]+)\/index\.m3u8$/;

const invalid = (path: string, message: string) =>
  new AppError('validation_failed', { detail: `${path}: ${message}`, extra: { fields: [{ path, message }] } });

/**
 * An operator ends a show on a simulated channel (local stack): the window [startedAt, endedAt]
 * of its looped stream becomes a replay, snapped outward to whole segments. The window must be
 * longer than 0, at most 4 h, and over (endedAt, now by default, not in the future). The same
 * channel and (snapped) start again is the same replay: `created: false`.
 */
export async function createSimulatedReplay(replays: ReplayService, channelId: string, body: CreateReplay): Promise<{ created: boolean; replay: Replay }> {
  const channel = replays.channels.config(channelId);
  const media = replays.media;
  if (!channel || !media?.channels.includes(channelId)) throw new AppError('channel_not_found', { detail: 'replays are made here of simulated channels only' });
  const now = replays.clock.now();
  const startedMs = Date.parse(body.startedAt);
  const endedMs = body.endedAt === undefined ? now : Date.parse(body.endedAt);
  // The field the operator can fix: endedAt when given, else startedAt (endedAt was now).
  const window = body.endedAt === undefined ? 'startedAt' : 'endedAt';
  if (endedMs > now) throw invalid('endedAt', 'in the future: a show becomes a replay once it has ended');
  if (endedMs <= startedMs) throw invalid(window, body.endedAt === undefined ? 'not before now' : 'not after startedAt');
  if (endedMs - startedMs > MAX_REPLAY_SECONDS * 1000) throw invalid(window, `the show is longer than ${MAX_REPLAY_SECONDS / 3600} h`);

  const { startMs, endMs } = snapToSegments(media, startedMs, endedMs);
  const id = simulatedReplayId(channelId, startMs);
  return replays.save({
    id,
    channelId,
    title: body.title ?? channel.title,
    startedAt: new Date(startMs).toISOString(),
    endedAt: new Date(endMs).toISOString(),
    durationSeconds: (endMs - startMs) / 1000,
    playbackUrl: `/hls/replays/${id}/master.m3u8`,
    ...(channel.thumbnailUrl !== undefined && { thumbnailUrl: channel.thumbnailUrl }),
    source: { kind: 'simulated' },
    createdAt: new Date(now).toISOString(),
  });
}

/**
 * One playlist of a simulated replay: `master.m3u8` (the channel's renditions) or
 * `<rendition>/index.m3u8` (VOD). A replay that is not a simulated one is 404 `replay_not_found`.
 */
export async function readReplayPlaylist(replays: ReplayService, replayId: string, file: string): Promise<HlsFile> {
  const media = replays.media;
  const replay = await replays.find(replayId);
  if (!media || replay.source.kind !== 'simulated' || !media.channels.includes(replay.channelId)) throw new AppError('replay_not_found');
  if (file === 'master.m3u8') return { body: masterPlaylist(media), contentType: PLAYLIST };
  const rendition = MEDIA_PLAYLIST.exec(file)?.[1];
  if (!rendition || !media.renditions.some((known) => known.name === rendition)) throw new AppError('not_found');
  return { body: replayMediaPlaylist(media, replay, rendition, await replays.pinsOf(replay)), contentType: PLAYLIST };
}
