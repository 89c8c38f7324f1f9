import { AppError, type Clock, type Replay, type ReplayListQuery, type ReplayListResponse, type ReplaySummary } from '../../core/index.js';
import type { ChannelService } from '../channels/channel-service.js';
import type { SampleMedia } from '../channels/sample-media.js';
import type { Ledger, ReplayRecord, StoredReplay } from '../ledger/ledger.js';
import { foldReplayPlays } from './fold-replay-plays.js';
import { decodeReplayCursor, encodeReplayCursor } from './replay-cursor.js';
import type { PlayResult, ReplayPlays } from './replay-plays.js';
import { PIN_LOOKBACK_MS, replayTimeline } from './replay-timeline.js';

export interface ReplayServiceDeps {
  ledger: Ledger;
  clock: Clock;
  channels: ChannelService;
  plays: ReplayPlays;
  /** The simulated channels' media (local stack): their shows become replays played from it. */
  media?: SampleMedia;
}

export type ReplayService = ReturnType<typeof createReplayService>;

const summaryOf = (replay: StoredReplay): ReplaySummary => ({
  id: replay.id,
  channelId: replay.channelId,
  title: replay.title,
  startedAt: replay.startedAt,
  endedAt: replay.endedAt,
  durationSeconds: replay.durationSeconds,
  playbackUrl: replay.playbackUrl,
  ...(replay.thumbnailUrl !== undefined && { thumbnailUrl: replay.thumbnailUrl }),
  plays: replay.plays,
});

/** Replays: listed (newest or by plays), read with their product timeline, saved once, played and counted. */
export function createReplayService(deps: ReplayServiceDeps) {
  async function find(replayId: string): Promise<StoredReplay> {
    const replay = await deps.ledger.getReplay(replayId);
    if (!replay) throw new AppError('replay_not_found');
    return replay;
  }

  /** The channel's pins that may have been on screen in the replay's window (clip them with `clipPins`). */
  const pinsOf = (replay: ReplayRecord) => deps.ledger.pinHistory(replay.channelId, Date.parse(replay.startedAt) - PIN_LOOKBACK_MS);

  async function view(replay: StoredReplay): Promise<Replay> {
    return { ...summaryOf(replay), timeline: replayTimeline(await pinsOf(replay), replay.startedAt, replay.endedAt) };
  }

  return {
    media: deps.media,
    find,
    pinsOf,
    get: async (replayId: string) => view(await find(replayId)),

    async list({ sort, limit, cursor }: ReplayListQuery): Promise<ReplayListResponse> {
      const page = await deps.ledger.listReplays({ sort, limit, ...(cursor && { after: decodeReplayCursor(cursor, sort) }) });
      return { replays: page.replays.map(summaryOf), ...(page.next && { nextCursor: encodeReplayCursor(page.next) }) };
    },

    /** Saves a replay once; the same recording again answers the stored replay with `created: false`. */
    async save(record: ReplayRecord): Promise<{ created: boolean; replay: Replay }> {
      const { created, replay } = await deps.ledger.putReplay(record);
      return { created, replay: await view(replay) };
    },

    /** Counts a play of a replay that exists (404 otherwise); a repeat within the window counts nothing. */
    async countPlay(replayId: string, viewerId: string): Promise<PlayResult> {
      await find(replayId);
      return deps.plays.countPlay(replayId, viewerId, deps.clock.now());
    },

    /** Folds the plays counted so far into the ledger's totals (run every REPLAY_PLAYS_FOLD_MS). */
    fold: () => foldReplayPlays(deps.plays, deps.ledger),

    channels: deps.channels,
    clock: deps.clock,
  };
}
