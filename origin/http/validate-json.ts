import { zValidator } from '@hono/zod-validator';
import type { ZodType } from 'zod';
import { AppError } from '../../core/index.js';

/**
 * JSON body validation at the boundary. Malformed JSON surfaces from Hono as an HTTPException
 * (mapped to `invalid_json` by onError); schema failures list every offending field.
 */
export function validateJson<T extends ZodType>(schema: T) {
  return validateInput('json', schema);
}

/** The same for a query string. */
export function validateQuery<T extends ZodType>(schema: T) {
  return validateInput('query', schema);
}

function validateInput<T extends ZodType>(target: 'json' | 'query', schema: T) {
  return zValidator(target, schema, (result) => {
    if (result.success) return;
    const fields = result.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
    throw new AppError('validation_failed', {
      detail: fields.map((field) => `${field.path}: ${field.message}`).join('; '),
      extra: { fields },
    });
  });
}
