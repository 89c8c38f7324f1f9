import type { CatalogResponse, EventView, FairnessView } from '../../../core/index.js';
import { apiFetch } from '../api/api-client.js';

export function fetchCatalog(): Promise<CatalogResponse> {
  return apiFetch('/api/catalog');
}

export function fetchEvent(eventId: string): Promise<EventView> {
  return apiFetch(`/api/events/${encodeURIComponent(eventId)}`);
}

/** The pre-queue draw's public evidence: the commitment, then (once drawn) the seed and the list. */
export function fetchFairness(eventId: string): Promise<FairnessView> {
  return apiFetch(`/api/events/${encodeURIComponent(eventId)}/fairness`);
}
