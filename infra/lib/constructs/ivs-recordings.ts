import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as ivs from 'aws-cdk-lib/aws-ivs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageConfig } from '../config.js';

export interface IvsRecordingsProps {
  stage: string;
  recordings: StageConfig['live']['recordings'];
}

/**
 * Where IVS records the channels: a bucket (IVS writes `ivs/v1/<account>/<channel>/…` through its
 * service-linked role, https://docs.aws.amazon.com/ivs/latest/LowLatencyUserGuide/record-to-s3.html)
 * and the recording configuration channels attach. The bucket's one policy, CloudFront's read
 * grant beside the TLS-only rule, is written by the distribution stack: it names the distribution,
 * which depends on this stack.
 */
export class IvsRecordings extends Construct {
  readonly bucket: s3.Bucket;
  readonly configuration: ivs.CfnRecordingConfiguration;

  constructor(scope: Construct, id: string, props: IvsRecordingsProps) {
    super(scope, id);
    const { recordings } = props;
    const logs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, // S3 log delivery writes with an ACL
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'recordings-bucket/',
      lifecycleRules: [
        {
          transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(recordings.infrequentAccessAfterDays) }],
          ...(recordings.expireAfterDays !== undefined && { expiration: Duration.days(recordings.expireAfterDays) }),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.configuration = new ivs.CfnRecordingConfiguration(this, 'Configuration', {
      name: `banjjak-${props.stage}`,
      destinationConfiguration: { s3: { bucketName: this.bucket.bucketName } },
      thumbnailConfiguration: { recordingMode: 'INTERVAL', targetIntervalSeconds: 10 },
      recordingReconnectWindowSeconds: recordings.reconnectWindowSeconds,
    });
  }
}
