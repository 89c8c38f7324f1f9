/** A compact JWS: our id, queue and access tokens, or anyone's. */
const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;

/**
 * What the report keeps of an unexpected answer or request, with no secret in it (DESIGN.md §4
 * invariant 10): tokens become `[token]`, password and token fields `[redacted]`. Reports are
 * shared, attached to tickets and published by CI.
 */
export function redactText(text: string): string {
  return text.replace(JWT, '[token]').replace(/"(password|idToken|queueToken|accessToken|token)"\s*:\s*"[^"]*"/g, '"$1":"[redacted]"');
}
