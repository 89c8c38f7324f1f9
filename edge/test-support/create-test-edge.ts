import { createJwksCache, type Clock } from '../../core/index.js';
import { createEdgeApp } from '../app.js';
import { defaultEdgeSettings, type EdgeSettings } from '../deps.js';

export interface OriginLike {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

/** An edge app in front of an in-process origin, recording every request that reaches the origin. */
export function createTestEdge(origin: OriginLike, clock: Clock, settings: Partial<EdgeSettings> = {}) {
  const originRequests: string[] = [];
  let originDown = false;
  const originFetch = async (path: string, init: RequestInit) => {
    originRequests.push(`${init.method ?? 'GET'} ${path}`);
    if (originDown) throw new TypeError('fetch failed');
    return origin.request(path, init);
  };
  const jwks = createJwksCache({
    clock,
    load: async () => (await (await originFetch('/.well-known/jwks.json', { method: 'GET' })).json()) as never,
  });
  // Counts signature verifications: the verifier asks for a key only when it runs ECDSA.
  let verifications = 0;
  const countingJwks = {
    ...jwks,
    getKey: ((...args: Parameters<typeof jwks.getKey>) => {
      verifications += 1;
      return jwks.getKey(...args);
    }) as typeof jwks.getKey,
  };
  const app = createEdgeApp({
    clock,
    origin: originFetch,
    jwks: countingJwks,
    settings: { ...defaultEdgeSettings, ...settings },
    clientIp: (c) => c.req.header('x-test-ip') ?? '127.0.0.1',
  });
  const setOriginDown = (down: boolean) => {
    originDown = down;
  };
  return { app, originRequests, jwks, setOriginDown, verifications: () => verifications };
}
