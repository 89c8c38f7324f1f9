export interface LiveStatus {
  status: 'live' | 'offline';
  /** Concurrent views as the stream reports them; null when it has no figure. */
  viewers: number | null;
  playbackUrl: string | null;
}

/** A product shown on a channel: a pointer to a drop's item, never its price or stock. */
export interface Pin {
  eventId: string;
  itemId: string;
  /** ISO 8601. */
  pinnedAt: string;
}

/** Where a channel's video comes from. Every adapter passes `channel-stream.contract.ts`. */
export interface ChannelStream {
  /** Live status from a shared poll (IVS: one ListStreams poller per origin, every few s), never one call per viewer. */
  status(channelId: string): Promise<LiveStatus | undefined>;
  /** Carries the current pins into the stream. IVS: PutMetadata (≤1 KB, ≤5/s/channel, batched,
   *  throttled, only while live; held and sent when the channel goes live; ChannelNotBroadcasting handled);
   *  simulated: nothing to send (its playlists read the pin history). */
  announce(channelId: string, pins: Pin[]): Promise<void>;
  close(): void;
}
