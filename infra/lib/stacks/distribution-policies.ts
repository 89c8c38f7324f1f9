import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';

/**
 * The cache classes. min 0 so an origin's `no-store` (an error) is honoured; the origin's own
 * Cache-Control sets the TTL inside [min, max]; compressed variants are cached apart.
 */
export function createCachePolicies(scope: Construct) {
  const policy = (id: string, defaultTtl: Duration, maxTtl: Duration, query = cloudfront.CacheQueryStringBehavior.none()) =>
    new cloudfront.CachePolicy(scope, id, {
      comment: `Banjjak ${id}`,
      minTtl: Duration.seconds(0),
      defaultTtl,
      maxTtl,
      queryStringBehavior: query,
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
  return {
    json1s: policy('Json1s', Duration.seconds(1), Duration.seconds(1)),
    // The key keeps only the page parameters, as the edge's own cache does: ?x=<random> cannot bust it.
    catalog: policy('Catalog30s', Duration.seconds(30), Duration.seconds(30), cloudfront.CacheQueryStringBehavior.allowList('limit', 'cursor')),
    // A draw's evidence: 1 s until recorded, then a day (the origin says `immutable`); keyed by the list's part.
    fairness: policy('Fairness1d', Duration.seconds(1), Duration.days(1), cloudfront.CacheQueryStringBehavior.allowList('part')),
    playlist1s: policy('Playlist1s', Duration.seconds(1), Duration.seconds(1)),
    segments1y: policy('Segments1y', Duration.days(365), Duration.days(365)),
    // Replays: IVS writes a recording once and never changes it (the replay exists only after
    // Recording End); a day at least, whatever S3 says.
    vod: new cloudfront.CachePolicy(scope, 'Vod1y', {
      comment: 'Banjjak Vod1y',
      minTtl: Duration.days(1),
      defaultTtl: Duration.days(365),
      maxTtl: Duration.days(365),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    }),
  };
}

/** Security headers on every answer, API and app alike. */
export function responseHeaders(scope: Construct, config: StageConfig): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, 'SecurityHeaders', { comment: 'Banjjak security headers', ...securityHeaders(config) });
}

/**
 * The replays' playlists and segments (IVS recordings in S3): the security headers, and CORS for
 * a web player on the site's own origin (hls.js fetches them with XHR).
 */
export function replayHeaders(scope: Construct, config: StageConfig): cloudfront.ResponseHeadersPolicy {
  return new cloudfront.ResponseHeadersPolicy(scope, 'ReplayHeaders', {
    comment: 'Banjjak replays: security headers and CORS for the web player',
    ...securityHeaders(config),
    corsBehavior: {
      accessControlAllowOrigins: [`https://${config.domain.name}`],
      accessControlAllowMethods: ['GET', 'HEAD'],
      accessControlAllowHeaders: ['*'],
      accessControlExposeHeaders: ['Content-Length', 'Content-Range'],
      accessControlAllowCredentials: false,
      accessControlMaxAge: Duration.days(1),
      originOverride: true,
    },
  });
}

function securityHeaders(config: StageConfig): Pick<cloudfront.ResponseHeadersPolicyProps, 'securityHeadersBehavior' | 'customHeadersBehavior'> {
  return {
    securityHeadersBehavior: {
      strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: true, override: true },
      contentSecurityPolicy: {
        contentSecurityPolicy: [
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data: blob:",
          // IVS playback and its metadata come from *.live-video.net.
          `connect-src 'self' https://${config.domain.name} https://*.live-video.net`,
          "media-src 'self' blob: https://*.live-video.net",
          "worker-src 'self' blob:",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "form-action 'self'",
        ].join('; '),
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
    },
    // The same as the Node edge's (edge/middleware/document-headers.ts).
    customHeadersBehavior: {
      customHeaders: [{ header: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), fullscreen=(self)', override: true }],
    },
  };
}
