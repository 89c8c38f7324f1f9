import { z } from 'zod';
import { errorCodes, type ErrorCode } from '../errors/codes.js';

/** RFC 9457 problem document, as every error of the API is rendered. */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
  detail: z.string().optional(),
});
