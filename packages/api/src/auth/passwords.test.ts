import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { createArgon2PasswordHasher, createDecoyHash } from './passwords';

const hasher = createArgon2PasswordHasher();

describe('argon2id password hashing', () => {
  it('uses argon2id with OWASP’s parameters and a random salt', async () => {
    const first = await hasher.hash('correct horse battery staple');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.hash('correct horse battery staple')).not.toBe(first);
    expect(hasher.needsRehash(first)).toBe(false);
  });

  it('verifies the right password only, and never throws on a bad hash', async () => {
    const stored = await hasher.hash('pässwörd ✓');
    expect(await hasher.verify(stored, 'pässwörd ✓')).toBe(true);
    expect(await hasher.verify(stored, 'passwort')).toBe(false);
    expect(await hasher.verify('not a hash', 'x')).toBe(false);
  });

  it('asks for a rehash of weaker or unreadable hashes', async () => {
    expect(hasher.needsRehash(await hash('x', { memoryCost: 8192, timeCost: 1, parallelism: 1 }))).toBe(true);
    expect(hasher.needsRehash('garbage')).toBe(true);
  });

  it('makes the decoy hash once', async () => {
    const decoy = createDecoyHash(hasher);
    const first = await decoy();
    expect(await decoy()).toBe(first);
    expect(await hasher.verify(first, '')).toBe(false);
  });
});
