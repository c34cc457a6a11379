import { describe, expect, it } from 'vitest';
import { createSecretBox, generateSecretKey, parseSecretKey, SecretBoxError } from './secret-box';

describe('createSecretBox (AES-256-GCM)', () => {
  const box = createSecretBox(generateSecretKey());

  it('round-trips a secret with a fresh 12-byte IV each time', () => {
    const first = box.seal('sk-secret-value ✓', 'ctx');
    const second = box.seal('sk-secret-value ✓', 'ctx');
    expect(first.iv).toHaveLength(12);
    expect(first.authTag).toHaveLength(16);
    expect(first.iv).not.toEqual(second.iv);
    expect(first.ciphertext).not.toEqual(second.ciphertext);
    expect(Buffer.from(first.ciphertext).toString('utf8')).not.toContain('sk-secret');
    expect(box.open(first, 'ctx')).toBe('sk-secret-value ✓');
  });

  it('refuses another key, another context and any changed byte', () => {
    const sealed = box.seal('sk-secret-value', 'workspace-a');
    expect(() => createSecretBox(generateSecretKey()).open(sealed, 'workspace-a')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'workspace-b')).toThrow(SecretBoxError);
    const flipped = Uint8Array.from(sealed.ciphertext);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => box.open({ ...sealed, ciphertext: flipped }, 'workspace-a')).toThrow(SecretBoxError);
    expect(() => box.open({ ...sealed, iv: new Uint8Array(12) }, 'workspace-a')).toThrow(SecretBoxError);
    expect(() => box.open({ ...sealed, authTag: new Uint8Array(16) }, 'workspace-a')).toThrow(SecretBoxError);
    expect(() => box.open({ ...sealed, authTag: new Uint8Array(4) }, 'workspace-a')).toThrow(SecretBoxError);
  });

  it('needs a 32-byte key', () => {
    expect(() => createSecretBox(new Uint8Array(16))).toThrow(/32 bytes/);
  });
});

describe('parseSecretKey', () => {
  it('reads 64 hex characters or base64 of 32 bytes', () => {
    const key = generateSecretKey();
    expect(parseSecretKey(Buffer.from(key).toString('hex'))).toEqual(key);
    expect(parseSecretKey(` ${Buffer.from(key).toString('base64')}\n`)).toEqual(key);
  });

  it('refuses anything else without echoing it', () => {
    for (const bad of ['short', 'z'.repeat(64), Buffer.alloc(16).toString('base64')]) {
      expect(() => parseSecretKey(bad)).toThrow(/64 hex characters or as base64/);
      try {
        parseSecretKey(bad);
      } catch (error) {
        expect(String(error)).not.toContain(bad);
      }
    }
  });
});
