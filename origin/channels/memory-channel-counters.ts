import { bucketOf, bucketsAt, HEARTS_INTERVAL_MS, VIEWER_BUCKETS, type ChannelCounters } from './channel-counters.js';

export interface MemoryChannelCountersOptions {
  /** Most viewers kept per channel per bucket: the memory stays bounded, the count saturates there. */
  maxViewersPerBucket?: number;
}

interface ChannelState {
  buckets: Map<number, Set<string>>;
  hearts: number;
  /** When each viewer may send hearts again. */
  heartsUntil: Map<string, number>;
}

/**
 * The local stack's counters, in one process: a capped set of viewer ids per 10 s bucket (exact
 * below the cap) and a plain total of hearts. Single-threaded, so every update is atomic.
 */
export function createMemoryChannelCounters(options: MemoryChannelCountersOptions = {}): ChannelCounters {
  const cap = options.maxViewersPerBucket ?? 100_000;
  const channels = new Map<string, ChannelState>();
  const stateOf = (channelId: string): ChannelState => {
    let state = channels.get(channelId);
    if (!state) channels.set(channelId, (state = { buckets: new Map(), hearts: 0, heartsUntil: new Map() }));
    return state;
  };
  const dropOld = (state: ChannelState, now: number) => {
    const oldest = bucketOf(now) - VIEWER_BUCKETS;
    for (const bucket of state.buckets.keys()) if (bucket <= oldest) state.buckets.delete(bucket);
    for (const [viewer, until] of state.heartsUntil) if (until <= now) state.heartsUntil.delete(viewer);
  };
  return {
    async seeViewer(channelId, viewerId, now) {
      const state = stateOf(channelId);
      dropOld(state, now);
      const bucket = bucketOf(now);
      let viewers = state.buckets.get(bucket);
      if (!viewers) state.buckets.set(bucket, (viewers = new Set()));
      if (viewers.size < cap) viewers.add(viewerId);
    },
    async addHearts(channelId, viewerId, count, now) {
      const state = stateOf(channelId);
      const until = state.heartsUntil.get(viewerId);
      if (until !== undefined && until > now) return { kind: 'rate_limited', retryAfterMs: until - now };
      if (state.heartsUntil.size > cap) dropOld(state, now);
      state.heartsUntil.set(viewerId, now + HEARTS_INTERVAL_MS);
      state.hearts += count;
      return { kind: 'accepted' };
    },
    async viewers(channelId, now) {
      const state = channels.get(channelId);
      if (!state) return 0;
      const seen = new Set<string>();
      for (const bucket of bucketsAt(now)) for (const viewer of state.buckets.get(bucket) ?? []) seen.add(viewer);
      return seen.size;
    },
    async hearts(channelId) {
      return channels.get(channelId)?.hearts ?? 0;
    },
  };
}
