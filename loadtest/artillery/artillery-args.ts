import { parseArgs as parseNodeArgs } from 'node:util';
import { count, parseTarget, UsageError } from '../arg-values.js';

export type Platform = 'local' | 'fargate' | 'lambda';

export interface ArtilleryOptions {
  target: string;
  visitors: number;
  burstSeconds: number;
  seats: number;
  ratePerMinute: number;
  /** How long a visit may take, seconds; the event stays open this long. */
  durationSeconds: number;
  /** Sockets per Artillery worker thread. */
  connections: number;
  platform: Platform;
  outDir: string | undefined;
  adminToken: string;
  allowRemote: boolean;
  /** Passed on to `artillery run…` after our own (e.g. `--count 10 --region eu-west-1`). */
  extra: string[];
}

export type ParsedArtilleryArgs = { kind: 'run'; options: ArtilleryOptions } | { kind: 'help' } | { kind: 'error'; message: string };

/** Artillery's command for each platform (node_modules/artillery/lib/cmds). */
export const artilleryCommand: Record<Platform, string> = { local: 'run', fargate: 'run-fargate', lambda: 'run-lambda' };

export const usage = `usage: npm run loadtest:artillery -- --target URL [options] [-- artillery options]

Runs loadtest/artillery/flash-crowd.yml (the web app's journey, as Artillery VUs) against an event
it creates, then checks the invariants against the operator API and the ledger.

  --target URL         base URL of a Banjjak edge (loopback only unless --allow-remote)
  --visitors N         arrivals (default 200)
  --burst S            seconds they arrive in (default 2)
  --seats N            places on sale, items of 50 (default a tenth of the visitors)
  --rate N             admission rate of the test event, visitors per minute (default 3000)
  --duration S         seconds a visit may take before it stops (default 120)
  --connections N      sockets per Artillery worker thread (default 128)
  --platform P         local | fargate | lambda: artillery run, run-fargate or run-lambda (default local)
  --out DIR            where artillery.json and checks.json go (default .loadtest/artillery-<time>)
  --admin-token T      operator token (default: $ADMIN_TOKEN)
  --allow-remote       allow a target that is not 127.0.0.0/8, localhost or [::1]`;

const options = {
  target: { type: 'string' },
  visitors: { type: 'string' },
  burst: { type: 'string' },
  seats: { type: 'string' },
  rate: { type: 'string' },
  duration: { type: 'string' },
  connections: { type: 'string' },
  platform: { type: 'string' },
  out: { type: 'string' },
  'admin-token': { type: 'string' },
  'allow-remote': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const isPlatform = (value: string): value is Platform => value in artilleryCommand;

/** Pure: argv (without node and script) and the environment in, options or a usage error out; no network. */
export function parseArtilleryArgs(argv: string[], env: Record<string, string | undefined> = {}): ParsedArtilleryArgs {
  const split = argv.indexOf('--');
  const own = split < 0 ? argv : argv.slice(0, split);
  const extra = split < 0 ? [] : argv.slice(split + 1);
  try {
    const { values, positionals } = parseNodeArgs({ args: own, options, strict: true, allowPositionals: true });
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const allowRemote = values['allow-remote'] === true;
    const target = parseTarget(values.target, allowRemote);
    const platform = values.platform ?? 'local';
    if (!isPlatform(platform)) throw new UsageError(`--platform must be local, fargate or lambda, got "${platform}"`);
    const adminToken = values['admin-token'] ?? env.ADMIN_TOKEN;
    if (!adminToken) throw new UsageError('an operator token is required: --admin-token T or ADMIN_TOKEN');
    const visitors = count('visitors', values.visitors, 200, 100_000_000);
    return {
      kind: 'run',
      options: {
        target,
        visitors,
        burstSeconds: count('burst', values.burst, 2, 3600),
        seats: count('seats', values.seats, Math.max(1, Math.floor(visitors / 10)), 10_000_000),
        ratePerMinute: count('rate', values.rate, 3000, 1_000_000),
        durationSeconds: count('duration', values.duration, 120, 3600),
        connections: count('connections', values.connections, 128, 4096),
        platform,
        outDir: values.out === '' ? undefined : values.out,
        adminToken,
        allowRemote,
        extra,
      },
    };
  } catch (error) {
    if (error instanceof UsageError || error instanceof TypeError) return { kind: 'error', message: error.message.split('\n')[0] ?? 'bad arguments' };
    throw error;
  }
}
