import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as ivs from 'aws-cdk-lib/aws-ivs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { IvsChannel } from '../constructs/ivs-channel.js';
import { IvsRecordings } from '../constructs/ivs-recordings.js';
import type { LiveChannelConfig } from '../live-config.js';

export interface LiveStackProps extends StackProps {
  config: StageConfig;
}

/** A channel of the config and the IVS channel behind it, created here or brought by ARN. */
export interface LiveChannelRef {
  config: LiveChannelConfig;
  arn: string;
}

/**
 * The live channels of the config on Amazon IVS: the ones to create (low latency, private ones
 * `authorized`, recorded to S3, a stream key each) and the existing ones named by ARN; the
 * imported playback key pair that IVS checks private channels' tokens with. Nothing here depends
 * on the origin or the distribution, which both read it.
 */
export class LiveStack extends Stack {
  readonly channels: LiveChannelRef[];
  /** Present when the stage has channels. */
  readonly recordings?: s3.Bucket;
  readonly playbackKeyPair?: ivs.CfnPlaybackKeyPair;

  constructor(scope: Construct, id: string, props: LiveStackProps) {
    super(scope, id, props);
    const { live, stage } = props.config;
    if (live.playbackPublicKeyPem) {
      this.playbackKeyPair = new ivs.CfnPlaybackKeyPair(this, 'PlaybackKey', { name: `banjjak-${stage}`, publicKeyMaterial: live.playbackPublicKeyPem });
    }
    if (live.channels.length === 0) {
      this.channels = [];
      return;
    }
    const recordings = new IvsRecordings(this, 'Recordings', { stage, recordings: live.recordings });
    this.recordings = recordings.bucket;
    Validations.of(recordings.bucket).acknowledge({
      id: 'AwsSolutions-S10',
      reason: 'TLS-only access is in the bucket\'s one policy, which the distribution stack writes beside CloudFront\'s read grant (it names the distribution)',
    });
    // Existing channels record here once given this configuration (docs/deploy.md, going live).
    new CfnOutput(this, 'RecordingConfigurationArn', { value: recordings.configuration.attrArn });
    new CfnOutput(this, 'RecordingsBucket', { value: recordings.bucket.bucketName });
    this.channels = live.channels.map((channel) => {
      if (channel.ivsChannelArn) return { config: channel, arn: channel.ivsChannelArn };
      const created = new IvsChannel(this, `Channel-${channel.id}`, { stage, channel, recordingConfigurationArn: recordings.configuration.attrArn });
      return { config: channel, arn: created.channel.attrArn };
    });
  }
}
