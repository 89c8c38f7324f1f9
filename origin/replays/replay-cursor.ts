import { z } from 'zod';
import { AppError, idSchema, replaySorts, type ReplaySort } from '../../core/index.js';
import type { ReplayPosition } from '../ledger/ledger.js';

const ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z`;
/** The index keys the ledger sorts by (dynamo-replays.ts): only keys of the same shape are accepted back. */
const KEY_SHAPE: Record<ReplaySort, RegExp> = {
  newest: new RegExp(`^${ISO}#[A-Za-z0-9_-]{1,64}$`),
  plays: new RegExp(`^\\d{12}#${ISO}#[A-Za-z0-9_-]{1,64}$`),
};
const positionSchema = z.tuple([z.enum(replaySorts), z.string().max(200), idSchema]);

/** An opaque replay-list cursor: the order, the last replay's index key and its id, base64url-encoded JSON. */
export function encodeReplayCursor(position: ReplayPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.key, position.id])).toString('base64url');
}

/** The position a cursor names, if this list gave it for this order; else a 400 naming `cursor`. */
export function decodeReplayCursor(cursor: string, sort: ReplaySort): ReplayPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = positionSchema.safeParse(parsed);
  const valid = result.success && result.data[0] === sort && KEY_SHAPE[sort].test(result.data[1]) && result.data[1].endsWith(`#${result.data[2]}`);
  if (!valid) throw new AppError('validation_failed', { detail: 'cursor: not a cursor this list gave for this sort', extra: { fields: [{ path: 'cursor', message: 'unknown cursor' }] } });
  const [, key, id] = result.data;
  return { sort, key, id };
}
