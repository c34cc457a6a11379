import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestbed, TEST_DATABASES, type Testbed } from '../test-support';
import { readSessionCookie, SESSION_INACTIVITY_TIMEOUT_MS, SESSION_RENEWAL_INTERVAL_MS } from './sessions';

const HOUR = 3_600_000;
const T0 = new Date('2030-03-01T09:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

describe.each(TEST_DATABASES)('session service on $name', ({ adminUrl }) => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await openTestbed(adminUrl);
  });
  afterAll(() => testbed?.cleanup());

  const sessions = () => testbed.services.sessions;

  it('issues <id>.<secret> tokens and stores only a SHA-256 of the secret', async () => {
    const user = await testbed.newUser();
    const { token, session } = await sessions().createSession(user.id, T0);
    expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{52}$/);
    const [id, secret] = token.split('.');
    expect(session.id).toBe(id);
    const stored = await testbed.services.repos.sessions.getWithUser(id ?? '');
    expect(stored?.session.secretHash).toHaveLength(32);
    expect(Buffer.from(stored?.session.secretHash ?? []).toString('utf8')).not.toContain(secret);
    expect(session.expiresAt).toEqual(at(SESSION_INACTIVITY_TIMEOUT_MS));
  });

  it('validates a token into its session and user', async () => {
    const user = await testbed.newUser();
    const { token } = await sessions().createSession(user.id, T0);
    const validated = await sessions().validateSessionToken(token, at(60_000));
    expect(validated).toMatchObject({
      user: { id: user.id, email: user.email, name: user.name, color: user.color },
      session: { userId: user.id, lastVerifiedAt: T0 },
      renewed: false,
    });
  });

  it('refuses malformed tokens, unknown ids and wrong secrets alike', async () => {
    const user = await testbed.newUser();
    const { token } = await sessions().createSession(user.id, T0);
    const [id, secret = ''] = token.split('.');
    const otherSecret = `${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    for (const bad of [
      '',
      'x',
      `${id}`,
      `${id}.`,
      `${id}.${otherSecret}`,
      `${'a'.repeat(24)}.${secret}`,
      `${token}.x`,
    ]) {
      expect(await sessions().validateSessionToken(bad, T0), bad).toBeNull();
    }
    expect(await sessions().validateSessionToken(token, T0)).not.toBeNull();
  });

  it('renews last_verified_at at most hourly, and says when it did', async () => {
    const user = await testbed.newUser();
    const { token } = await sessions().createSession(user.id, T0);
    expect((await sessions().validateSessionToken(token, at(SESSION_RENEWAL_INTERVAL_MS - 1)))?.renewed).toBe(
      false,
    );
    const renewed = await sessions().validateSessionToken(token, at(SESSION_RENEWAL_INTERVAL_MS));
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.lastVerifiedAt).toEqual(at(HOUR));
    expect(renewed?.session.expiresAt).toEqual(at(HOUR + SESSION_INACTIVITY_TIMEOUT_MS));
    expect((await sessions().validateSessionToken(token, at(HOUR + 1000)))?.renewed).toBe(false);
  });

  it('keeps an active session alive past ten days and ends an idle one at ten days', async () => {
    const user = await testbed.newUser();
    const active = (await sessions().createSession(user.id, T0)).token;
    const idle = (await sessions().createSession(user.id, T0)).token;
    for (let day = 1; day <= 15; day++) {
      expect(await sessions().validateSessionToken(active, at(day * 24 * HOUR)), `day ${day}`).not.toBeNull();
    }
    expect(await sessions().validateSessionToken(idle, at(SESSION_INACTIVITY_TIMEOUT_MS - 1))).not.toBeNull();
    const lastSeen = at(SESSION_INACTIVITY_TIMEOUT_MS - 1);
    expect(
      await sessions().validateSessionToken(
        idle,
        new Date(lastSeen.getTime() + SESSION_INACTIVITY_TIMEOUT_MS),
      ),
    ).toBeNull();
    // The expired session was deleted: it stays dead even if the clock went back.
    expect(await sessions().validateSessionToken(idle, T0)).toBeNull();
  });

  it('invalidates one session, all of a user’s, or all but one', async () => {
    const user = await testbed.newUser();
    const a = await sessions().createSession(user.id, T0);
    const b = await sessions().createSession(user.id, T0);
    const c = await sessions().createSession(user.id, T0);
    await sessions().invalidateSession(a.session.id);
    expect(await sessions().validateSessionToken(a.token, T0)).toBeNull();
    expect(await sessions().invalidateUserSessions(user.id, { except: b.session.id })).toBe(1);
    expect(await sessions().validateSessionToken(b.token, T0)).not.toBeNull();
    expect(await sessions().validateSessionToken(c.token, T0)).toBeNull();
    await sessions().invalidateUserSessions(user.id);
    expect(await sessions().validateSessionToken(b.token, T0)).toBeNull();
  });

  it('sweeps sessions that died of inactivity', async () => {
    const user = await testbed.newUser();
    const old = await sessions().createSession(user.id, new Date('2001-01-01T00:00:00.000Z'));
    const fresh = await sessions().createSession(user.id, T0);
    expect(await sessions().deleteExpiredSessions(T0)).toBeGreaterThanOrEqual(1);
    expect(await testbed.services.repos.sessions.getWithUser(old.session.id)).toBeNull();
    expect(await sessions().validateSessionToken(fresh.token, T0)).not.toBeNull();
  });
});

describe('readSessionCookie', () => {
  it('finds tandem_session among other cookies', () => {
    expect(readSessionCookie('a=1; tandem_session=abc.def; b=2')).toBe('abc.def');
    expect(readSessionCookie('tandem_session=abc')).toBe('abc');
    expect(readSessionCookie('tandem_sessionx=1; xtandem_session=2')).toBeNull();
    expect(readSessionCookie('tandem_session=')).toBeNull();
    expect(readSessionCookie(undefined)).toBeNull();
    expect(readSessionCookie('')).toBeNull();
  });
});
