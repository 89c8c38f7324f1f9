import { randomUUID } from 'node:crypto';

export interface EventOptions {
  token?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Send the body base64-encoded, as a Function URL does for bodies it deems binary. */
  base64?: boolean;
}

const domainName = 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.ap-northeast-2.on.aws';

/**
 * A Lambda Function URL request event, payload format 2.0, as the service sends it (lower-case
 * header names, `rawPath` / `rawQueryString`, the method in `requestContext.http`):
 * https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html#urls-payloads
 */
export function functionUrlEvent(method: string, path: string, options: EventOptions = {}) {
  const [rawPath = '/', rawQueryString = ''] = path.split('?');
  const text = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    headers: {
      host: domainName,
      'user-agent': 'vitest',
      'x-amzn-trace-id': `Root=1-${now.toString(16)}-${randomUUID().replaceAll('-', '').slice(0, 24)}`,
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-proto': 'https',
      'x-forwarded-port': '443',
      ...(text !== undefined && { 'content-type': 'application/json' }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    ...(rawQueryString && { queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)) }),
    requestContext: {
      accountId: 'anonymous',
      apiId: domainName.split('.')[0],
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(text !== undefined && { body: options.base64 ? Buffer.from(text).toString('base64') : text, isBase64Encoded: Boolean(options.base64) }),
    ...(text === undefined && { isBase64Encoded: false }),
  };
}

/** A Lambda context with the one method the origin handler calls. */
export const lambdaContext = (remainingMs = 30_000) =>
  ({ functionName: 'banjjak-origin', awsRequestId: randomUUID(), getRemainingTimeInMillis: () => remainingMs }) as never;

export interface InvokeResult {
  status: number;
  headers: Record<string, string>;
  body: any;
}

type Handler = (event: unknown, context?: never) => Promise<{ statusCode: number; headers?: Record<string, string>; body?: string }>;

/** Invokes a Lambda handler with `event` and reads its answer like an HTTP response. */
export async function invoke(handler: Handler, event: unknown): Promise<InvokeResult> {
  const result = await handler(event, lambdaContext());
  let body: unknown = result.body;
  try {
    body = result.body ? JSON.parse(result.body) : undefined;
  } catch {
    // Non-JSON answers stay text.
  }
  return { status: result.statusCode, headers: result.headers ?? {}, body };
}
