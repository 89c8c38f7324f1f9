import { AppError, idSchema, isoDateTime } from '../../core/index.js';
import { z } from 'zod';
import type { CatalogPosition } from '../ledger/ledger.js';

const positionSchema = z.tuple([isoDateTime, idSchema]);

/**
 * An opaque cursor of a list of events (the catalog, the operator's list): the last event's start
 * time and id, base64url-encoded JSON.
 */
export function encodeCatalogCursor(position: CatalogPosition): string {
  return Buffer.from(JSON.stringify([position.startsAt, position.id])).toString('base64url');
}

export function decodeCatalogCursor(cursor: string): CatalogPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = positionSchema.safeParse(parsed);
  if (!result.success) throw new AppError('validation_failed', { detail: 'cursor: not a cursor this list gave', extra: { fields: [{ path: 'cursor', message: 'unknown cursor' }] } });
  const [startsAt, id] = result.data;
  return { startsAt, id };
}
