import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, CollabError, closeCodeFor, isCloseReason } from './close-codes';

describe('close codes', () => {
  it('give every reason its own code, application codes in the 4000 range', () => {
    const codes = Object.values(CLOSE_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [reason, code] of Object.entries(CLOSE_CODES)) {
      if (reason !== 'going-away' && reason !== 'frame-too-large') expect(code).toBeGreaterThanOrEqual(4000);
    }
    expect(closeCodeFor('unauthorized')).toBe(4401);
    expect(closeCodeFor('forbidden')).toBe(4403);
    expect(closeCodeFor('unknown-document')).toBe(4404);
    expect(closeCodeFor('client-too-old')).toBe(4409);
    expect(closeCodeFor('rate-limited')).toBe(4429);
  });

  it('carry reason and code on CollabError, the fields Hocuspocus reads', () => {
    const error = new CollabError('client-too-old');
    expect(error).toMatchObject({ reason: 'client-too-old', code: 4409, name: 'CollabError' });
    expect(isCloseReason(error.reason)).toBe(true);
    expect(isCloseReason('toString')).toBe(false);
  });
});
