import { availableParallelism } from 'node:os';
import { parseArgs as parseNodeArgs } from 'node:util';
import { count, parseTarget, UsageError } from './arg-values.js';
import { parsePlaybackArgs, playbackUsage, type PlaybackOptions } from './playback/playback-args.js';
import { isScenarioName, scenarioNames, type ScenarioName } from './scenarios/scenario-names.js';

export { isLoopbackHost } from './arg-values.js';

export interface RunOptions {
  target: string;
  scenario: ScenarioName;
  visitors: number;
  durationSeconds: number;
  seats: number;
  /** Admission rate of the event the tool creates (newUsersPerMinute). */
  ratePerMinute: number;
  concurrency: number;
  /** Worker threads that play the visitors (each with its share of visitors, sockets and requests). */
  workers: number;
  /** flash-crowd: the window the visitors arrive in, seconds. */
  burstSeconds: number;
  /** poll-storm: polls offered per second. */
  rps: number;
  maxRequests: number;
  outDir: string | undefined;
  adminToken: string;
  allowRemote: boolean;
}

export interface ModelOptions {
  visitors: number;
  ratePerMinute: number;
  fixedPollSeconds: number;
}

export type ParsedArgs =
  | { kind: 'run'; options: RunOptions }
  | { kind: 'model'; options: ModelOptions }
  | { kind: 'playback'; options: PlaybackOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

export const usage = `usage: npm run loadtest -- --target URL --scenario NAME [options]
       npm run loadtest -- --model --visitors N [--rate N] [--fixed-poll S]
       npm run loadtest -- playback --target URL --channel ID [options]

  --target URL         base URL of a Banjjak edge (loopback only unless --allow-remote)
  --scenario NAME      ${scenarioNames.join(' | ')}
  --visitors N         simulated visitors (buyers for booking-race, queue tokens for poll-storm)
  --duration S         seconds: the run's time budget (arrival window for soak)
  --seats N            places on sale, split into items of at most 50 (one item for booking-race)
  --rate N             admission rate of the test event, visitors per minute
  --concurrency N      connections to the target (poll-storm: most polls unanswered at once)
  --workers N          worker threads playing the visitors (default: this machine's cores, ${availableParallelism()})
  --burst S            flash-crowd: seconds the visitors arrive in (default 2, at most a quarter of --duration)
  --rps N              poll-storm: GET /status polls offered per second (default 1000)
  --max-requests N     hard cap on requests sent (default 2000000)
  --out DIR            where report.json and report.html go (default .loadtest/<scenario>-<time>)
  --admin-token T      operator token (default: $ADMIN_TOKEN)
  --allow-remote       allow a target that is not 127.0.0.0/8, localhost or [::1]
  --model              print the poll load of waiting visitors (adaptive vs fixed poll); no network
  --fixed-poll S       the fixed poll interval the model compares against (default 3)

${playbackUsage}`;

/** Scale that finishes in about a minute on a laptop; every figure can be overridden. */
const defaults: Record<ScenarioName, { visitors: number; seats?: number; duration: number; rate?: number; concurrency: number }> = {
  'flash-crowd': { visitors: 2000, seats: 200, duration: 120, rate: 600, concurrency: 128 },
  'poll-storm': { visitors: 100, seats: 100, duration: 20, rate: 60, concurrency: 64 },
  'booking-race': { visitors: 1000, seats: 100, duration: 60, rate: 1_000_000, concurrency: 128 },
  // Soak sizes seats and rate from the arrival rate (see soakEvent) when they are not given.
  soak: { visitors: 3000, duration: 60, concurrency: 128 },
};

const options = {
  target: { type: 'string' },
  scenario: { type: 'string' },
  visitors: { type: 'string' },
  duration: { type: 'string' },
  seats: { type: 'string' },
  rate: { type: 'string' },
  concurrency: { type: 'string' },
  workers: { type: 'string' },
  burst: { type: 'string' },
  rps: { type: 'string' },
  'max-requests': { type: 'string' },
  out: { type: 'string' },
  'admin-token': { type: 'string' },
  'allow-remote': { type: 'boolean' },
  model: { type: 'boolean' },
  'fixed-poll': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseModel(values: Record<string, string | boolean | undefined>): ModelOptions {
  const str = (name: string) => values[name] as string | undefined;
  return {
    visitors: count('visitors', str('visitors'), undefined, 100_000_000),
    ratePerMinute: count('rate', str('rate'), 600, 1_000_000),
    fixedPollSeconds: count('fixed-poll', str('fixed-poll'), 3, 3600),
  };
}

function parseRun(values: Record<string, string | boolean | undefined>, env: Record<string, string | undefined>): RunOptions {
  const str = (name: string) => values[name] as string | undefined;
  const scenario = str('scenario');
  if (scenario === undefined) throw new UsageError('--scenario is required');
  if (!isScenarioName(scenario)) throw new UsageError(`unknown scenario "${scenario}" (expected ${scenarioNames.join(', ')})`);
  const allowRemote = values['allow-remote'] === true;
  const target = parseTarget(str('target'), allowRemote);
  const base = defaults[scenario];
  const visitors = count('visitors', str('visitors'), base.visitors, 1_000_000);
  const durationSeconds = count('duration', str('duration'), base.duration, 3600);
  const adminToken = str('admin-token') ?? env.ADMIN_TOKEN;
  if (!adminToken) throw new UsageError('an operator token is required: --admin-token T or ADMIN_TOKEN');
  const out = str('out');
  return {
    target,
    scenario,
    visitors,
    durationSeconds,
    seats: count('seats', str('seats'), base.seats ?? visitors, 1_000_000),
    ratePerMinute: count('rate', str('rate'), base.rate ?? soakRate(visitors, durationSeconds), 1_000_000),
    concurrency: count('concurrency', str('concurrency'), base.concurrency, 4096),
    workers: count('workers', str('workers'), availableParallelism(), 64),
    burstSeconds: count('burst', str('burst'), Math.max(1, Math.min(2, Math.floor(durationSeconds / 4))), 3600),
    rps: count('rps', str('rps'), 1000, 1_000_000),
    maxRequests: count('max-requests', str('max-requests'), 2_000_000, 100_000_000),
    outDir: out === '' ? undefined : out,
    adminToken,
    allowRemote,
  };
}

/** Soak admits 1.5× the arrival rate so the line stays short and steady instead of growing. */
export function soakRate(visitors: number, durationSeconds: number): number {
  return Math.min(1_000_000, Math.max(60, Math.ceil(((visitors * 60) / durationSeconds) * 1.5)));
}

/** Pure: parses argv (without node and script) and the environment; never touches the network. */
export function parseArgs(argv: string[], env: Record<string, string | undefined> = {}): ParsedArgs {
  try {
    // `playback` is a command of its own (no event, no operator token); `--scenario playback` says the same.
    if (argv[0] === 'playback') return { kind: 'playback', options: parsePlaybackArgs(argv.slice(1)) };
    if (argv.some((arg, index) => arg === '--scenario=playback' || (arg === '--scenario' && argv[index + 1] === 'playback'))) {
      if (argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
      return { kind: 'playback', options: parsePlaybackArgs(argv) };
    }
    const { values, positionals } = parseNodeArgs({ args: argv, options, strict: true, allowPositionals: true });
    if (values.help) return { kind: 'help' };
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    if (values.model) return { kind: 'model', options: parseModel(values) };
    return { kind: 'run', options: parseRun(values, env) };
  } catch (error) {
    // node:util reports unknown options and missing values as TypeErrors with a readable message.
    if (error instanceof UsageError || error instanceof TypeError) return { kind: 'error', message: error.message.split('\n')[0] ?? 'bad arguments' };
    throw error;
  }
}
