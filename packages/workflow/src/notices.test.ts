import { describe, expect, it } from 'vitest';
import { type CollabNotice, encodeNotice, parseNotice } from './notices';

describe('collab notices', () => {
  it('round-trip through their stateless payload', () => {
    const notices: CollabNotice[] = [
      { type: 'tandem/problems', problems: [{ code: 'unknown-node-type', message: 'x', nodeId: 'n1' }] },
      { type: 'tandem/problems', problems: [] },
      { type: 'tandem/access', role: 'viewer', readOnly: true },
    ];
    for (const notice of notices) expect(parseNotice(encodeNotice(notice))).toEqual(notice);
  });

  it('parse anything else to null without throwing', () => {
    for (const payload of [
      '',
      'not json',
      'null',
      '[]',
      '{"type":"tandem/other"}',
      '{"type":"tandem/access","role":"admin","readOnly":true}',
      '{"type":"tandem/access","role":"owner"}',
      '{"type":"tandem/problems","problems":[{"code":"made-up","message":"x"}]}',
    ])
      expect(parseNotice(payload)).toBeNull();
  });
});
