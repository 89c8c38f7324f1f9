import type { CatalogResponse, EventView } from '../../../core/index.js';
import { apiFetch } from '../api/api-client.js';

export function fetchCatalog(): Promise<CatalogResponse> {
  return apiFetch('/api/catalog');
}

export function fetchEvent(eventId: string): Promise<EventView> {
  return apiFetch(`/api/events/${encodeURIComponent(eventId)}`);
}
