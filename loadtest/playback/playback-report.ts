import { build } from 'hdr-histogram-js';
import type { Sample } from '../client/load-client.js';
import type { EndpointSummary } from '../metrics/endpoint-metrics.js';
import type { PlaybackOptions } from './playback-args.js';
import type { ViewerRecord } from './play-viewer.js';

/** Request kinds as the report names them, by the endpoint names the viewers record. */
export const requestKinds = { master: 'hls.master', playlist: 'hls.playlist', segment: 'hls.segment' } as const;
export type RequestKind = keyof typeof requestKinds;

/** A viewer is behind the live cadence when it got fewer segments than its watch time allows, less this slack. */
export const CADENCE_SLACK_SEGMENTS = 2;

export interface PlaybackReport {
  scenario: 'playback';
  /** Every viewer started and no request failed. */
  ok: boolean;
  problems: string[];
  target: string;
  channel: string;
  masterPath: string;
  config: Pick<PlaybackOptions, 'viewers' | 'rampSeconds' | 'durationSeconds' | 'rendition' | 'concurrency'> & { workers: number };
  startedAt: string;
  durationSeconds: number;
  viewers: { arrived: number; started: number; neverStarted: number; gaveUp: number; byRendition: Record<string, number> };
  /** Play intent (the due arrival instant) → first segment buffered, ms, HdrHistogram. */
  startupMs: { p50: number; p90: number; p99: number; max: number; samples: number } | null;
  rebuffer: { ratio: number; stallSeconds: number; playSeconds: number; stalls: number; stallsPerViewer: number; viewersWithStalls: number };
  segments: { total: number; perViewerMin: number; perViewerMedian: number; behindCadence: number; resyncs: number };
  /** Per kind: requests, req/s over the kind's active window, latency from when due (ms), errors by status. */
  requests: { total: number; rps: number; byKind: Partial<Record<RequestKind, EndpointSummary>> };
  errorsByStatus: Record<string, number>;
  samples: Sample[];
  notes: string[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/** Segments a viewer should have had by the end: its watch time over the target duration, plus the three it starts behind the edge, less slack. */
export function isBehindCadence(viewer: ViewerRecord): boolean {
  if (viewer.targetDurationS === undefined) return viewer.gaveUp === undefined;
  const watchedS = (viewer.endedAt - viewer.arrivedAt) / 1000;
  return viewer.segments < Math.floor(watchedS / viewer.targetDurationS) - CADENCE_SLACK_SEGMENTS;
}

export interface PlaybackReportInput {
  options: PlaybackOptions;
  masterPath: string;
  workers: number;
  startedAt: Date;
  durationSeconds: number;
  viewers: readonly ViewerRecord[];
  endpoints: Record<string, EndpointSummary>;
  samples: Sample[];
  notes: string[];
}

export function buildPlaybackReport(input: PlaybackReportInput): PlaybackReport {
  const { options, viewers } = input;
  const started = viewers.filter((viewer) => viewer.startupMs !== undefined);
  const startup = build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3, autoResize: true });
  for (const viewer of started) startup.recordValue(Math.max(1, Math.round(viewer.startupMs! * 1000)));
  const ms = (micros: number) => Math.round(micros) / 1000;
  const stallMs = viewers.reduce((sum, viewer) => sum + viewer.stallMs, 0);
  const playMs = viewers.reduce((sum, viewer) => sum + viewer.playMs, 0);
  const stalls = viewers.reduce((sum, viewer) => sum + viewer.stalls, 0);
  const byKind: Partial<Record<RequestKind, EndpointSummary>> = {};
  const errorsByStatus: Record<string, number> = {};
  let total = 0;
  for (const [kind, endpoint] of Object.entries(requestKinds) as [RequestKind, string][]) {
    const summary = input.endpoints[endpoint];
    if (!summary) continue;
    byKind[kind] = summary;
    total += summary.requests;
    for (const [code, n] of Object.entries(summary.errorsByCode)) errorsByStatus[code] = (errorsByStatus[code] ?? 0) + n;
  }
  const byRendition: Record<string, number> = {};
  for (const viewer of viewers) if (viewer.rendition) byRendition[viewer.rendition] = (byRendition[viewer.rendition] ?? 0) + 1;
  const neverStarted = viewers.length - started.length;
  const gaveUp = viewers.filter((viewer) => viewer.gaveUp !== undefined).length;
  const failedRequests = Object.values(errorsByStatus).reduce((sum, n) => sum + n, 0);
  const problems = [
    ...(neverStarted > 0 ? [`${neverStarted} of ${viewers.length} viewers never started${gaveUp > 0 ? ` (${gaveUp} gave up: ${viewers.find((viewer) => viewer.gaveUp)?.gaveUp})` : ''}`] : []),
    ...(failedRequests > 0 ? [`${failedRequests} requests failed (${Object.entries(errorsByStatus).map(([code, n]) => `${code} ${n}`).join(', ')})`] : []),
  ];
  return {
    scenario: 'playback',
    ok: problems.length === 0 && viewers.length > 0,
    problems: viewers.length === 0 ? ['no viewer arrived'] : problems,
    target: options.target,
    channel: options.channel,
    masterPath: input.masterPath,
    config: { viewers: options.viewers, rampSeconds: options.rampSeconds, durationSeconds: options.durationSeconds, rendition: options.rendition, concurrency: options.concurrency, workers: input.workers },
    startedAt: input.startedAt.toISOString(),
    durationSeconds: Math.round(input.durationSeconds * 10) / 10,
    viewers: { arrived: viewers.length, started: started.length, neverStarted, gaveUp, byRendition },
    startupMs: started.length === 0 ? null : { p50: ms(startup.getValueAtPercentile(50)), p90: ms(startup.getValueAtPercentile(90)), p99: ms(startup.getValueAtPercentile(99)), max: ms(startup.maxValue), samples: startup.totalCount },
    rebuffer: {
      ratio: stallMs + playMs === 0 ? 0 : stallMs / (stallMs + playMs),
      stallSeconds: Math.round(stallMs) / 1000,
      playSeconds: Math.round(playMs) / 1000,
      stalls,
      stallsPerViewer: started.length === 0 ? 0 : stalls / started.length,
      viewersWithStalls: viewers.filter((viewer) => viewer.stalls > 0).length,
    },
    segments: {
      total: viewers.reduce((sum, viewer) => sum + viewer.segments, 0),
      perViewerMin: viewers.length === 0 ? 0 : Math.min(...viewers.map((viewer) => viewer.segments)),
      perViewerMedian: median(viewers.map((viewer) => viewer.segments)),
      behindCadence: viewers.filter(isBehindCadence).length,
      resyncs: viewers.reduce((sum, viewer) => sum + viewer.resyncs, 0),
    },
    requests: { total, rps: Math.round((total / Math.max(1, input.durationSeconds)) * 10) / 10, byKind },
    errorsByStatus,
    samples: input.samples,
    notes: input.notes,
  };
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');

/** The text summary the CLI prints. */
export function formatPlaybackSummary(report: PlaybackReport, file: string): string {
  const { viewers, startupMs, rebuffer, segments, requests } = report;
  const rows = (Object.entries(requests.byKind) as [RequestKind, EndpointSummary][]).map(
    ([kind, summary]) =>
      `  ${kind.padEnd(9)} ${n(summary.requests).padStart(10)} ${summary.rps.toFixed(1).padStart(9)} ${summary.p50.toFixed(1).padStart(9)} ${summary.p99.toFixed(1).padStart(9)} ${n(summary.errors).padStart(8)}`,
  );
  const errors = Object.entries(report.errorsByStatus);
  return [
    '',
    `playback of ${report.channel} (${report.masterPath}) on ${report.target}: ${n(report.config.viewers)} viewers over ${report.config.rampSeconds} s, ${report.durationSeconds} s in all, renditions ${report.config.rendition}, ${report.config.workers} worker threads`,
    `viewers     ${n(viewers.arrived)} arrived, ${n(viewers.started)} started, ${n(viewers.neverStarted)} never started; ${Object.entries(viewers.byRendition).map(([name, count]) => `${name} ${n(count)}`).join(', ')}`,
    startupMs
      ? `startup     p50 ${startupMs.p50.toFixed(0)} ms, p90 ${startupMs.p90.toFixed(0)} ms, p99 ${startupMs.p99.toFixed(0)} ms, max ${startupMs.max.toFixed(0)} ms (play intent to the first segment buffered)`
      : 'startup     no viewer started',
    `rebuffer    ratio ${(rebuffer.ratio * 100).toFixed(2)} % (${rebuffer.stallSeconds.toFixed(1)} s stalled / ${(rebuffer.playSeconds + rebuffer.stallSeconds).toFixed(0)} s watched), ${rebuffer.stallsPerViewer.toFixed(2)} stalls per viewer, ${n(rebuffer.viewersWithStalls)} viewers stalled at least once`,
    `segments    ${n(segments.total)} (per viewer: min ${segments.perViewerMin}, median ${segments.perViewerMedian}); ${n(segments.behindCadence)} viewers behind the live cadence, ${segments.resyncs} jumps back to the live edge`,
    `requests    ${n(requests.total)}, ${requests.rps.toFixed(1)}/s at the target`,
    '  kind        requests     req/s    p50 ms    p99 ms   errors',
    ...rows,
    `errors      ${errors.length === 0 ? 'none' : errors.map(([code, count]) => `${code} ${n(count)}`).join(', ')}`,
    ...report.notes.map((note) => `note        ${note}`),
    `verdict     ${report.ok ? 'ok' : `FAILED: ${report.problems.join('; ')}`}`,
    `report      ${file}`,
    '',
  ].join('\n');
}
