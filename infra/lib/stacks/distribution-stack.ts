import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';
import { createCachePolicies, replayHeaders, responseHeaders } from './distribution-policies.js';

export interface DistributionStackProps extends StackProps {
  config: StageConfig;
  originUrl: lambda.IFunctionUrl;
  /** The replica region's origin: cached reads fail over to it. */
  replicaUrl?: lambda.IFunctionUrl;
  edgeVersion: lambda.IVersion;
  webAclArn: string;
  /** The IVS recordings bucket (LiveStack): replays are served from it at `/ivs/v1/*`. */
  recordings?: s3.IBucket;
}

/**
 * CloudFront in front of everything, one behaviour per cache class (docs/deploy.md): the cached
 * reads (state and event JSON 1 s, the catalog 30 s, keys, HLS) go straight to the origin, with
 * failover to the replica; everything else runs the edge function first (origin-request, with the
 * body, which it hashes for the Function URL's SigV4) and is never cached. The web app comes from
 * S3 through Origin Access Control.
 */
export class DistributionStack extends Stack {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: DistributionStackProps) {
    super(scope, id, props);
    const { config } = props;
    const shield = { originShieldRegion: config.region };
    // Two attempts of 4 s: a dead home origin fails cached reads over within 8 s, not CloudFront's
    // default 3 × 10 s; a 5xx answer fails over at once.
    const connect = { connectionAttempts: 2, connectionTimeout: Duration.seconds(4) };
    const home = origins.FunctionUrlOrigin.withOriginAccessControl(props.originUrl, { ...shield, ...connect, readTimeout: Duration.seconds(30) });
    // The replica's invoke permissions live in its own region (ReplicaAccessStack): a Lambda
    // permission must sit beside its function.
    const oac = props.replicaUrl && new cloudfront.FunctionUrlOriginAccessControl(this, 'ReplicaAccess', { signing: cloudfront.Signing.SIGV4_ALWAYS });
    const reads =
      props.replicaUrl && oac
        ? new origins.OriginGroup({
            primaryOrigin: home,
            fallbackOrigin: new origins.FunctionUrlOrigin(props.replicaUrl, { originShieldRegion: config.replicaRegion, ...connect, originAccessControlId: oac.originAccessControlId }),
            fallbackStatusCodes: [500, 502, 503, 504],
          })
        : home;

    const logs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED, // CloudFront standard logs write with an ACL
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const web = new s3.Bucket(this, 'Web', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'web-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const policies = createCachePolicies(this);
    const headers = responseHeaders(this, config);
    const cachedRead = (cachePolicy: cloudfront.ICachePolicy): cloudfront.BehaviorOptions => ({
      origin: reads,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
      cachePolicy,
      compress: true,
      responseHeadersPolicy: headers,
    });
    const throughEdge: cloudfront.BehaviorOptions = {
      origin: home,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
      responseHeadersPolicy: headers,
      edgeLambdas: [{ functionVersion: props.edgeVersion, eventType: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST, includeBody: true }],
    };

    const replays = props.recordings && this.replayBehavior(props.recordings, policies.vod, replayHeaders(this, config));

    this.distribution = new cloudfront.Distribution(this, 'Cdn', {
      comment: `Banjjak ${config.stage}`,
      domainNames: [config.domain.name],
      certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', config.domain.certificateArn),
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      webAclId: props.webAclArn,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cdn/',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(web),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        compress: true,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: spaFallback(this), eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      // CloudFront matches in this order: the first pattern that fits wins.
      additionalBehaviors: {
        '/api/queue/*/state': cachedRead(policies.json1s),
        '/api/events/*/bookings': throughEdge,
        '/api/events/*/fairness': cachedRead(policies.fairness),
        '/api/events/*': cachedRead(policies.json1s),
        '/api/catalog': cachedRead(policies.catalog),
        '/api/channels/*': cachedRead(policies.json1s),
        '/.well-known/*': cachedRead(cloudfront.CachePolicy.USE_ORIGIN_CACHE_CONTROL_HEADERS),
        '/hls/*.m3u8': cachedRead(policies.playlist1s),
        '/hls/*': cachedRead(policies.segments1y),
        // IVS recordings' keys start ivs/v1/ (record-to-s3.html); a replay's playlist is /<prefix>/media/hls/master.m3u8.
        ...(replays && { '/ivs/v1/*': replays }),
        '/api/*': throughEdge,
      },
    });
    Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR1', reason: 'Drops are open to shoppers wherever they are; abuse is handled by the WAF rate rules and the queue, not by country' });
    new CfnOutput(this, 'DistributionDomain', { value: this.distribution.distributionDomainName });
    new CfnOutput(this, 'WebBucket', { value: web.bucketName });
  }

  /**
   * The recordings bucket through Origin Access Control. Its one policy is written here: it names
   * this distribution, and the bucket's stack cannot depend on this one (this one reads it), so the
   * bucket is used by reference and the policy, with the TLS-only rule, is attached to it from here.
   */
  private replayBehavior(recordings: s3.IBucket, cachePolicy: cloudfront.ICachePolicy, responseHeadersPolicy: cloudfront.IResponseHeadersPolicy): cloudfront.BehaviorOptions {
    const bucket = s3.Bucket.fromBucketAttributes(this, 'Recordings', { bucketArn: recordings.bucketArn, bucketName: recordings.bucketName, region: this.region });
    bucket.policy = new s3.BucketPolicy(this, 'RecordingsPolicy', { bucket });
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    return {
      origin: origins.S3BucketOrigin.withOriginAccessControl(bucket, { originAccessLevels: [cloudfront.AccessLevel.READ] }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy,
      compress: true,
      responseHeadersPolicy,
    };
  }
}

/** Paths without a file extension are the SPA's routes: serve index.html, keep the URL. */
function spaFallback(scope: Construct): cloudfront.Function {
  return new cloudfront.Function(scope, 'SpaFallback', {
    runtime: cloudfront.FunctionRuntime.JS_2_0,
    comment: 'Serve index.html for app routes',
    code: cloudfront.FunctionCode.fromInline(
      "function handler(event) { var r = event.request; if (!/\\.[a-z0-9]+$/i.test(r.uri)) r.uri = '/index.html'; return r; }",
    ),
  });
}
