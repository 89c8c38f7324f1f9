import { z, type ZodType } from 'zod';
import { contract, type Auth, type Operation } from './contract.js';
import { problemSchema } from './problem.js';

function json(schema: ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const security: Record<Auth, string> = { id: 'idToken', queue: 'queueToken', access: 'accessToken', operator: 'operatorToken' };

/** Public operations say so with `security: []`; a trailing `{}` is OpenAPI's "or no credentials at all". */
function securityOf(op: Operation) {
  if (!op.auth) return [];
  return [{ [security[op.auth]]: [] }, ...(op.authOptional ? [{}] : [])];
}

/**
 * The declared answers, plus those any operation of its kind can give whether or not the contract
 * lists them: a refused or missing token where a token is required, and the per-client ceiling
 * that guards every path (the WAF's rate rule in production, 429 problem+json like the app's own).
 */
function answersOf(op: Operation): Operation['responses'] {
  const answers = { ...op.responses };
  if (op.auth && !answers[401]) answers[401] = ['unauthorized, invalid_token (no token, or one that is refused)'];
  answers[429] ??= ['rate_limited (a per-client ceiling guards every path)'];
  return answers;
}

function operation(op: Operation) {
  const params = [...op.path.matchAll(/:(\w+)/g)].map(([, name]) => ({ name, in: 'path', required: true, schema: { type: 'string' } }));
  for (const [name, schema] of Object.entries(op.query?.shape ?? {})) {
    params.push({ name, in: 'query', required: false, schema: json(schema as ZodType, 'input') as { type: string } });
  }
  if (op.idempotencyKey) {
    params.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } });
  }
  const responses = Object.fromEntries(
    Object.entries(answersOf(op)).map(([status, [description, schema]]) => {
      const problem = Number(status) >= 400;
      const body = problem ? { $ref: '#/components/schemas/Problem' } : schema && json(schema, 'output');
      const type = problem ? 'application/problem+json' : 'application/json';
      return [status, { description, ...(body && { content: { [type]: { schema: body } } }) }];
    }),
  );
  return {
    summary: op.summary,
    tags: [op.tag],
    operationId: `${op.method}${op.path.replace(/[/:{}-]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
    ...(params.length > 0 && { parameters: params }),
    security: securityOf(op),
    ...(op.body && { requestBody: { required: true, content: { 'application/json': { schema: json(op.body, 'input') } } } }),
    responses,
  };
}

/**
 * OpenAPI 3.1 for the public contract, generated from the zod schemas that validate requests.
 * Every operation it emits passes `redocly lint` (recommended rules): edge/openapi-lint.test.ts.
 */
export function buildOpenApiDocument(serverUrl = '/', operations: readonly Operation[] = contract) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [op.method]: operation(op) };
  }
  const bearer = (description: string) => ({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description });
  return {
    openapi: '3.1.0',
    info: {
      title: 'Banjjak public API',
      version: '1',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      description: 'Flash drops: a fair waiting room, exact inventory, a durable ledger. Errors are RFC 9457 problem+json; branch on `code`.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: { Problem: json(problemSchema, 'output') },
      securitySchemes: {
        idToken: bearer('ES256 id token from /api/auth/guest or /api/auth/login'),
        queueToken: bearer('ES256 queue token from join: your place in line'),
        accessToken: bearer('ES256 access token from admit: your shopping session'),
        operatorToken: { type: 'http', scheme: 'bearer', description: 'ADMIN_TOKEN' },
      },
    },
  };
}
