import { describe, expect, it } from 'vitest';
import { readEnvelope } from './frame';
import { authFrame, syncStep1Frame, updateFrame, varString, varUint } from './testing/frames';

describe('readEnvelope', () => {
  it('reads the document name, message type and sync step of client frames', () => {
    expect(readEnvelope(authFrame('workflow:a', 't'))).toEqual({
      ok: true,
      envelope: { documentName: 'workflow:a', type: 2, syncStep: null, bodyOffset: 12 },
    });
    expect(readEnvelope(syncStep1Frame('workflow:a'))).toMatchObject({
      ok: true,
      envelope: { type: 0, syncStep: 0 },
    });
    expect(readEnvelope(updateFrame('workflow:a', new Uint8Array([0, 0])))).toMatchObject({
      envelope: { syncStep: 2 },
    });
  });

  it('ignores a bare Pong and refuses anything malformed', () => {
    expect(readEnvelope(new Uint8Array([10]))).toEqual({ ok: 'ignore' });
    for (const bytes of [
      [],
      [0],
      [5, 97],
      [...varString('a'), ...varUint(6)],
      [...varString('a'), ...varUint(0), ...varUint(3)],
      [...varString('a')],
      [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    ]) {
      expect(readEnvelope(new Uint8Array(bytes)).ok, JSON.stringify(bytes)).toBe(false);
    }
  });
});
