import { z } from 'zod';

/** Ids are URL- and key-safe: they end up in paths, Redis keys and DynamoDB keys. */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'letters, digits, "-" and "_" only');

export const isoDateTime = z.iso.datetime({ offset: true });
