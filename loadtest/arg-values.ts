/** Argument values shared by both command lines (`loadtest`, `loadtest:artillery`); parsing only, no I/O. */

export class UsageError extends Error {}

export function count(name: string, raw: string | undefined, fallback: number | undefined, max: number): number {
  if (raw === undefined) {
    if (fallback === undefined) throw new UsageError(`--${name} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a positive whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < 1 || value > max) throw new UsageError(`--${name} must be between 1 and ${max}, got ${raw}`);
  return value;
}

/** Whole seconds, written `20` or `20s`. */
export function seconds(name: string, raw: string | undefined, fallback: number | undefined, max: number): number {
  const match = raw === undefined ? undefined : /^(\d+)s?$/.exec(raw);
  if (raw !== undefined && !match) throw new UsageError(`--${name} must be whole seconds such as 20 or 20s, got "${raw}"`);
  return count(name, match?.[1], fallback, max);
}

/** Loopback by literal only: resolving names would let DNS decide where a load test goes. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** A bare http(s) origin; anything but loopback needs `allowRemote`, and the refusal says where the load would have gone. */
export function parseTarget(raw: string | undefined, allowRemote: boolean): string {
  if (raw === undefined || raw === '') throw new UsageError('--target is required');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--target is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--target must be http(s), got "${url.protocol}"`);
  if (url.pathname !== '/' || url.search !== '' || url.username !== '') {
    throw new UsageError(`--target must be a bare origin such as http://localhost:3000, got "${raw}"`);
  }
  if (!allowRemote && !isLoopbackHost(url.hostname)) {
    throw new UsageError(`refusing non-loopback target: the load would go to ${url.origin} (host ${url.hostname}, not 127.0.0.0/8, localhost or [::1]); pass --allow-remote to send it there`);
  }
  return url.origin;
}
