import type { AdminEventListResponse, CatalogResponse, ChannelView, CreateReplay, EventStats, EventView, FairnessView, FeaturedProduct, QoeSummary, Replay } from '../../../core/index.js';
import { apiFetch, type ApiRequest } from '../api/api-client.js';
import type { CreateEventBody, KnobPatch } from './drop-form.js';
import { operatorSession } from './operator-session.js';

const id = encodeURIComponent;
const DROPS_PAGE = 20;

/** An operator call with this tab's token; a refused token signs the console out. */
async function adminFetch<T>(path: string, request: ApiRequest = {}): Promise<T> {
  try {
    return await apiFetch<T>(path, { ...request, token: operatorSession.token() });
  } catch (error) {
    operatorSession.check(error);
    throw error;
  }
}

/** Whether a token is the operator's: `GET /api/admin/events?limit=1` answers 200 with it, and only with it. */
export async function verifyOperatorToken(token: string): Promise<void> {
  await apiFetch<AdminEventListResponse>('/api/admin/events?limit=1', { token });
}

export const fetchCatalogPage = (cursor?: string): Promise<CatalogResponse> => apiFetch(`/api/catalog?limit=20${cursor ? `&cursor=${id(cursor)}` : ''}`);
export const fetchDrop = (eventId: string): Promise<EventView> => apiFetch(`/api/events/${id(eventId)}`);
export const fetchChannel = (channelId: string): Promise<ChannelView> => apiFetch(`/api/channels/${id(channelId)}`);
export const fetchFairness = (eventId: string, part = 0): Promise<FairnessView> => apiFetch(`/api/events/${id(eventId)}/fairness?part=${part}`);

/** A page of every drop (hidden and closed ones too), newest start first, with live figures; never cached. */
export const fetchAdminEvents = (cursor?: string): Promise<AdminEventListResponse> => adminFetch(`/api/admin/events?limit=${DROPS_PAGE}${cursor ? `&cursor=${id(cursor)}` : ''}`);
export const createDrop = (body: CreateEventBody): Promise<EventView> => adminFetch('/api/admin/events', { method: 'POST', body });
export const patchDrop = (eventId: string, body: KnobPatch | { paused?: boolean; closed?: true; queueAll?: boolean }): Promise<EventView> =>
  adminFetch(`/api/admin/events/${id(eventId)}`, { method: 'PATCH', body });
export const fetchStats = (eventId: string): Promise<EventStats> => adminFetch(`/api/admin/events/${id(eventId)}/stats`);
export const putFeatured = (channelId: string, products: FeaturedProduct[]): Promise<ChannelView> =>
  adminFetch(`/api/admin/channels/${id(channelId)}/featured`, { method: 'PUT', body: { products } });
export const fetchQoe = (channelId: string): Promise<QoeSummary> => adminFetch(`/api/admin/channels/${id(channelId)}/qoe`);
export const createReplay = (channelId: string, body: CreateReplay): Promise<Replay> => adminFetch(`/api/admin/channels/${id(channelId)}/replays`, { method: 'POST', body });

/** Every part of a drawn pre-queue's registrant list, in one document to download and verify. */
export async function fetchWholeFairness(eventId: string): Promise<FairnessView> {
  const first = await fetchFairness(eventId, 0);
  if (!first.registrants) return first;
  const ids = [...first.registrants.ids];
  for (let part = 1; part < first.registrants.parts; part++) ids.push(...((await fetchFairness(eventId, part)).registrants?.ids ?? []));
  return { ...first, registrants: { ...first.registrants, part: 0, parts: 1, ids } };
}
