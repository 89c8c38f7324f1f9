import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelConfig } from '../channels/channel-config.js';
import { createLambdaHandler } from '../entry/lambda-handler.js';
import { createEventTickPass } from '../events/start-event-ticks.js';
import { createLogger } from '../logging/log.js';
import { createReconcilePass } from '../reconcile/start-reconciler.js';
import { callApp } from '../test-support/call-app.js';
import { createTestOrigin, type TestOrigin } from '../test-support/create-test-origin.js';
import { startDynalite, type TestDynamo } from '../test-support/start-dynalite.js';

const ARN = 'arn:aws:ivs:ap-northeast-2:123456789012:channel/AbCdef1G2hij';
const PREFIX = 'ivs/v1/123456789012/AbCdef1G2hij/2026/12/4/23/10/j8Z9O91ndcVs';
const channels: ChannelConfig[] = [
  { id: 'ch-live', title: 'Friday night drop', private: false, eventId: 'drop-x', ivsChannelArn: ARN, thumbnailUrl: '/img/ch-live.jpg' },
  { id: 'ch-other', title: 'Other', private: false, ivsChannelArn: 'arn:aws:ivs:ap-northeast-2:123456789012:channel/Zz9Other0000' },
];

/** An `IVS Recording State Change` as EventBridge hands it to the Lambda (docs: eventbridge.html, record-to-s3.html). */
const recordingEvent = (status: string, overrides: { resources?: string[]; detail?: Record<string, unknown> } = {}) => ({
  version: '0',
  id: '7d3d0a8b-1f6e-4c3a-9a3c-5d8c0e1f2a3b',
  'detail-type': 'IVS Recording State Change',
  source: 'aws.ivs',
  account: '123456789012',
  time: '2026-12-04T23:55:30Z',
  region: 'ap-northeast-2',
  resources: overrides.resources ?? [ARN],
  detail: {
    channel_name: 'friday-night',
    stream_id: 'st-1A2b3c4D5e6F78ghij9Klmn',
    recording_status: status,
    recording_status_reason: '',
    recording_s3_bucket_name: 'banjjak-recordings',
    recording_s3_key_prefix: PREFIX,
    recording_duration_ms: 2_700_500,
    ...overrides.detail,
  },
});

let dynamo: TestDynamo;
let origin: TestOrigin;
let lines: { msg: string; reason?: string }[];
beforeAll(async () => (dynamo = await startDynalite()));
afterAll(() => dynamo.close());
beforeEach(async () => {
  origin = await createTestOrigin(dynamo, { channels });
  lines = [];
  const destination = new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
  origin.deps.log = createLogger({ destination });
});

const lambda = () =>
  createLambdaHandler(
    { app: origin.app, deps: origin.deps, replays: origin.replays, ticks: createEventTickPass(origin.deps.ledger, origin.events), reconcile: createReconcilePass(origin.deps) },
    { eventTickMs: 1_000, reconcileIntervalMs: 10_000, stage: 'test' },
  );
const answer = async (event: unknown) => JSON.parse((await lambda()(event)).body) as Record<string, unknown>;

describe('IVS recordings become replays in the origin Lambda entry', () => {
  it('saves a Recording End of a configured channel once, however often the event comes', async () => {
    // A pin made during the recording is on its timeline.
    await origin.deps.ledger.setFeatured('ch-live', [{ eventId: 'drop-x', itemId: 'bag' }], Date.parse('2026-12-04T23:20:00Z'));
    const saved = await answer(recordingEvent('Recording End'));
    expect(saved).toMatchObject({ kind: 'saved', created: true });
    const replayId = saved.replayId as string;
    const read = await callApp(origin.app, 'GET', `/api/replays/${replayId}`);
    expect(read.body).toEqual({
      id: replayId,
      channelId: 'ch-live',
      title: 'Friday night drop',
      startedAt: '2026-12-04T23:10:29.500Z',
      endedAt: '2026-12-04T23:55:30.000Z',
      durationSeconds: 2700.5,
      playbackUrl: `/${PREFIX}/media/hls/master.m3u8`,
      thumbnailUrl: '/img/ch-live.jpg',
      plays: 0,
      timeline: [{ eventId: 'drop-x', itemId: 'bag', offsetSeconds: 570.5, pinnedAt: '2026-12-04T23:20:00.000Z' }],
    });
    // Sent again (EventBridge may repeat an event, hours late): the same replay, nothing new.
    expect(await answer(recordingEvent('Recording End'))).toEqual({ kind: 'saved', replayId, created: false });
    expect((await origin.deps.ledger.listReplays({ sort: 'newest', limit: 10 })).replays.map((replay) => replay.id)).toEqual([replayId]);
    expect(lines.filter((line) => line.msg === 'ivs recording saved as a replay')).toHaveLength(2);
  });

  it('ignores other statuses, other events, unknown channels and malformed ends, with a log line each', async () => {
    const ignored: [unknown, string][] = [
      [recordingEvent('Recording Start'), 'not a recording end'],
      [recordingEvent('Recording Start Failure'), 'not a recording end'],
      [{ ...recordingEvent('Recording End'), 'detail-type': 'IVS Stream State Change' }, 'not a recording state change'],
      [recordingEvent('Recording End', { resources: ['arn:aws:ivs:ap-northeast-2:123456789012:channel/Unknown00000'] }), 'no channel configured for this IVS channel'],
      [recordingEvent('Recording End', { resources: [channels[1]!.ivsChannelArn!] }), 'the recording prefix names another channel'],
      [recordingEvent('Recording End', { detail: { recording_s3_key_prefix: '../secrets' } }), 'malformed recording end'],
      [recordingEvent('Recording End', { detail: { recording_duration_ms: -5 } }), 'malformed recording end'],
      [{ ...recordingEvent('Recording End'), time: 'soon' }, 'malformed recording end'],
    ];
    for (const [event, reason] of ignored) {
      expect(await answer(event), reason).toEqual({ kind: 'ignored', reason });
    }
    expect(lines.filter((line) => line.msg === 'ivs event ignored').map((line) => line.reason)).toEqual(ignored.map(([, reason]) => reason));
    expect((await origin.deps.ledger.listReplays({ sort: 'newest', limit: 10 })).replays).toEqual([]);
  });
});
