import { describe, expect, it } from 'vitest';
import { OperationalError, SchemaVersionError, UserError } from './errors';

describe('errors', () => {
  it('carries a code and field issues on user errors', () => {
    const error = new UserError('BAD_REQUEST', 'Bad.', [{ path: 'name', message: 'Required' }]);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.issues).toEqual([{ path: 'name', message: 'Required' }]);
    expect(error.name).toBe('UserError');
  });

  it('keeps the cause of operational errors', () => {
    const cause = new Error('ECONNRESET');
    const error = new OperationalError('Provider failed.', { cause });
    expect(error.cause).toBe(cause);
    expect(error).not.toBeInstanceOf(UserError);
  });

  it('makes schema version errors typed user errors', () => {
    const error = new SchemaVersionError(9, 2);
    expect(error).toBeInstanceOf(UserError);
    expect(error.name).toBe('SchemaVersionError');
    expect([error.docVersion, error.supportedVersion, error.code]).toEqual([9, 2, 'CONFLICT']);
    expect(error.message).toContain('9');
  });
});
