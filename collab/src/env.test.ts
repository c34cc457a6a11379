import { describe, expect, it } from 'vitest';
import { EnvError, parseCollabEnv } from './env';

describe('parseCollabEnv', () => {
  it('applies defaults and treats blank values as unset', () => {
    expect(parseCollabEnv({ PORT: '', REDIS_URL: '' })).toMatchObject({
      PORT: 3001,
      HOST: '0.0.0.0',
      TANDEM_DATA_DIR: './.data',
      REDIS_URL: undefined,
    });
  });

  it('parses origins and the test auth table', () => {
    const env = parseCollabEnv({
      TANDEM_COLLAB_ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      TANDEM_COLLAB_DEV_AUTH: JSON.stringify({
        tokens: { t: { id: 'u', name: 'U', color: '#000' } },
        roles: { u: { '*': 'editor' } },
      }),
    });
    expect(env.TANDEM_COLLAB_ALLOWED_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(env.TANDEM_COLLAB_DEV_AUTH?.roles.u).toEqual({ '*': 'editor' });
  });

  it('names every bad variable without echoing its value', () => {
    try {
      parseCollabEnv({
        PORT: 'eighty',
        REDIS_URL: 'http://secret@x',
        TANDEM_COLLAB_DEV_AUTH: '{"tokens":1}',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('REDIS_URL');
      expect(message).toContain('TANDEM_COLLAB_DEV_AUTH');
      expect(message).not.toContain('secret');
    }
  });
});
