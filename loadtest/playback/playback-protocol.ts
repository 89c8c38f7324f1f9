import type { Sample } from '../client/load-client.js';
import type { EndpointSnapshot } from '../metrics/endpoint-metrics.js';
import type { PlaybackOptions } from './playback-args.js';
import type { ViewerRecord } from './play-viewer.js';

/** `workerData` of one playback worker. */
export interface PlaybackWorkerSetup {
  options: PlaybackOptions;
  /** The channel's multivariant playlist on the target (from its `playbackUrl`). */
  masterPath: string;
  /** This worker's viewers are numbers `first` … `first + viewers − 1` of the run. */
  share: { index: number; count: number; viewers: number; first: number };
  connections: number;
  maxRequests: number;
}

/** Once a second from each worker. */
export interface PlaybackInterval {
  tick: number;
  arrived: number;
  started: number;
  sent: number;
  unexpected: number;
}

export interface PlaybackWorkerResult {
  viewers: ViewerRecord[];
  endpoints: Record<string, EndpointSnapshot>;
  samples: Sample[];
  sent: number;
}
