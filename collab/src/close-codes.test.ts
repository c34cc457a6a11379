import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, CollabError, closeCodeFor, isCloseReason } from './close-codes';

describe('close codes', () => {
  it('are the workflow package table, re-exported', () => {
    expect(closeCodeFor('unauthorized')).toBe(CLOSE_CODES.unauthorized);
    expect(CLOSE_CODES.forbidden).toBe(4403);
  });

  it('carry reason and code on CollabError, the fields Hocuspocus reads', () => {
    const error = new CollabError('client-too-old');
    expect(error).toMatchObject({ reason: 'client-too-old', code: 4409, name: 'CollabError' });
    expect(isCloseReason(error.reason)).toBe(true);
    expect(isCloseReason('toString')).toBe(false);
  });
});
