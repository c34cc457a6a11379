import { describe, expect, it } from 'vitest';
import { originAllowed, readCookie } from './origin';

describe('originAllowed', () => {
  it('allows the same host by default and requests without Origin', () => {
    expect(originAllowed('http://tandem.local:3000', 'tandem.local:3000', undefined)).toBe(true);
    expect(originAllowed('http://TANDEM.local:3000', 'tandem.local:3000', undefined)).toBe(true);
    expect(originAllowed(undefined, 'tandem.local:3000', undefined)).toBe(true);
    expect(originAllowed('http://evil.example', 'tandem.local:3000', undefined)).toBe(false);
    expect(originAllowed('null', 'tandem.local:3000', undefined)).toBe(false);
    expect(originAllowed('http://tandem.local:3001', 'tandem.local:3000', undefined)).toBe(false);
  });

  it('allows exactly the configured origins when given', () => {
    const allowed = ['https://app.tandem.example/'];
    expect(originAllowed('https://app.tandem.example', 'internal:3000', allowed)).toBe(true);
    expect(originAllowed('http://app.tandem.example', 'internal:3000', allowed)).toBe(false);
    expect(originAllowed('http://internal:3000', 'internal:3000', allowed)).toBe(false);
  });
});

describe('readCookie', () => {
  it('finds one cookie among several and decodes it', () => {
    expect(readCookie('a=1; tandem_session=abc%20def; b=2', 'tandem_session')).toBe('abc def');
    expect(readCookie('xtandem_session=1', 'tandem_session')).toBeNull();
    expect(readCookie(null, 'tandem_session')).toBeNull();
    expect(readCookie('tandem_session=%E0%A4%A', 'tandem_session')).toBe('%E0%A4%A');
  });
});
