import { describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';
import { problemResponse, toProblem } from './problem.js';

describe('problem+json', () => {
  it('renders an AppError with its code, status and extra members', async () => {
    const response = problemResponse(new AppError('not_ready', { detail: 'wait', extra: { servingSeq: 4 } }));
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: 'https://banjjak.dev/problems/not-ready',
      title: 'Not your turn yet',
      status: 409,
      code: 'not_ready',
      detail: 'wait',
      servingSeq: 4,
    });
  });

  it('adds the bearer challenge to token failures', () => {
    expect(problemResponse(new AppError('invalid_token')).headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('hides the details of unexpected errors', () => {
    expect(toProblem(new Error('secret database password'))).toEqual({
      type: 'https://banjjak.dev/problems/internal',
      title: 'Internal error',
      status: 500,
      code: 'internal',
    });
  });
});
