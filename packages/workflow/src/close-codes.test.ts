import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, closeCodeFor, closeReasonFor, isCloseReason } from './close-codes';

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

  it('recognise slugs only', () => {
    expect(isCloseReason('forbidden')).toBe(true);
    expect(isCloseReason('toString')).toBe(false);
  });

  it('map a close back to its refusal: the reason when it is a slug, else the code', () => {
    expect(closeReasonFor(4403, 'forbidden')).toBe('forbidden');
    expect(closeReasonFor(4403)).toBe('forbidden');
    expect(closeReasonFor(4401, 'session revoked')).toBe('unauthorized');
    expect(closeReasonFor(1000, 'rate-limited')).toBe('rate-limited');
    expect(closeReasonFor(1009)).toBe('frame-too-large');
    expect(closeReasonFor(1000)).toBeNull();
    expect(closeReasonFor(1006, 'toString')).toBeNull();
  });
});
