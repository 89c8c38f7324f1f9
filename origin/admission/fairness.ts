import { createHash, randomBytes } from 'node:crypto';

/** A fresh 256-bit seed, hex. Its SHA-256 is published before the start (docs/fairness.md). */
export function makeSeed(): string {
  return randomBytes(32).toString('hex');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/**
 * The pre-queue draw (docs/fairness.md): each registrant's rank is SHA-256(seed ":" userId), sorted
 * ascending (ties, which need a hash collision, by userId). Anyone holding the revealed seed and the
 * registration list recomputes the same order; nobody can predict it before the seed is revealed.
 */
export function drawOrder(seed: string, userIds: readonly string[]): string[] {
  return [...new Set(userIds)]
    .map((userId) => ({ userId, rank: sha256Hex(`${seed}:${userId}`) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.userId < b.userId ? -1 : 1))
    .map((entry) => entry.userId);
}
