import { randomUUID } from 'node:crypto';
import { createArgon2PasswordHasher, SESSION_INACTIVITY_TIMEOUT_MS } from '@tandem/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, HTTP_TEST_DATABASES, ok, openHarness, PASSWORD } from './testing/harness';

const HOUR = 3_600_000;
const TEN_DAYS_S = SESSION_INACTIVITY_TIMEOUT_MS / 1000;

type Me = { user: { id: string; email: string; name: string; color: string } | null };

describe.each(HTTP_TEST_DATABASES)('accounts and sessions over HTTP on $name', ({ adminUrl }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(adminUrl);
  });
  afterAll(() => h?.cleanup());

  describe('signup', () => {
    it('creates the account, starts a session and sets an HttpOnly, SameSite=Lax cookie', async () => {
      const browser = h.client();
      const email = `${randomUUID()}@Example.TEST`;
      const signup = await browser.mutation<Me>('auth.signup', { email, name: ' Ada ', password: PASSWORD });
      expect(signup.status).toBe(200);
      expect(signup.data?.user).toMatchObject({ email: email.toLowerCase(), name: 'Ada' });
      expect(signup.data?.user?.color).toMatch(/^#[0-9A-F]{6}$/);
      const cookie = signup.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/^tandem_session=[a-z2-7]{24}\.[a-z2-7]{52}; /);
      expect(cookie).toContain('; HttpOnly');
      expect(cookie).toContain('; SameSite=Lax');
      expect(cookie).toContain('; Path=/');
      expect(cookie).toContain(`; Max-Age=${TEN_DAYS_S}`);
      expect(cookie).not.toContain('Secure');
      expect(ok(await browser.query<Me>('auth.me')).user?.email).toBe(email.toLowerCase());
    });

    it('marks the cookie Secure when served over https', async () => {
      const browser = h.client({ origin: 'https://tandem.test' });
      const signup = await browser.mutation('auth.signup', {
        email: `${randomUUID()}@example.test`,
        name: 'S',
        password: PASSWORD,
      });
      expect(signup.headers.get('set-cookie')).toMatch(/; Secure$/);
    });

    it('refuses a taken email with a field error, whatever its case', async () => {
      const email = `${randomUUID()}@example.test`;
      await h.client().signup({ email });
      const again = await h
        .client()
        .mutation('auth.signup', { email: email.toUpperCase(), name: 'B', password: PASSWORD });
      expect(again.status).toBe(409);
      expect(again.error?.data.issues).toEqual([
        { path: 'email', message: expect.stringMatching(/already exists/) },
      ]);
      expect(again.headers.get('set-cookie')).toBeNull();
    });

    it('sends zod field errors a form can show', async () => {
      const result = await h.client().mutation('auth.signup', { email: 'nope', name: '', password: 'short' });
      expect(result.status).toBe(400);
      expect(result.error?.data.issues).toEqual(
        expect.arrayContaining([
          { path: 'email', message: 'Enter a valid email address.' },
          { path: 'name', message: 'Enter your name.' },
          { path: 'password', message: 'Use at least 8 characters.' },
        ]),
      );
    });
  });

  describe('login', () => {
    it('logs in with the right password, case-insensitively by email, with a new session', async () => {
      const first = h.client();
      const user = await first.signup();
      const second = h.client();
      const login = await second.mutation<Me>('auth.login', {
        email: user.email.toUpperCase(),
        password: PASSWORD,
      });
      expect(login.data?.user?.id).toBe(user.id);
      expect(second.cookie).not.toBeNull();
      expect(second.cookie).not.toBe(first.cookie);
      expect(ok(await second.query<Me>('auth.me')).user?.id).toBe(user.id);
    });

    it('answers a wrong password and an unknown email identically, after the same work', async () => {
      // Count the argon2 verifications each answer costs (a clock comparison is flaky on a busy machine).
      const real = createArgon2PasswordHasher();
      const verified: string[] = [];
      const counting = h.variant({
        passwords: {
          ...real,
          verify: (hash, password) => {
            verified.push(hash);
            return real.verify(hash, password);
          },
        },
      });
      const user = await counting.client().signup();
      const attempt = async (email: string) => {
        verified.length = 0;
        const result = await counting.client().mutation('auth.login', { email, password: 'wrong password!' });
        return { result, hashes: [...verified] };
      };
      const wrong = await attempt(user.email);
      const unknown = await attempt(`${randomUUID()}@example.test`);
      for (const { result, hashes } of [wrong, unknown]) {
        expect(result.status).toBe(401);
        expect(result.error?.message).toBe('Email or password is incorrect.');
        expect(result.error?.data.issues).toEqual([]);
        expect(result.headers.get('set-cookie')).toBeNull();
        // One full argon2id verification with the same parameters, whether or not the account exists.
        expect(hashes).toHaveLength(1);
        expect(hashes[0]).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      }
      expect(unknown.result.text).toBe(wrong.result.text);
    });
  });

  describe('sessions', () => {
    it('ends at logout: the cookie is cleared and the old token is refused', async () => {
      const browser = h.client();
      await browser.signup();
      const token = browser.cookie;
      const logout = await browser.mutation('auth.logout');
      expect(logout.status).toBe(200);
      expect(logout.headers.get('set-cookie')).toBe(
        'tandem_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax',
      );
      browser.cookie = token;
      const me = await browser.query<Me>('auth.me');
      expect(ok(me).user).toBeNull();
      // A cookie naming a dead session is cleared.
      expect(me.headers.get('set-cookie')).toMatch(/^tandem_session=; Path=\/; Max-Age=0/);
    });

    it('logs out everywhere', async () => {
      const laptop = h.client();
      const user = await laptop.signup();
      const phone = h.client();
      ok(await phone.mutation('auth.login', { email: user.email, password: PASSWORD }));
      ok(await laptop.mutation('auth.logout', { everywhere: true }));
      expect(ok(await phone.query<Me>('auth.me')).user).toBeNull();
      expect((await phone.query('workspaces.list')).status).toBe(401);
    });

    it('is refused after ten days without use, and kept alive by use', async () => {
      const idle = h.client();
      await idle.signup();
      const active = h.client();
      await active.signup();
      for (let day = 0; day < 12; day++) {
        h.advance(24 * HOUR);
        expect(ok(await active.query<Me>('auth.me')).user, `day ${day + 1}`).not.toBeNull();
      }
      const me = await idle.query<Me>('auth.me');
      expect(ok(me).user).toBeNull();
      expect((await idle.query('workspaces.list')).status).toBe(401);
    });

    it('is renewed at most hourly, re-sending the cookie with the new expiry', async () => {
      const browser = h.client();
      await browser.signup();
      h.advance(HOUR - 1000);
      const early = await browser.query('auth.me');
      expect(early.headers.get('set-cookie')).toBeNull();
      h.advance(1000);
      const renewed = await browser.query('auth.me');
      expect(renewed.headers.get('set-cookie')).toContain(`Max-Age=${TEN_DAYS_S}`);
      const session = await h.services.sessions.validateSessionToken(browser.cookie ?? '', h.now());
      expect(session?.session.lastVerifiedAt).toEqual(h.now());
      // Ten days after the renewal (not after signup) it dies.
      h.advance(SESSION_INACTIVITY_TIMEOUT_MS - 1);
      expect(ok(await browser.query<Me>('auth.me')).user).not.toBeNull();
    });

    it('answers anonymous callers of a protected procedure with 401', async () => {
      const result = await h.client().query('workspaces.list');
      expect(result.status).toBe(401);
      expect(result.error?.message).toBe('Please log in to continue.');
    });
  });

  describe('changing the password', () => {
    it('checks the current password, ends every other session and keeps this browser signed in', async () => {
      const laptop = h.client();
      const user = await laptop.signup();
      const phone = h.client();
      ok(await phone.mutation('auth.login', { email: user.email, password: PASSWORD }));
      const oldCookie = laptop.cookie;

      const wrong = await laptop.mutation('auth.changePassword', {
        currentPassword: 'not it at all',
        newPassword: 'a new passphrase',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.error?.data.issues.map((issue) => issue.path)).toEqual(['currentPassword']);

      ok(
        await laptop.mutation('auth.changePassword', {
          currentPassword: PASSWORD,
          newPassword: 'a new passphrase',
        }),
      );
      expect(laptop.cookie).not.toBe(oldCookie);
      expect(ok(await laptop.query<Me>('auth.me')).user?.id).toBe(user.id);
      expect(ok(await phone.query<Me>('auth.me')).user).toBeNull();

      const oldLogin = await h.client().mutation('auth.login', { email: user.email, password: PASSWORD });
      expect(oldLogin.status).toBe(401);
      ok(await h.client().mutation('auth.login', { email: user.email, password: 'a new passphrase' }));
    });
  });

  describe('rate limits', () => {
    let strict: Harness;
    beforeAll(() => {
      strict = h.variant({
        rateLimits: {
          loginPerEmail: { limit: 3, windowMs: 15 * 60_000 },
          loginPerAddress: { limit: 5, windowMs: 15 * 60_000 },
          signupPerAddress: { limit: 2, windowMs: 60 * 60_000 },
        },
      });
    });

    it('answers 429 with Retry-After once an email has had its attempts, and lets it try again later', async () => {
      const user = await strict.client().signup();
      const tries = () =>
        strict.client().mutation('auth.login', { email: user.email, password: 'wrong password!' });
      for (let i = 0; i < 3; i++) expect((await tries()).status).toBe(401);
      const limited = await tries();
      expect(limited.status).toBe(429);
      expect(limited.error?.message).toMatch(/Too many attempts\. Please wait 5 minutes/);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBe(300);
      // Even the right password waits: nothing is checked while limited.
      expect(
        (await strict.client().mutation('auth.login', { email: user.email, password: PASSWORD })).status,
      ).toBe(429);
      strict.advance(retryAfter * 1000);
      expect(
        (await strict.client().mutation('auth.login', { email: user.email, password: PASSWORD })).status,
      ).toBe(200);
    });

    it('limits one address across many emails', async () => {
      const address = '198.51.100.7';
      const attempt = () =>
        strict
          .client({ address })
          .mutation('auth.login', { email: `${randomUUID()}@example.test`, password: 'x' });
      for (let i = 0; i < 5; i++) expect((await attempt()).status).toBe(401);
      const limited = await attempt();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      // Another address is not affected.
      expect(
        (await strict.client().mutation('auth.login', { email: 'a@example.test', password: 'x' })).status,
      ).toBe(401);
    });

    it('limits signups per address', async () => {
      const address = '198.51.100.8';
      await strict.client({ address }).signup();
      await strict.client({ address }).signup();
      const third = await strict.client({ address }).mutation('auth.signup', {
        email: `${randomUUID()}@example.test`,
        name: 'C',
        password: PASSWORD,
      });
      expect(third.status).toBe(429);
      expect(third.headers.get('retry-after')).toBe('1800');
    });

    it('keys IPv6 clients by their /64', async () => {
      const attempt = (address: string) =>
        strict
          .client({ address })
          .mutation('auth.login', { email: `${randomUUID()}@example.test`, password: 'x' });
      for (let i = 1; i <= 5; i++) expect((await attempt(`2001:db8:7:7::${i}`)).status).toBe(401);
      expect((await attempt('2001:db8:7:7:ffff::1')).status).toBe(429);
    });
  });
});
