import { AppError, type ChannelView, type Clock, type FeaturedProduct } from '../../core/index.js';
import type { Ledger } from '../ledger/ledger.js';
import type { ChannelConfig } from './channel-config.js';
import type { ChannelCounters } from './channel-counters.js';
import type { ChannelStream, Pin } from './channel-stream.js';
import { createMemoryChannelCounters } from './memory-channel-counters.js';

export interface ChannelServiceDeps {
  configs: readonly ChannelConfig[];
  stream: ChannelStream;
  ledger: Pick<Ledger, 'featured' | 'setFeatured'>;
  clock: Clock;
  /** Hearts (and, for simulated channels, viewers through their stream) as counted; in memory when not given. */
  counters?: ChannelCounters;
}

export type ChannelService = ReturnType<typeof createChannelService>;

/**
 * The channel document viewers poll (cached ≤ 1 s at the edge): the channel's configuration, its
 * live status from the stream's shared poll, the featured products from the ledger, and the
 * viewer and heart counts. The operator's pins go to the ledger first, then into the stream.
 */
export function createChannelService(deps: ChannelServiceDeps) {
  const byId = new Map(deps.configs.map((config) => [config.id, config]));
  const counters = deps.counters ?? createMemoryChannelCounters();

  async function compose(config: ChannelConfig, pinned?: Pin[]): Promise<ChannelView> {
    const [live, featured, hearts] = await Promise.all([
      deps.stream.status(config.id),
      pinned ?? deps.ledger.featured(config.id),
      counters.hearts(config.id),
    ]);
    return {
      id: config.id,
      title: config.title,
      status: live?.status ?? 'offline',
      private: config.private,
      playbackUrl: live?.playbackUrl ?? null,
      featured,
      viewers: live?.viewers ?? 0,
      hearts,
      updatedAt: new Date(deps.clock.now()).toISOString(),
      ...(config.eventId !== undefined && { eventId: config.eventId }),
      ...(config.thumbnailUrl !== undefined && { thumbnailUrl: config.thumbnailUrl }),
    };
  }

  /** The configuration of a channel, or undefined for one this origin does not serve. */
  const config = (channelId: string): ChannelConfig | undefined => byId.get(channelId);

  async function get(channelId: string): Promise<ChannelView | undefined> {
    const found = byId.get(channelId);
    return found && compose(found);
  }

  /**
   * Replaces the featured set (products already checked against their drops) and carries it into
   * the stream. Saved before it is announced: if the stream refuses, the same request sent again
   * keeps every pinnedAt and announces again.
   */
  async function setFeatured(channelId: string, products: readonly FeaturedProduct[]): Promise<ChannelView> {
    const found = byId.get(channelId);
    if (!found) throw new AppError('channel_not_found');
    const pins = await deps.ledger.setFeatured(channelId, products, deps.clock.now());
    try {
      await deps.stream.announce(channelId, pins);
    } catch (cause) {
      throw new AppError('origin_unavailable', { cause, detail: 'the pins are saved but the stream did not take them; send them again', expose: true, headers: { 'retry-after': '1' } });
    }
    return compose(found, pins);
  }

  return {
    list: () => Promise.all([...byId.values()].map((channel) => compose(channel))),
    get,
    config,
    /** Every configured channel (IVS recordings find theirs by `ivsChannelArn`). */
    configs: () => [...byId.values()],
    setFeatured,
    stream: deps.stream,
    counters,
  };
}
