import { setTimeout as wait } from 'node:timers/promises';
import type { LoadClient, LoadResponse, RequestSpec } from './load-client.js';

export type JourneyClient = Pick<LoadClient, 'request' | 'now'>;

/**
 * What a phone does on a dropped connection or a 5xx: try again a couple of times, with the
 * same body and headers (so a booking keeps its Idempotency-Key). Every attempt is counted, and
 * each retry is measured from when it was due.
 */
export async function requestWithRetry(client: JourneyClient, spec: RequestSpec, retryOn: (response: LoadResponse) => boolean = isTransient, tries = 3): Promise<LoadResponse> {
  let response = await client.request(spec);
  for (let attempt = 1; attempt < tries && retryOn(response); attempt += 1) {
    const pause = 250 * attempt * (0.5 + Math.random());
    const due = client.now() + pause;
    await wait(pause, undefined, spec.signal ? { signal: spec.signal } : {});
    response = await client.request({ ...spec, intendedAt: due });
  }
  return response;
}

/** The web app's `outcomeUnknown`: no answer, or a 5xx. */
export function isTransient(response: LoadResponse): boolean {
  return response.status === 0 || response.status >= 500;
}
