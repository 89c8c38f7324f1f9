import type { CreateEvent, FeaturedProduct } from '../../core/index.js';
import type { ChannelConfig } from '../channels/channel-config.js';
import type { ChannelService } from '../channels/channel-service.js';
import { checkFeatured } from '../channels/check-featured.js';
import type { EventService } from '../events/event-service.js';
import { hashPassword } from '../identity/password-hash.js';
import type { Ledger } from '../ledger/ledger.js';

export const DEMO_MEMBERS = ['user1', 'user2', 'user3', 'user4', 'user5'];

/** The local stack's simulated channels, each selling its own drop. */
export const demoChannels: ChannelConfig[] = [
  { id: 'ch-seongsu', title: 'Seongsu popup: opening walk-through', private: false, eventId: 'seongsu-popup' },
  { id: 'ch-beauty', title: 'K-beauty time-deal live', private: false, eventId: 'k-beauty-deal' },
  { id: 'ch-snack', title: 'Late-night snack box unboxing', private: false, eventId: 'snack-box-drop' },
];

/** What each channel shows first: a real item of its drop, pinned as an operator would. */
export const demoFirstPins: Record<string, FeaturedProduct> = {
  'ch-seongsu': { eventId: 'seongsu-popup', itemId: 'slot-11' },
  'ch-beauty': { eventId: 'k-beauty-deal', itemId: 'cushion-set' },
  'ch-snack': { eventId: 'snack-box-drop', itemId: 'honey-chips' },
};

const minutes = (ms: number) => ms * 60_000;

/** The demo drops, placed relative to the first start so one is open and one is about to open. */
export function demoEvents(now: number): CreateEvent[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const slots = ['11:00', '12:00', '13:00', '14:00', '15:00', '16:00'];
  return [
    {
      id: 'seongsu-popup',
      title: 'Seongsu popup store: opening weekend',
      kind: 'booking',
      description: 'Book a 50-minute visit slot. One slot per person.',
      venue: 'Seongsu-dong, Seoul',
      startsAt: iso(now - minutes(1)),
      endsAt: iso(now + minutes(14 * 24 * 60)),
      prequeueMinutes: 0,
      guestsAllowed: true,
      queueAll: false,
      hidden: false,
      channelId: 'ch-seongsu',
      admission: { newUsersPerMinute: 600, maxActiveUsers: 1000, sessionSeconds: 600 },
      items: slots.map((time) => ({ id: `slot-${time.slice(0, 2)}`, label: time, capacity: 50, perUserLimit: 1 })),
    },
    {
      id: 'k-beauty-deal',
      title: 'Live time-deal: K-beauty sets',
      kind: 'deal',
      description: 'Announced in the live stream. Two of each per person.',
      startsAt: iso(now + minutes(5)),
      endsAt: iso(now + minutes(24 * 60)),
      prequeueMinutes: 10,
      guestsAllowed: true,
      queueAll: true,
      hidden: false,
      channelId: 'ch-beauty',
      admission: { newUsersPerMinute: 300, maxActiveUsers: 500, sessionSeconds: 300 },
      items: [
        { id: 'cushion-set', label: 'Cushion foundation set', capacity: 100, perUserLimit: 2, priceKrw: 19_900 },
        { id: 'serum-duo', label: 'Vitamin serum duo', capacity: 200, perUserLimit: 2, priceKrw: 24_900 },
        { id: 'mask-box', label: 'Sheet mask box (30)', capacity: 300, perUserLimit: 2, priceKrw: 9_900 },
      ],
    },
    {
      id: 'snack-box-drop',
      title: 'Late-night snack boxes',
      kind: 'deal',
      description: 'Boxes opened on the live channel. One of each per person.',
      startsAt: iso(now - minutes(1)),
      endsAt: iso(now + minutes(3 * 24 * 60)),
      prequeueMinutes: 0,
      guestsAllowed: true,
      queueAll: false,
      hidden: false,
      channelId: 'ch-snack',
      admission: { newUsersPerMinute: 600, maxActiveUsers: 1000, sessionSeconds: 300 },
      items: [
        { id: 'honey-chips', label: 'Honey butter chips (box of 12)', capacity: 300, perUserLimit: 1, priceKrw: 14_900 },
        { id: 'choco-pie-tin', label: 'Choco pie tin (24)', capacity: 200, perUserLimit: 1, priceKrw: 12_900 },
        { id: 'ramen-bundle', label: 'Spicy ramen bundle (10)', capacity: 400, perUserLimit: 1, priceKrw: 8_900 },
      ],
    },
  ];
}

/** Seeds members, events and the channels' first pins once; later starts find them in the ledger and change nothing. */
export async function seedDemo(ledger: Ledger, events: EventService, channels: ChannelService, now: number, password: string): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const username of DEMO_MEMBERS) {
    if (await ledger.getMember(username)) continue;
    await ledger.putMember({ username, displayName: `Member ${username.slice(4)}`, passwordHash: await hashPassword(password) });
  }
  if ((await ledger.listEvents()).length > 0) return { created };
  for (const event of demoEvents(now)) {
    await events.create(event);
    created.push(event.id!);
  }
  for (const [channelId, product] of Object.entries(demoFirstPins)) {
    if (!channels.config(channelId)) continue;
    await checkFeatured(events.find, [product]);
    await channels.setFeatured(channelId, [product]);
  }
  return { created };
}
