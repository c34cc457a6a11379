import { parseNotice } from '@tandem/workflow';
import { describe, expect, it } from 'vitest';
import { connectionState } from './connection-state';
import { refusalForClose, refusalForReason } from './refusals';

describe('collab refusals', () => {
  it('maps close codes and slugs to what the user is told', () => {
    expect(refusalForClose(4403)?.title).toBe('You no longer have access');
    expect(refusalForClose(4409)?.title).toBe('Reload: Tandem was updated');
    expect(refusalForClose(4409)?.action).toBe('reload');
    expect(refusalForClose(4401)?.action).toBe('login');
    expect(refusalForClose(4503)?.terminal).toBe(false);
    expect(refusalForReason('forbidden')?.terminal).toBe(true);
    expect(refusalForClose(1006)).toBeNull();
    expect(refusalForClose(1000, 'bye')).toBeNull();
  });

  it('parses the server’s notices and ignores anything else', () => {
    expect(
      parseNotice('{"type":"tandem/problems","problems":[{"code":"unknown-node-type","message":"x"}]}'),
    ).toEqual({ type: 'tandem/problems', problems: [{ code: 'unknown-node-type', message: 'x' }] });
    expect(parseNotice('{"type":"tandem/access","role":"viewer","readOnly":true}')).toEqual({
      type: 'tandem/access',
      role: 'viewer',
      readOnly: true,
    });
    expect(parseNotice('{"type":"tandem/access","role":"god","readOnly":false}')).toBeNull();
    expect(parseNotice('not json')).toBeNull();
  });

  it('tells connecting, connected, reconnecting and offline apart', () => {
    const base = { socket: 'connected' as const, synced: true, everSynced: true, online: true };
    expect(connectionState(base)).toBe('connected');
    expect(connectionState({ ...base, socket: 'disconnected', synced: false })).toBe('reconnecting');
    expect(connectionState({ ...base, socket: 'connecting', synced: false, everSynced: false })).toBe(
      'connecting',
    );
    expect(connectionState({ ...base, online: false })).toBe('offline');
    expect(connectionState({ ...base, socket: 'disconnected', stopped: true })).toBe('closed');
  });
});
