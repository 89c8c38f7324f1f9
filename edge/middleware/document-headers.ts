import { secureHeaders } from 'hono/secure-headers';

/**
 * Security headers of the web app's documents and assets, the same policy as CloudFront's
 * response-headers policy (`infra/lib/stacks/distribution-policies.ts`), for the Node and Workers
 * edges that no CloudFront stands in front of. Scripts only from the app's own origin (no
 * `unsafe-inline`); video and its worker from `blob:` (hls.js uses Media Source Extensions); no
 * framing. API answers are JSON and go without them: setting headers after a handler makes the
 * Node adapter build a full Response, which the hot polls cannot afford.
 */
export const documentHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'"],
    mediaSrc: ["'self'", 'blob:'],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
  },
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  referrerPolicy: 'strict-origin-when-cross-origin',
  xFrameOptions: 'DENY',
  permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [], usb: [], fullscreen: ['self'] },
});
