import { describe, expect, it } from 'vitest';
import { redactText } from './redact.js';

const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJndWVzdF8xIn0.c2lnbmF0dXJl';

describe('what the load report keeps of a request or an answer', () => {
  it('holds no token and no password', () => {
    const answer = JSON.stringify({ identity: { idToken: jwt, userId: 'guest_1' }, detail: `Bearer ${jwt} refused`, password: 'flashdrop' });
    const kept = redactText(answer);
    expect(kept).not.toContain(jwt);
    expect(kept).not.toContain('flashdrop');
    expect(kept).toContain('guest_1');
    const login = redactText(JSON.stringify({ username: 'user1', password: 'flashdrop' }));
    expect(JSON.parse(login)).toEqual({ username: 'user1', password: '[redacted]' });
  });
});
