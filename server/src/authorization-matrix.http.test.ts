import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTORS, callProcedure, fixtureFactory, fixturePerCall } from './testing/fixture';
import { type Harness, HTTP_TEST_DATABASES, openHarness } from './testing/harness';
import { type Outcome, PROCEDURE_ROWS, PROCEDURES } from './testing/procedure-rows';

const STATUS: Record<Outcome, number> = { ok: 200, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

describe('the authorization matrix', () => {
  it('has exactly one row per procedure of the router', () => {
    const routed = PROCEDURES.map((procedure) => procedure.path).sort();
    expect(routed.length).toBeGreaterThan(0);
    expect(Object.keys(PROCEDURE_ROWS).sort()).toEqual(routed);
  });

  it('has no subscription (they would need their own CSRF story)', () => {
    expect(PROCEDURES.filter((procedure) => procedure.type === 'subscription')).toEqual([]);
  });
});

describe.each(HTTP_TEST_DATABASES)('the authorization matrix on $name', ({ adminUrl }) => {
  let h: Harness;
  let fixtureFor: ReturnType<typeof fixturePerCall>;
  beforeAll(async () => {
    h = await openHarness(adminUrl);
    fixtureFor = fixturePerCall(fixtureFactory(h));
  });
  afterAll(() => h?.cleanup());

  describe.each(PROCEDURES)('$path', ({ path, type }) => {
    const row = PROCEDURE_ROWS[path];
    it.each(ACTORS)('as %s', async (actor) => {
      if (!row) throw new Error(`no matrix row for ${path}: add one to testing/procedure-rows.ts`);
      if (type === 'subscription') throw new Error(`${path} is a subscription`);
      const expected = row.expected[actor];
      const f = await fixtureFor(path, type, expected === 'ok');
      const result = await callProcedure(f.clients[actor], type, path, row.input(f));
      expect({ status: result.status, code: result.error?.data.code ?? 'ok' }, result.text).toEqual({
        status: STATUS[expected],
        code: expected,
      });
    });
  });
});
