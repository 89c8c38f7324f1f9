import type { IdentityResponse } from '../../../core/index.js';
import { apiFetch } from '../api/api-client.js';

export function createGuest(): Promise<IdentityResponse> {
  return apiFetch('/api/auth/guest', { method: 'POST' });
}

export function logIn(username: string, password: string): Promise<IdentityResponse> {
  return apiFetch('/api/auth/login', { method: 'POST', body: { username, password } });
}
