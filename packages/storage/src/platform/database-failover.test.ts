import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isFailoverError } from './database-failover';

const withCode = (code: string, message = 'failed') => Object.assign(new Error(message), { code });

describe('isFailoverError', () => {
  it('knows a lost or refused session and a read-only node', () => {
    for (const code of [
      '25006',
      '57P01',
      '57P02',
      '57P03',
      '08000',
      '08003',
      '08006',
      'ECONNRESET',
      'ECONNREFUSED',
      'EPIPE',
    ])
      expect(isFailoverError(withCode(code)), code).toBe(true);
    expect(isFailoverError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isFailoverError(new Error('Connection terminated'))).toBe(true);
    expect(isFailoverError(new DatabaseUnavailableError(new Error('x'), true))).toBe(true);
  });

  it('leaves the request’s own errors and a busy pool alone', () => {
    for (const code of ['23505', '23503', '40001', '22P02', '42501'])
      expect(isFailoverError(withCode(code)), code).toBe(false);
    expect(isFailoverError(new Error('timeout exceeded when trying to connect'))).toBe(false);
    expect(isFailoverError(new Error('Connection terminated due to connection timeout'))).toBe(false);
    expect(isFailoverError('25006')).toBe(false);
  });
});
