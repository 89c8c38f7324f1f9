import { describe, expect, it } from 'vitest';
import { threadPoolSize } from './thread-pool.js';

describe('threadPoolSize', () => {
  it.each([
    [1, undefined, 1],
    [2, undefined, 2],
    [16, undefined, 4],
    [2, '8', 8],
    [2, '0', 2],
    [2, 'many', 2],
  ])('on %i cores with UV_THREADPOOL_SIZE=%s uses %i threads', (cores, configured, expected) => {
    expect(threadPoolSize(cores, configured)).toBe(expected);
  });
});
