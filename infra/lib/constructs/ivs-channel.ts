import { CfnOutput } from 'aws-cdk-lib';
import * as ivs from 'aws-cdk-lib/aws-ivs';
import { Construct } from 'constructs';
import type { LiveChannelConfig } from '../live-config.js';

export interface IvsChannelProps {
  stage: string;
  channel: LiveChannelConfig;
  /** Every channel the stack creates is recorded: a replay follows each broadcast. */
  recordingConfigurationArn: string;
}

/**
 * One IVS channel the stack creates: low latency, `authorized` when private (viewers need a
 * playback token), recorded, with a stream key. The key's value is a secret: it is in no output
 * and no environment; operators read it with `aws ivs get-stream-key` (docs/deploy.md).
 */
export class IvsChannel extends Construct {
  readonly channel: ivs.CfnChannel;
  readonly streamKey: ivs.CfnStreamKey;

  constructor(scope: Construct, id: string, props: IvsChannelProps) {
    super(scope, id);
    const { channel } = props;
    this.channel = new ivs.CfnChannel(this, 'Channel', {
      name: `banjjak-${props.stage}-${channel.id}`,
      type: channel.type ?? 'STANDARD',
      latencyMode: 'LOW',
      authorized: channel.private,
      recordingConfigurationArn: props.recordingConfigurationArn,
      tags: [{ key: 'banjjak:channel', value: channel.id }],
    });
    // CloudFormation's channel has no key of its own (unlike CreateChannel): this is the one to stream with.
    this.streamKey = new ivs.CfnStreamKey(this, 'StreamKey', { channelArn: this.channel.attrArn });
    new CfnOutput(this, 'Arn', { value: this.channel.attrArn, description: `IVS channel of ${channel.id}` });
    new CfnOutput(this, 'PlaybackUrl', { value: this.channel.attrPlaybackUrl, description: `IVS playback of ${channel.id} (the origin asks IVS for it too)` });
    new CfnOutput(this, 'Ingest', { value: this.channel.attrIngestEndpoint, description: `RTMPS ingest of ${channel.id}: rtmps://<this>:443/app/` });
    new CfnOutput(this, 'StreamKeyArn', { value: this.streamKey.attrArn, description: `aws ivs get-stream-key --arn <this> gives ${channel.id}'s stream key` });
  }
}
