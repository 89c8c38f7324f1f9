import { describe, expect, it } from 'vitest';
import { createFakeClock, createJwksCache } from '../core/index.js';
import { createEdgeApp } from './app.js';
import { defaultEdgeSettings } from './deps.js';

const clock = createFakeClock(Date.parse('2026-12-05T01:00:00Z'));
const edge = createEdgeApp({
  clock,
  origin: async () => Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } }),
  jwks: createJwksCache({ clock, load: async () => ({ keys: [] }) }),
  settings: defaultEdgeSettings,
  assets: async () => new Response('<!doctype html><title>반짝</title>', { headers: { 'content-type': 'text/html; charset=utf-8' } }),
});

describe('the web app is served with one security-headers policy', () => {
  it('sends CSP without inline scripts, no framing, HSTS, nosniff, a referrer and a permissions policy', async () => {
    const page = await edge.request('/events/drop-1/queue');
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name} `));
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('media-src')).toBe("media-src 'self' blob:");
    expect(page.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(page.headers.get('permissions-policy')).toContain('camera=()');
  });

  it('leaves API answers as the origin sent them', async () => {
    const api = await edge.request('/api/something', { method: 'POST' });
    expect(api.headers.get('content-security-policy')).toBeNull();
  });
});
