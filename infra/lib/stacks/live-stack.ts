import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as ivs from 'aws-cdk-lib/aws-ivs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';

export interface LiveStackProps extends StackProps {
  config: StageConfig;
}

/** What the origin reads about each IVS channel (the stream key stays in IVS, never in an output). */
export interface LiveChannelRef {
  id: string;
  arn: string;
  playbackUrl: string;
  ingestEndpoint: string;
  private: boolean;
}

/**
 * The live channels of the config on Amazon IVS: a channel and a stream key each, private
 * channels (`authorized`) verified against the imported playback key pair, and recordings to
 * S3 for replays.
 */
export class LiveStack extends Stack {
  readonly channels: LiveChannelRef[];
  readonly recordings?: s3.Bucket;

  constructor(scope: Construct, id: string, props: LiveStackProps) {
    super(scope, id, props);
    const { live, stage } = props.config;
    let recordingArn: string | undefined;
    if (live.channels.some((channel) => channel.record)) {
      this.recordings = new s3.Bucket(this, 'Recordings', {
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        lifecycleRules: [{ transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }] }],
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(this.recordings).acknowledge({ id: 'AwsSolutions-S1', reason: 'Written only by IVS and read through CloudFront, whose access logs record every viewer request' });
      recordingArn = new ivs.CfnRecordingConfiguration(this, 'Recording', {
        name: `banjjak-${stage}`,
        destinationConfiguration: { s3: { bucketName: this.recordings.bucketName } },
        thumbnailConfiguration: { recordingMode: 'INTERVAL', targetIntervalSeconds: 10 },
      }).attrArn;
    }
    if (live.playbackPublicKeyPem) {
      new ivs.CfnPlaybackKeyPair(this, 'PlaybackKey', { name: `banjjak-${stage}`, publicKeyMaterial: live.playbackPublicKeyPem });
    }
    this.channels = live.channels.map((config) => {
      const channel = new ivs.CfnChannel(this, `Channel-${config.id}`, {
        name: `banjjak-${stage}-${config.id}`,
        type: config.type,
        latencyMode: config.latencyMode,
        authorized: config.private,
        ...(config.record && recordingArn && { recordingConfigurationArn: recordingArn }),
        tags: [{ key: 'banjjak:channel', value: config.id }],
      });
      new ivs.CfnStreamKey(this, `StreamKey-${config.id}`, { channelArn: channel.attrArn });
      new CfnOutput(this, `PlaybackUrl-${config.id}`, { value: channel.attrPlaybackUrl });
      new CfnOutput(this, `Ingest-${config.id}`, { value: channel.attrIngestEndpoint });
      return { id: config.id, arn: channel.attrArn, playbackUrl: channel.attrPlaybackUrl, ingestEndpoint: channel.attrIngestEndpoint, private: config.private };
    });
  }
}
