import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from './env';

describe('parseEnv', () => {
  it('gives the documented defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.TANDEM_DATA_DIR).toBe('./.data');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.TANDEM_LOG_LEVEL).toBe('info');
    expect(env.TANDEM_TRUST_PROXY).toBe(0);
    expect(env.TANDEM_SECRET_KEY).toBeUndefined();
  });

  it('reads how many reverse proxies to trust', () => {
    expect(parseEnv({ TANDEM_TRUST_PROXY: '2' }).TANDEM_TRUST_PROXY).toBe(2);
    expect(() => parseEnv({ TANDEM_TRUST_PROXY: 'yes' })).toThrow(
      /TANDEM_TRUST_PROXY: must be the number of reverse proxies/,
    );
    expect(() => parseEnv({ TANDEM_TRUST_PROXY: '-1' })).toThrow(
      /TANDEM_TRUST_PROXY: must be between 0 and 10/,
    );
  });

  it('treats empty strings as unset, as compose files pass them', () => {
    expect(parseEnv({ PORT: '', DATABASE_URL: '' })).toMatchObject({ PORT: 3000, DATABASE_URL: undefined });
  });

  it('accepts well-formed values', () => {
    const env = parseEnv({
      PORT: '8080',
      DATABASE_URL: 'postgres://tandem@db:5432/tandem',
      REDIS_URL: 'redis://cache:6379',
      TANDEM_HTTP_ALLOW: '127.0.0.1, localhost ,',
      TANDEM_SECRET_KEY: 'a'.repeat(64),
    });
    expect(env.PORT).toBe(8080);
    expect(env.TANDEM_HTTP_ALLOW).toEqual(['127.0.0.1', 'localhost']);
  });

  it('names every variable of the wrong shape in one error', () => {
    let error: unknown;
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x@y/z', REDIS_URL: 'not a url' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const message = (error as EnvError).message;
    expect(message).toMatch(/PORT: must be a port number/);
    expect(message).toMatch(/DATABASE_URL: must start with postgres:\/\//);
    expect(message).toMatch(/REDIS_URL:/);
  });

  it('rejects a port out of range', () => {
    expect(() => parseEnv({ PORT: '70000' })).toThrow(/PORT: must be between 0 and 65535/);
  });

  it('never echoes a secret it rejects', () => {
    const secret = 'sk-live-do-not-print-me';
    expect(() => parseEnv({ TANDEM_SECRET_KEY: secret })).toThrow(/TANDEM_SECRET_KEY/);
    try {
      parseEnv({ TANDEM_SECRET_KEY: secret });
    } catch (error) {
      expect(String(error)).not.toContain(secret);
    }
  });
});
