import { createHash, randomBytes } from 'node:crypto';

/** A fresh 256-bit secret, hex. Its SHA-256 is published from creation (docs/fairness.md). */
export function makeSeed(): string {
  return randomBytes(32).toString('hex');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A registrant as published: SHA-256(eventId ":" userId), so the list names nobody. */
export function registrantId(eventId: string, userId: string): string {
  return sha256Hex(`${eventId}:${userId}`);
}

/** The list's fingerprint: SHA-256 of the hashed ids, ascending, joined by "\n". */
export function registrantListSha256(sortedIds: readonly string[]): string {
  return sha256Hex(sortedIds.join('\n'));
}

/**
 * The seed the draw actually uses: the committed secret mixed with the registrant list, so no
 * secret can be chosen, before registrations close, to favour anyone.
 */
export function drawSeed(secret: string, listSha256: string): string {
  return sha256Hex(`${secret}:${listSha256}`);
}

/**
 * The pre-queue draw (docs/fairness.md): each registrant's rank is SHA-256(drawSeed ":" id), sorted
 * ascending (ties, which need a hash collision, by id). Anyone holding the published draw seed and
 * list recomputes the same order; nobody can predict it before the list is closed and the secret revealed.
 */
export function drawOrder(seed: string, registrantIds: readonly string[]): string[] {
  return [...new Set(registrantIds)]
    .map((id) => ({ id, rank: sha256Hex(`${seed}:${id}`) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : a.id < b.id ? -1 : 1))
    .map((entry) => entry.id);
}
