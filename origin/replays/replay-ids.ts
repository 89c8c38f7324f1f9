import { createHash } from 'node:crypto';

/**
 * A replay's id comes from its recording, so the same recording saved twice (an IVS event sent
 * again, an operator's second click) is the same replay: `rp-` and 20 hex digits of a SHA-256.
 */
const idOf = (recording: string) => `rp-${createHash('sha256').update(recording).digest('hex').slice(0, 20)}`;

/** A simulated channel's show: the channel and the (segment-aligned) start. */
export const simulatedReplayId = (channelId: string, startedAtMs: number) => idOf(`simulated\n${channelId}\n${startedAtMs}`);

/** An IVS recording: its S3 bucket and key prefix name it uniquely. */
export const ivsReplayId = (bucket: string, prefix: string) => idOf(`ivs\n${bucket}\n${prefix}`);
