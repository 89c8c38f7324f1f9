import type { Replay, ReplayListResponse, ReplaySort } from '../../../core/index.js';
import { apiFetch } from '../api/api-client.js';

export function fetchReplays(sort: ReplaySort, limit = 10): Promise<ReplayListResponse> {
  return apiFetch(`/api/replays?sort=${sort}&limit=${limit}`);
}

export function fetchReplay(replayId: string): Promise<Replay> {
  return apiFetch(`/api/replays/${encodeURIComponent(replayId)}`);
}

export function sendPlay(replayId: string, viewerId: string, token?: string): Promise<void> {
  return apiFetch(`/api/replays/${encodeURIComponent(replayId)}/plays`, { method: 'POST', body: { viewerId }, token });
}
