import { describe, expect, it } from 'vitest';
import { AppError, createFakeClock } from '../../core/index.js';
import { createRateLimiter } from './rate-limit.js';

const refused = (take: () => void) => {
  try {
    take();
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : 'thrown';
  }
};

describe('the per-key rate limiter', () => {
  it('refuses past the limit with rate_limited until the next minute', () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter({ clock, perMinute: 3, enabled: true });
    for (let i = 0; i < 3; i += 1) expect(refused(() => limiter.take('1.2.3.4'))).toBeUndefined();
    expect(refused(() => limiter.take('1.2.3.4'))).toBe('rate_limited');
    expect(refused(() => limiter.take('5.6.7.8'))).toBeUndefined();
    clock.advance(60_000);
    expect(refused(() => limiter.take('1.2.3.4'))).toBeUndefined();
  });

  it('keeps counting a busy key while a flood of fresh keys passes the bound', () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter({ clock, perMinute: 5, enabled: true, maxKeys: 100 });
    for (let i = 0; i < 5; i += 1) limiter.take('attacker');
    // Rotating IPv6 addresses: a thousand fresh keys, the attacker trying again between them.
    for (let i = 0; i < 1_000; i += 1) {
      limiter.take(`2001:db8::${i.toString(16)}`);
      expect(refused(() => limiter.take('attacker'))).toBe('rate_limited');
    }
    // The bound holds: the first of the flood, long unseen, was forgotten and starts again from 0.
    for (let i = 0; i < 5; i += 1) expect(refused(() => limiter.take('2001:db8::0'))).toBeUndefined();
  });
});
