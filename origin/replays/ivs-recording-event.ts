import { z } from 'zod';
import type { Logger } from '../logging/log.js';
import { ivsReplayId } from './replay-ids.js';
import type { ReplayService } from './replay-service.js';

/**
 * The S3 prefix of an IVS recording: `ivs/v1/<account_id>/<channel_id>/<year>/<month>/<day>/<hours>/<minutes>/<recording_id>`
 * (https://docs.aws.amazon.com/ivs/latest/LowLatencyUserGuide/record-to-s3.html).
 */
const RECORDING_PREFIX = /^ivs\/v1\/(\d{12})\/([A-Za-z0-9]+)\/\d{4}\/\d{1,2}\/\d{1,2}\/\d{1,2}\/\d{1,2}\/[A-Za-z0-9_-]+$/;
const CHANNEL_ARN = /^arn:aws:ivs:[a-z0-9-]+:(\d{12}):channel\/([A-Za-z0-9]+)$/;

/** The fields of an `IVS Recording State Change` event (source `aws.ivs`) a replay is made of. */
const recordingEndSchema = z.object({
  time: z.iso.datetime({ offset: true }),
  resources: z.array(z.string().regex(CHANNEL_ARN)).min(1),
  detail: z.object({
    recording_status: z.literal('Recording End'),
    recording_s3_bucket_name: z.string().min(1).max(63),
    recording_s3_key_prefix: z.string().regex(RECORDING_PREFIX),
    recording_duration_ms: z.number().int().nonnegative(),
    channel_name: z.string().optional(),
    stream_id: z.string().max(100).optional(),
  }),
});

export type IvsEventOutcome = { kind: 'saved'; replayId: string; created: boolean } | { kind: 'ignored'; reason: string };

/** Whether the Lambda was invoked with an event of IVS (EventBridge, source `aws.ivs`). */
export const isIvsEvent = (event: unknown): boolean =>
  typeof event === 'object' && event !== null && (event as { source?: unknown }).source === 'aws.ivs';

/**
 * An IVS event sent to the origin Lambda by EventBridge. `Recording End` of a configured channel
 * saves its replay (started `recording_duration_ms` before the event's `time`, played from the
 * recording's own master playlist, which CloudFront serves from the recordings bucket under
 * `ivs/v1/*`); anything else is ignored with a log line. Events are hints, delivered best effort,
 * possibly late, repeated or out of order: the replay's id comes from the recording, so a repeat
 * is the same replay, and nothing depends on a `Recording Start` having come first.
 */
export async function recordIvsEvent(replays: ReplayService, event: unknown, log: Pick<Logger, 'info' | 'warn'>): Promise<IvsEventOutcome> {
  const ignore = (reason: string, fields: Record<string, unknown> = {}): IvsEventOutcome => {
    log.info({ ...fields, reason }, 'ivs event ignored');
    return { kind: 'ignored', reason };
  };
  const { 'detail-type': detailType, detail } = event as { 'detail-type'?: unknown; detail?: { recording_status?: unknown } };
  if (detailType !== 'IVS Recording State Change') return ignore('not a recording state change', { detailType });
  if (detail?.recording_status !== 'Recording End') return ignore('not a recording end', { status: detail?.recording_status });
  const parsed = recordingEndSchema.safeParse(event);
  if (!parsed.success) return ignore('malformed recording end', { fields: parsed.error.issues.map((issue) => issue.path.join('.')) });
  const { time, resources, detail: recording } = parsed.data;

  const arn = resources[0]!;
  const channel = replays.channels.configs().find((candidate) => candidate.ivsChannelArn === arn);
  if (!channel) return ignore('no channel configured for this IVS channel', { arn });
  const [, account, ivsChannel] = CHANNEL_ARN.exec(arn)!;
  const [, prefixAccount, prefixChannel] = RECORDING_PREFIX.exec(recording.recording_s3_key_prefix)!;
  if (prefixAccount !== account || prefixChannel !== ivsChannel) return ignore('the recording prefix names another channel', { arn, prefix: recording.recording_s3_key_prefix });

  const endedMs = Date.parse(time);
  const id = ivsReplayId(recording.recording_s3_bucket_name, recording.recording_s3_key_prefix);
  const { created } = await replays.save({
    id,
    channelId: channel.id,
    title: channel.title,
    startedAt: new Date(endedMs - recording.recording_duration_ms).toISOString(),
    endedAt: new Date(endedMs).toISOString(),
    durationSeconds: recording.recording_duration_ms / 1000,
    playbackUrl: `/${recording.recording_s3_key_prefix}/media/hls/master.m3u8`,
    ...(channel.thumbnailUrl !== undefined && { thumbnailUrl: channel.thumbnailUrl }),
    source: {
      kind: 'ivs',
      bucket: recording.recording_s3_bucket_name,
      prefix: recording.recording_s3_key_prefix,
      ...(recording.stream_id !== undefined && { streamId: recording.stream_id }),
    },
    createdAt: new Date(replays.clock.now()).toISOString(),
  });
  log.info({ replayId: id, channelId: channel.id, created }, 'ivs recording saved as a replay');
  return { kind: 'saved', replayId: id, created };
}
