import { availableParallelism } from 'node:os';
import { parseArgs as parseNodeArgs } from 'node:util';
import { count, parseTarget, seconds, UsageError } from '../arg-values.js';
import { renditionPolicies, type RenditionPolicy } from './live-policy.js';

export interface PlaybackOptions {
  target: string;
  channel: string;
  viewers: number;
  /** Viewers arrive over this window (open model: viewers / ramp per second). */
  rampSeconds: number;
  /** The whole run, ramp included: every viewer watches until its end. */
  durationSeconds: number;
  rendition: RenditionPolicy;
  concurrency: number;
  workers: number;
  maxRequests: number;
  outDir: string | undefined;
  /** Print the report as JSON on stdout instead of the text summary. */
  json: boolean;
  allowRemote: boolean;
}

export const playbackUsage = `playback: viewers play a live channel as hls.js does (playlists and segments on the live cadence)
  --channel ID         the channel to play (its playbackUrl must be on the target)
  --viewers N          viewers (default 200)
  --ramp S             seconds the viewers arrive over, open model (default 10; "20s" works too)
  --duration S         seconds the run lasts, ramp included; every viewer watches until then (default 60)
  --rendition P        lowest | highest | mixed (the renditions in turn; default mixed)
  --json               print the report as JSON instead of the summary (report.json is written either way)
  (--target, --concurrency [default 256], --workers, --max-requests, --out and --allow-remote as above)`;

const options = {
  target: { type: 'string' },
  channel: { type: 'string' },
  viewers: { type: 'string' },
  ramp: { type: 'string' },
  duration: { type: 'string' },
  rendition: { type: 'string' },
  concurrency: { type: 'string' },
  workers: { type: 'string' },
  'max-requests': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  'allow-remote': { type: 'boolean' },
  scenario: { type: 'string' },
} as const;

/** The same id rule as the platform's (core idSchema): it goes into a URL path. */
const CHANNEL_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Pure: the playback command's arguments (after `playback`); throws UsageError (node:util's TypeError for unknown options). */
export function parsePlaybackArgs(argv: string[]): PlaybackOptions {
  const { values, positionals } = parseNodeArgs({ args: argv, options, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.scenario !== undefined && values.scenario !== 'playback') throw new UsageError(`--scenario ${values.scenario} cannot be combined with playback`);
  const allowRemote = values['allow-remote'] === true;
  const target = parseTarget(values.target, allowRemote);
  const channel = values.channel;
  if (channel === undefined || channel === '') throw new UsageError('--channel is required');
  if (!CHANNEL_ID.test(channel)) throw new UsageError(`--channel must be a channel id (letters, digits, - and _), got "${channel}"`);
  const rendition = values.rendition ?? 'mixed';
  if (!(renditionPolicies as readonly string[]).includes(rendition)) throw new UsageError(`--rendition must be one of ${renditionPolicies.join(', ')}, got "${rendition}"`);
  const durationSeconds = seconds('duration', values.duration, 60, 3600);
  const rampSeconds = seconds('ramp', values.ramp, Math.min(10, Math.floor(durationSeconds / 2)) || 1, 3600);
  if (rampSeconds >= durationSeconds) throw new UsageError(`--ramp (${rampSeconds} s) must be shorter than --duration (${durationSeconds} s): the last viewers need time to watch`);
  const out = values.out;
  return {
    target,
    channel,
    viewers: count('viewers', values.viewers, 200, 1_000_000),
    rampSeconds,
    durationSeconds,
    rendition: rendition as RenditionPolicy,
    concurrency: count('concurrency', values.concurrency, 256, 4096),
    workers: count('workers', values.workers, availableParallelism(), 64),
    maxRequests: count('max-requests', values['max-requests'], 2_000_000, 100_000_000),
    outDir: out === '' ? undefined : out,
    json: values.json === true,
    allowRemote,
  };
}
