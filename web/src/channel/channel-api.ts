import type { ChannelView, FeaturedProduct, PlaybackTokenResponse, QoeBeacon } from '../../../core/index.js';
import { apiFetch } from '../api/api-client.js';

const channelPath = (channelId: string) => `/api/channels/${encodeURIComponent(channelId)}`;

export function fetchChannel(channelId: string): Promise<ChannelView> {
  return apiFetch(channelPath(channelId));
}

export function fetchPlaybackToken(channelId: string, token: string): Promise<PlaybackTokenResponse> {
  return apiFetch(`${channelPath(channelId)}/playback-token`, { method: 'POST', token });
}

export function sendHearts(channelId: string, count: number, token?: string): Promise<void> {
  return apiFetch(`${channelPath(channelId)}/hearts`, { method: 'POST', body: { count }, token });
}

export function sendWatch(channelId: string, viewerId: string, token?: string): Promise<void> {
  return apiFetch(`${channelPath(channelId)}/watch`, { method: 'POST', body: { viewerId }, token });
}

/**
 * Playback beacons. While the page lives they go with fetch; when it is hidden or closing, with
 * `sendBeacon`, which the browser delivers even after the page is gone.
 */
export function sendQoe(beacons: QoeBeacon[], closing: boolean): void {
  if (beacons.length === 0) return;
  const body = JSON.stringify({ beacons });
  if (closing && typeof navigator.sendBeacon === 'function') {
    navigator.sendBeacon('/api/qoe', new Blob([body], { type: 'application/json' }));
    return;
  }
  void fetch('/api/qoe', { method: 'POST', headers: { 'content-type': 'application/json' }, body, keepalive: true }).catch(() => undefined);
}

export const sameProducts = (a: readonly FeaturedProduct[], b: readonly FeaturedProduct[]) =>
  a.length === b.length && a.every((pin, index) => pin.eventId === b[index]?.eventId && pin.itemId === b[index]?.itemId);
