import { randomUUID } from 'node:crypto';
import type { TandemDb } from '@tandem/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ACTORS, callProcedure, type Fixture, fixtureFactory, fixturePerCall } from './testing/fixture';
import { type Harness, HTTP_TEST_DATABASES, ok, openHarness, PASSWORD } from './testing/harness';
import { PROCEDURE_ROWS, PROCEDURES } from './testing/procedure-rows';

// Secrets a person types: a provider key and a password. Neither may come back, be logged or be stored
// in the clear. API key tokens are generated: each may appear in its own creation answer and nowhere else.
const CANARY = `CANARY${randomUUID().replaceAll('-', '')}`;
const PROVIDER_KEY = `sk-${CANARY}-provider`;
const PASSWORD_CANARY = `pw-${CANARY}-password`;

/** `execute` answers an array on postgres.js and `{ rows }` on PGlite. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return (result as { rows: Record<string, unknown>[] }).rows;
}

/** Every row of every table as text (bytea as hex), for a search of the whole database. */
async function dumpDatabase(db: TandemDb): Promise<string> {
  const tables = rowsOf(
    await db.execute("select table_name from information_schema.tables where table_schema = 'public'"),
  ).map((row) => String(row.table_name));
  const parts: string[] = [];
  for (const table of tables) {
    parts.push(
      ...rowsOf(await db.execute(`select t::text as row from "${table}" t`)).map((row) => String(row.row)),
    );
  }
  return parts.join('\n');
}

/** Every stored Yjs state and update, raw and decoded. */
async function dumpDocuments(h: Harness): Promise<string[]> {
  const names = rowsOf(
    await h.db.execute('select doc_name from doc_states union select doc_name from doc_updates'),
  ).map((row) => String(row.doc_name));
  expect(names.length).toBeGreaterThan(0);
  const dumps: string[] = [];
  for (const name of names) {
    const loaded = await h.repos.docs.load(name);
    const doc = new Y.Doc();
    for (const bytes of [loaded.state, ...loaded.updates]) {
      if (!bytes) continue;
      dumps.push(Buffer.from(bytes).toString('latin1'));
      Y.applyUpdate(doc, bytes);
    }
    dumps.push(JSON.stringify(doc.toJSON()));
  }
  return dumps;
}

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex');

/** A generated secret's random part (what must never leak): API keys and session tokens alike. */
const secretPart = (token: string) => token.slice(-52);

describe.each(HTTP_TEST_DATABASES)('secrets stay secret on $name', ({ adminUrl }) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness(adminUrl);
  });
  afterAll(() => h?.cleanup());

  // One long scenario (every procedure × every caller, then a scan of everything): it gets its own timeout.
  it('keeps a canary key, password and API key out of every log line, response, error and document', {
    timeout: 180_000,
  }, async () => {
    const fixture = fixtureFactory(h, { credentialKey: PROVIDER_KEY });
    const fixtureFor = fixturePerCall(fixture);
    /** Generated secrets: API keys, invitation links and session tokens, each allowed only where it is handed out. */
    const generated: string[] = [];
    const remember = (f: Fixture) => {
      generated.push(secretPart(f.apiKeyToken), f.inviteToken);
      for (const client of Object.values(f.clients))
        if (client.cookie) generated.push(secretPart(client.cookie));
    };

    // Every procedure, as every kind of caller, in a workspace holding the canary credential.
    for (const { path, type } of PROCEDURES) {
      const row = PROCEDURE_ROWS[path];
      if (!row || type === 'subscription') throw new Error(`no row for ${path}`);
      for (const actor of ACTORS) {
        const f = await fixtureFor(path, type, row.expected[actor] === 'ok');
        remember(f);
        const result = await callProcedure(f.clients[actor], type, path, row.input(f));
        expect(result.status, `${path} as ${actor}: ${result.text}`).toBeLessThan(500);
      }
    }

    // Requests that carry a secret and are refused: the error must not quote it.
    const f = await fixture();
    remember(f);
    const { workspaceId, clients } = f;
    const set = (apiKey: string, extra: Record<string, unknown> = {}) => ({
      workspaceId,
      provider: 'openai',
      apiKey,
      ...extra,
    });
    const refused = [
      await clients.owner.mutation('credentials.set', set(`${PROVIDER_KEY} with spaces`)),
      await clients.owner.mutation('credentials.set', set(PROVIDER_KEY.repeat(200))),
      await clients.owner.mutation('credentials.set', set(PROVIDER_KEY, { provider: 'openai-compatible' })),
      await clients.owner.mutation('credentials.set', set(PROVIDER_KEY, { provider: 'mystery' })),
      await clients.owner.mutation(
        'credentials.set',
        set(PROVIDER_KEY, { provider: 'openai-compatible', baseUrl: `http://user:${CANARY}@localhost/v1` }),
      ),
      await clients.editor.mutation('credentials.set', set(PROVIDER_KEY)),
      await clients.nonMember.mutation('credentials.set', set(PROVIDER_KEY)),
      await clients.anonymous.mutation('credentials.set', set(PROVIDER_KEY)),
      await h.client().mutation('auth.login', { email: f.users.owner.email, password: PASSWORD_CANARY }),
      await h
        .client()
        .mutation('auth.signup', { email: 'not-an-email', name: 'x', password: PASSWORD_CANARY }),
      await h
        .client()
        .mutation('auth.signup', { email: f.users.owner.email, name: 'x', password: PASSWORD_CANARY }),
      await clients.owner.mutation('auth.changePassword', {
        currentPassword: PASSWORD_CANARY,
        newPassword: PASSWORD_CANARY,
      }),
    ];
    for (const result of refused) expect(result.status, result.text).toBeGreaterThanOrEqual(400);
    // …and that succeed: a password that is the canary, a second credential holding it.
    const person = h.client();
    await person.signup({ password: PASSWORD_CANARY });
    ok(
      await person.mutation('auth.changePassword', {
        currentPassword: PASSWORD_CANARY,
        newPassword: PASSWORD,
      }),
    );
    ok(
      await clients.owner.mutation(
        'credentials.set',
        set(PROVIDER_KEY, { provider: 'anthropic', name: 'second' }),
      ),
    );

    const typed = [CANARY, PROVIDER_KEY, PASSWORD_CANARY];
    expect(h.bodies.length).toBeGreaterThan(PROCEDURES.length * ACTORS.length);

    for (const body of h.bodies) {
      for (const secret of typed) expect(body).not.toContain(secret);
      // A generated secret appears only in the answer that hands it out (the `token` of apiKeys.create, the
      // `token` and link `path` of members.invite); session tokens only ever travel in Set-Cookie headers.
      const handedOut = body.replace(/"(token|path)":"[^"]*"/g, '"$1":"…"');
      for (const secret of generated) expect(handedOut).not.toContain(secret);
    }
    for (const line of h.logLines) {
      for (const secret of [...typed, ...generated]) expect(line).not.toContain(secret);
    }
    const stored = await dumpDatabase(h.db);
    expect(stored).toContain(workspaceId);
    for (const secret of [...typed, ...generated]) {
      expect(stored).not.toContain(secret);
      expect(stored).not.toContain(hex(secret));
    }
    for (const dump of await dumpDocuments(h)) {
      for (const secret of [...typed, ...generated]) expect(dump).not.toContain(secret);
    }
  });
});
