import { z } from 'zod';
import { AppError, problemResponse } from '../../core/index.js';

/** An RFC 9110 field name: what `new Headers()` accepts without a TypeError. */
const fieldName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * The part of an API Gateway HTTP API / Lambda Function URL event (payload format 2.0) the
 * hono/aws-lambda adapter reads, checked so a malformed event is a 400 problem rather than a
 * TypeError inside the adapter. https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
 */
export const functionUrlEventSchema = z
  .looseObject({
    version: z.literal('2.0'),
    rawPath: z.string().startsWith('/'),
    rawQueryString: z.string().default(''),
    headers: z.record(z.string().regex(fieldName), z.string().regex(/^[^\r\n\0]*$/)).default({}),
    cookies: z.array(z.string()).optional(),
    body: z.string().optional(),
    isBase64Encoded: z.boolean().default(false),
    requestContext: z.looseObject({ http: z.looseObject({ method: z.string().regex(/^[A-Z]{3,7}$/) }) }),
  })
  .refine((event) => !event.isBase64Encoded || /^[A-Za-z0-9+/]*={0,2}$/.test(event.body ?? ''), { path: ['body'], message: 'isBase64Encoded, but not base64' })
  .refine((event) => !event.body || !['GET', 'HEAD'].includes(event.requestContext.http.method), { path: ['body'], message: 'a GET or HEAD carries no body' });

export interface FunctionUrlResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

/** An error as the Function URL answer: problem+json, like every other error of the origin. */
export async function problemResult(error: unknown): Promise<FunctionUrlResult> {
  const response = problemResponse(error);
  return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text(), isBase64Encoded: false };
}

/** What a malformed invocation is told: which fields, never their values. */
export function malformedEvent(issues: z.core.$ZodIssue[]): AppError {
  const fields = [...new Set(issues.map((issue) => issue.path.join('.') || '(event)'))].slice(0, 5).join(', ');
  return new AppError('bad_request', { detail: `not an API Gateway v2 / Function URL event (payload format 2.0): ${fields}` });
}
