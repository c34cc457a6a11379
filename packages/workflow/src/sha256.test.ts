import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, utf8 } from './sha256';

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with node:crypto across block boundaries and non-ASCII text', () => {
    const samples = [
      '€',
      'héllo wörld',
      '😀 emoji',
      '\u{10FFFF}',
      'x'.repeat(55),
      'x'.repeat(56),
      'x'.repeat(64),
      'y'.repeat(119),
    ];
    for (const sample of samples) {
      expect(sha256(sample), sample).toBe(createHash('sha256').update(sample, 'utf8').digest('hex'));
    }
  });

  it('hashes raw bytes', () => {
    expect(sha256(new Uint8Array([0x61, 0x62, 0x63]))).toBe(sha256('abc'));
  });

  it('encodes UTF-8 like TextEncoder, lone surrogates included', () => {
    for (const text of ['a€😀', '\ud800x', 'x\udc00']) {
      expect([...utf8(text)]).toEqual([...new TextEncoder().encode(text)]);
    }
  });
});
