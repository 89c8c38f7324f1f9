/** A weak validator from the body (FNV-1a, 32 bit): cheap, sync, the same on every runtime. */
export function weakEtag(body: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < body.length; i += 1) {
    hash ^= body.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `W/"${body.length.toString(36)}-${(hash >>> 0).toString(36)}"`;
}

/** RFC 9110 §13.1.2: weak comparison, any of a list, or `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}
