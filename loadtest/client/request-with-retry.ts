import { setTimeout as wait } from 'node:timers/promises';
import type { LoadClient, LoadResponse, RequestSpec } from './load-client.js';

/**
 * What a phone does on a dropped connection or a 5xx: try again a couple of times, with the
 * same body and headers (so a booking keeps its Idempotency-Key). Every attempt is counted.
 */
export async function requestWithRetry(client: LoadClient, spec: RequestSpec, retryOn: (response: LoadResponse) => boolean = isTransient, tries = 3): Promise<LoadResponse> {
  let response = await client.request(spec);
  for (let attempt = 1; attempt < tries && retryOn(response); attempt += 1) {
    await wait(250 * attempt * (0.5 + Math.random()), undefined, spec.signal ? { signal: spec.signal } : {});
    response = await client.request(spec);
  }
  return response;
}

export function isTransient(response: LoadResponse): boolean {
  return response.status === 0 || response.status >= 500;
}
