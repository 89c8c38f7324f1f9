import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { originMetrics } from '../metrics/origin-metrics.js';

/**
 * The two commands a Lua-backed adapter needs, so one implementation runs over ioredis (TCP) and
 * @upstash/redis (REST) alike. Replies: Lua strings come back as strings, integers as numbers.
 */
export interface RedisEval {
  evalsha(sha: string, keys: string[], args: string[]): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
}

export interface LuaScript {
  readonly name: string;
  readonly source: string;
  /** SHA1 of `source`: what EVALSHA names it by. */
  readonly sha: string;
}

/**
 * Reads `<directory>/<name>.lua` (at module load), prefixed by the shared preludes in
 * `<directory>/lib/` it uses: Redis runs each script standalone, so shared functions travel with
 * it. Each concept passes its own folder: `new URL('./lua/', import.meta.url)`.
 */
export function loadLuaScript(directory: URL, name: string, libs: readonly string[] = []): LuaScript {
  const read = (path: string): string => readFileSync(new URL(`${path}.lua`, directory), 'utf8');
  const source = [...libs.map((lib) => read(`lib/${lib}`)), read(name)].join('\n');
  return { name, source, sha: createHash('sha1').update(source, 'utf8').digest('hex') };
}

const isNoScript = (error: unknown): boolean => error instanceof Error && error.message.includes('NOSCRIPT');

/**
 * EVALSHA first (only the 40-byte digest on the wire); on NOSCRIPT (a fresh, restarted or flushed
 * server, or a new replica) EVAL once, which also caches the script for the next EVALSHA.
 */
export async function runLuaScript(client: RedisEval, script: LuaScript, keys: string[], args: string[]): Promise<unknown> {
  try {
    try {
      return await client.evalsha(script.sha, keys, args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return await client.eval(script.source, keys, args);
    }
  } catch (error) {
    originMetrics.storeErrors.inc({ store: 'redis' }); // the dashboards' "Redis errors" (connection, timeout, script)
    throw error;
  }
}
