import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { WorkflowDefinition } from '@tandem/workflow';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, type TandemDb } from '../client';
import { DuplicateRunEventError, EmailTakenError, WorkflowNotFoundError } from '../errors';
import type { MigrationState } from '../migrations';
import { createRepositories, inTransaction, type Repositories } from '../repositories/index';
import { apiKeys, credentials, experiments, invitations } from '../schema/index';
import type { TestDatabase } from '../testing';
import { defineAccountRepositoryContract } from './accounts.contract';
import { defineExperimentRepositoryContract } from './experiments.contract';

const journal: { entries: { tag: string }[] } = JSON.parse(
  readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
);
const migrationCount = journal.entries.length;
const latestTag = journal.entries.at(-1)?.tag ?? null;

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

function expectPlainBytes(actual: Uint8Array | null | undefined, expected: Uint8Array): void {
  expect(actual).not.toBeNull();
  // The same plain Uint8Array on both drivers (postgres.js hands out Buffers otherwise).
  expect(Object.getPrototypeOf(actual)).toBe(Uint8Array.prototype);
  expect(actual).toEqual(expected);
}

/**
 * The behaviour every database behind `createDb` must have. `open` returns a database the suite
 * owns and that is NOT yet migrated; the suite migrates it and cleans it up.
 */
export function defineRepositoryContract(name: string, open: () => Promise<TestDatabase>): void {
  describe(`repository contract: ${name}`, () => {
    let handle: TestDatabase;
    let db: TandemDb;
    let repos: Repositories;
    let beforeMigrate: MigrationState;
    let afterMigrate: MigrationState;
    let afterSecondMigrate: MigrationState;
    let bookkeepingRows: number;

    beforeAll(async () => {
      handle = await open();
      beforeMigrate = await handle.database.migrationState();
      afterMigrate = await handle.database.migrate();
      afterSecondMigrate = await handle.database.migrate();
      db = handle.database.db;
      const rows = await db.execute(sql`select id from drizzle.__drizzle_migrations`);
      bookkeepingRows = Array.isArray(rows) ? rows.length : (rows as { rows: unknown[] }).rows.length;
      repos = createRepositories(db);
    });

    afterAll(async () => {
      await handle?.cleanup();
    });

    /** A fresh user, workspace and workflow, so tests never see each other's rows. */
    async function seed() {
      const user = await repos.users.create({
        email: `${randomUUID()}@Example.test`,
        name: 'Ada',
        passwordHash: 'hash',
        color: '#ff0000',
      });
      const { workspace } = await repos.workspaces.create({ name: 'Lab', ownerId: user.id });
      const workflow = await repos.workflows.create({
        workspaceId: workspace.id,
        name: 'Flow',
        createdBy: user.id,
      });
      return { user, workspace, workflow };
    }

    async function saveVersion(workflowId: string, createdBy: string, contentHash = 'h1') {
      return repos.versions.create({
        workflowId,
        name: `v ${contentHash}`,
        definition: { schemaVersion: 1, name: 'Flow', description: '', nodes: [], edges: [] },
        ydocState: bytes(1, 2, 3),
        contentHash,
        createdBy,
      });
    }

    describe('migrations', () => {
      it('reports every migration pending before migrate', () => {
        expect(beforeMigrate).toEqual({ applied: 0, pending: migrationCount, latest: null });
      });

      it('applies every migration, and a second migrate is a no-op', async () => {
        expect(afterMigrate).toEqual({ applied: migrationCount, pending: 0, latest: latestTag });
        expect(afterSecondMigrate).toEqual(afterMigrate);
        expect(bookkeepingRows).toBe(migrationCount);
        expect(await handle.database.migrationState()).toEqual(afterMigrate);
      });
    });

    describe('bytea', () => {
      it('round-trips empty, binary and large values as plain Uint8Array', async () => {
        const docName = `bytes:${randomUUID()}`;
        const samples = [
          bytes(),
          bytes(0, 1, 127, 128, 255, 0),
          new Uint8Array(randomBytes(256 * 1024)),
          // A view into a larger buffer (a Yjs update often is one): only the viewed bytes are stored.
          new Uint8Array(randomBytes(64)).subarray(5, 37),
        ];
        for (const sample of samples) await repos.docs.appendUpdate(docName, sample);
        const loaded = await repos.docs.load(docName);
        expect(loaded.updates).toHaveLength(samples.length);
        samples.forEach((sample, i) => {
          expectPlainBytes(loaded.updates[i], sample);
        });
      });

      it('round-trips the encrypted credential columns', async () => {
        const { user, workspace } = await seed();
        const secret = {
          ciphertext: new Uint8Array(randomBytes(48)),
          iv: bytes(0, 0, 9),
          authTag: bytes(255, 254),
        };
        await db.insert(credentials).values({
          workspaceId: workspace.id,
          provider: 'openai',
          name: 'default',
          ...secret,
          last4: 'abcd',
          createdBy: user.id,
        });
        const [row] = await db.select().from(credentials).where(eq(credentials.workspaceId, workspace.id));
        expectPlainBytes(row?.ciphertext, secret.ciphertext);
        expectPlainBytes(row?.iv, secret.iv);
        expectPlainBytes(row?.authTag, secret.authTag);
        await expect(
          db.insert(credentials).values({
            workspaceId: workspace.id,
            provider: 'openai',
            name: 'default',
            ...secret,
            last4: 'x',
          }),
        ).rejects.toThrow();
      });
    });

    describe('users', () => {
      it('stores the email lower-cased and finds it case-insensitively', async () => {
        const local = randomUUID();
        const user = await repos.users.create({
          email: ` ${local}@MIXED.Case `,
          name: 'Grace',
          passwordHash: 'argon2id$...',
          color: '#00ff00',
        });
        expect(user.email).toBe(`${local}@mixed.case`);
        expect(user.createdAt).toBeInstanceOf(Date);
        expect(await repos.users.findByEmail(`${local.toUpperCase()}@Mixed.CASE`)).toEqual(user);
        expect(await repos.users.findById(user.id)).toEqual(user);
        expect(await repos.users.findById(randomUUID())).toBeNull();
        expect(await repos.users.findByEmail('nobody@example.test')).toBeNull();
      });

      it('rejects a second account with the same email, whatever its case', async () => {
        const email = `${randomUUID()}@example.test`;
        await repos.users.create({ email, name: 'A', passwordHash: 'h', color: '#000' });
        await expect(
          repos.users.create({ email: email.toUpperCase(), name: 'B', passwordHash: 'h', color: '#000' }),
        ).rejects.toBeInstanceOf(EmailTakenError);
      });
    });

    describe('workspaces and memberships', () => {
      it('creates a workspace with its owner membership', async () => {
        const { user, workspace } = await seed();
        expect(await repos.workspaces.get(workspace.id)).toEqual(workspace);
        expect(await repos.workspaces.getMembership(workspace.id, user.id)).toMatchObject({ role: 'owner' });
        expect(await repos.workspaces.listForUser(user.id)).toEqual([{ workspace, role: 'owner' }]);
        expect(await repos.workspaces.countOwners(workspace.id)).toBe(1);
      });

      it('adds members, changes roles and removes members', async () => {
        const { user: owner, workspace } = await seed();
        const { user: other } = await seed();
        await repos.workspaces.addMember(workspace.id, other.id, 'viewer');
        // Adding again keeps the existing role.
        expect(await repos.workspaces.addMember(workspace.id, other.id, 'editor')).toMatchObject({
          role: 'viewer',
        });
        expect((await repos.workspaces.listForUser(other.id)).map((m) => m.role).sort()).toEqual([
          'owner',
          'viewer',
        ]);
        expect((await repos.workspaces.listMembers(workspace.id)).map((m) => [m.userId, m.role])).toEqual([
          [owner.id, 'owner'],
          [other.id, 'viewer'],
        ]);

        expect(await repos.workspaces.setRole(workspace.id, other.id, 'owner')).toMatchObject({
          role: 'owner',
        });
        expect(await repos.workspaces.countOwners(workspace.id)).toBe(2);
        expect(await repos.workspaces.setRole(workspace.id, randomUUID(), 'editor')).toBeNull();

        expect(await repos.workspaces.removeMember(workspace.id, other.id)).toBe(true);
        expect(await repos.workspaces.removeMember(workspace.id, other.id)).toBe(false);
        expect(await repos.workspaces.getMembership(workspace.id, other.id)).toBeNull();
        expect(await repos.workspaces.countOwners(workspace.id)).toBe(1);
      });
    });

    describe('workflows', () => {
      it('creates, lists, renames and soft-deletes', async () => {
        const { user, workspace, workflow } = await seed();
        const second = await repos.workflows.create({
          workspaceId: workspace.id,
          name: 'Second',
          createdBy: user.id,
        });
        expect(workflow).toMatchObject({ name: 'Flow', pinnedVersionId: null, deletedAt: null });
        expect(await repos.workflows.get(workflow.id)).toEqual(workflow);

        const renamed = await repos.workflows.rename(workflow.id, 'Renamed');
        expect(renamed?.name).toBe('Renamed');
        expect(renamed && renamed.updatedAt >= workflow.updatedAt).toBe(true);
        expect((await repos.workflows.listForWorkspace(workspace.id)).map((w) => w.id)).toEqual([
          workflow.id,
          second.id,
        ]);

        expect(await repos.workflows.softDelete(workflow.id)).toBe(true);
        expect(await repos.workflows.softDelete(workflow.id)).toBe(false);
        expect(await repos.workflows.get(workflow.id)).toBeNull();
        expect((await repos.workflows.get(workflow.id, { includeDeleted: true }))?.deletedAt).toBeInstanceOf(
          Date,
        );
        expect(await repos.workflows.rename(workflow.id, 'Again')).toBeNull();
        expect((await repos.workflows.listForWorkspace(workspace.id)).map((w) => w.id)).toEqual([second.id]);
      });

      it('pins only a version of the same workflow', async () => {
        const { user, workflow } = await seed();
        const { workflow: other } = await seed();
        const version = await saveVersion(workflow.id, user.id);
        const foreign = await saveVersion(other.id, user.id);

        expect(await repos.workflows.setPinnedVersion(workflow.id, version.id)).toBe(true);
        expect((await repos.workflows.get(workflow.id))?.pinnedVersionId).toBe(version.id);
        expect(await repos.workflows.setPinnedVersion(workflow.id, foreign.id)).toBe(false);
        expect((await repos.workflows.get(workflow.id))?.pinnedVersionId).toBe(version.id);
        expect(await repos.workflows.setPinnedVersion(workflow.id, null)).toBe(true);
        expect((await repos.workflows.get(workflow.id))?.pinnedVersionId).toBeNull();
        expect(await repos.workflows.setPinnedVersion(randomUUID(), null)).toBe(false);
      });
    });

    describe('docs', () => {
      it('loads an unknown doc as empty', async () => {
        expect(await repos.docs.load(`workflow:${randomUUID()}`)).toEqual({
          state: null,
          layoutVersion: null,
          updates: [],
          clock: 0,
        });
      });

      it('appends updates in order and keeps docs apart', async () => {
        const a = `workflow:${randomUUID()}`;
        const b = `${a}:comments`;
        const first = await repos.docs.appendUpdate(a, bytes(1));
        await repos.docs.appendUpdate(b, bytes(9));
        const second = await repos.docs.appendUpdate(a, bytes(2));
        expect(second).toBeGreaterThan(first);
        expect(await repos.docs.load(a)).toEqual({
          state: null,
          layoutVersion: null,
          updates: [bytes(1), bytes(2)],
          clock: second,
        });
        expect((await repos.docs.load(b)).updates).toEqual([bytes(9)]);
      });

      it('append (no id back) stores in order with appendUpdate, and rolls back with a transaction', async () => {
        const doc = `workflow:${randomUUID()}`;
        await repos.docs.append(doc, bytes(1));
        const second = await repos.docs.appendUpdate(doc, bytes(2));
        await repos.docs.append(doc, bytes(3));
        await expect(
          inTransaction(db, async (tx) => {
            await tx.docs.append(doc, bytes(4));
            throw new Error('roll back');
          }),
        ).rejects.toThrow('roll back');
        await inTransaction(db, (tx) => tx.docs.append(doc, bytes(5)));
        const loaded = await repos.docs.load(doc);
        expect(loaded.updates).toEqual([bytes(1), bytes(2), bytes(3), bytes(5)]);
        expect(loaded.clock).toBeGreaterThan(second);
      });

      it('compacts up to a clock and keeps updates that arrived meanwhile', async () => {
        const doc = `workflow:${randomUUID()}`;
        await repos.docs.appendUpdate(doc, bytes(1));
        await repos.docs.appendUpdate(doc, bytes(2));
        const seen = await repos.docs.load(doc);
        const late = await repos.docs.appendUpdate(doc, bytes(3)); // after the compactor loaded

        expect(await repos.docs.compact(doc, bytes(1, 2), bytes(42), seen.clock)).toBe(true);
        const loaded = await repos.docs.load(doc);
        expectPlainBytes(loaded.state, bytes(1, 2));
        expect(loaded.updates).toEqual([bytes(3)]);
        expect(loaded.clock).toBe(late);

        // A stale compactor (older clock) neither overwrites the state nor loses updates.
        expect(await repos.docs.compact(doc, bytes(1), bytes(41), seen.clock - 1)).toBe(false);
        expect(await repos.docs.load(doc)).toEqual(loaded);

        expect(await repos.docs.compact(doc, bytes(1, 2, 3), bytes(43), loaded.clock)).toBe(true);
        expect(await repos.docs.load(doc)).toEqual({
          state: bytes(1, 2, 3),
          layoutVersion: null,
          updates: [],
          clock: late,
        });
      });

      it('keeps the layout version a compaction reports, and forgets it when the next one does not know it', async () => {
        const doc = `workflow:${randomUUID()}`;
        const first = await repos.docs.appendUpdate(doc, bytes(1));
        expect(await repos.docs.compact(doc, bytes(1), bytes(41), first, 2)).toBe(true);
        expect(await repos.docs.load(doc)).toEqual({
          state: bytes(1),
          layoutVersion: 2,
          updates: [],
          clock: first,
        });
        const second = await repos.docs.appendUpdate(doc, bytes(2));
        expect(await repos.docs.compact(doc, bytes(1, 2), bytes(42), second)).toBe(true);
        expect((await repos.docs.load(doc)).layoutVersion).toBeNull();
      });

      it('serves concurrent appends with distinct increasing ids', async () => {
        const doc = `workflow:${randomUUID()}`;
        const ids = await Promise.all(
          Array.from({ length: 20 }, (_, i) => repos.docs.appendUpdate(doc, bytes(i))),
        );
        expect(new Set(ids).size).toBe(20);
        const loaded = await repos.docs.load(doc);
        expect(loaded.updates).toHaveLength(20);
        expect(loaded.clock).toBe(Math.max(...ids));
      });

      it('appends inside inTransaction and rolls back with it', async () => {
        const doc = `workflow:${randomUUID()}`;
        const kept = await inTransaction(db, (tx) => tx.docs.appendUpdate(doc, bytes(1)));
        await expect(
          inTransaction(db, async (tx) => {
            await tx.docs.appendUpdate(doc, bytes(2));
            throw new Error('roll back');
          }),
        ).rejects.toThrow('roll back');
        expect(await repos.docs.load(doc)).toEqual({
          state: null,
          layoutVersion: null,
          updates: [bytes(1)],
          clock: kept,
        });
      });

      it('never lets a concurrent load see an update before an earlier one is visible', async () => {
        // Without the per-doc lock, Postgres can commit id n+1 before n: a load then returns a list
        // that is not a prefix of the final one (a gap that is later filled), and a compaction of
        // that load would delete n unmerged. PGlite (one connection) serialises everything anyway.
        const doc = `workflow:${randomUUID()}`;
        const key = (update: Uint8Array) => Array.from(update).join('.');
        const writers = 8;
        const perWriter = 100;
        const seen: string[][] = [];
        let writing = true;
        const write = Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let i = 0; i < perWriter; i++) await repos.docs.appendUpdate(doc, bytes(w, i));
          }),
        ).finally(() => {
          writing = false;
        });
        const read = Promise.all(
          Array.from({ length: 2 }, async () => {
            while (writing) seen.push((await repos.docs.load(doc)).updates.map(key));
          }),
        );
        await Promise.all([write, read]);
        const final = (await repos.docs.load(doc)).updates.map(key);
        expect(final).toHaveLength(writers * perWriter);
        expect(seen.length).toBeGreaterThan(0);
        for (const updates of seen) expect(updates).toEqual(final.slice(0, updates.length));
      });
    });

    describe('versions', () => {
      it('numbers versions per workflow and keeps their content', async () => {
        const { user, workflow } = await seed();
        const { workflow: other } = await seed();
        const v1 = await saveVersion(workflow.id, user.id, 'a');
        const v2 = await saveVersion(workflow.id, user.id, 'b');
        const elsewhere = await saveVersion(other.id, user.id, 'a');
        expect([v1.number, v2.number, elsewhere.number]).toEqual([1, 2, 1]);

        const got = await repos.versions.get(v1.id);
        expect(got).toEqual(v1);
        expect(got?.definition).toEqual({
          schemaVersion: 1,
          name: 'Flow',
          description: '',
          nodes: [],
          edges: [],
        });
        expectPlainBytes(got?.ydocState, bytes(1, 2, 3));
        expect(await repos.versions.getByNumber(workflow.id, 2)).toEqual(v2);
        expect(await repos.versions.get(randomUUID())).toBeNull();
        expect(await repos.versions.getDefinition(v2.id)).toEqual(v2.definition);
        expect(await repos.versions.getDefinition(randomUUID())).toBeNull();

        const listed = await repos.versions.list(workflow.id);
        expect(listed.map((v) => v.number)).toEqual([2, 1]);
        expect(listed[0]).not.toHaveProperty('definition');
      });

      it('round-trips a nested JSON definition exactly', async () => {
        const { user, workflow } = await seed();
        const definition: WorkflowDefinition = {
          schemaVersion: 1,
          name: 'Ünïcode ✓ "quotes" \\ back',
          description: 'line\nbreak',
          nodes: [
            {
              id: 'llm_1',
              type: 'llm',
              typeVersion: 1,
              position: { x: -12.5, y: 300 },
              label: 'Summarise',
              config: {
                provider: 'mock',
                model: 'm',
                systemPrompt: 'Be brief. 🦦',
                userPrompt: '{{inputs.topic}}',
                temperature: 0.7,
                maxTokens: 10,
                jsonMode: false,
              },
            },
            {
              id: 'http_1',
              type: 'http',
              typeVersion: 1,
              position: { x: 0, y: 0 },
              config: {
                method: 'POST',
                urlTemplate: 'https://example.test/{{nodes.llm_1.output}}',
                headers: { 'content-type': 'application/json' },
                bodyTemplate: '{"a":[1,null]}',
                timeoutMs: 1000,
              },
            },
          ],
          edges: [{ id: 'e1', source: 'llm_1', sourceHandle: 'out', target: 'http_1', targetHandle: 'in' }],
        };
        const version = await repos.versions.create({
          workflowId: workflow.id,
          name: 'json',
          definition,
          ydocState: bytes(),
          contentHash: 'j',
          createdBy: user.id,
        });
        expect((await repos.versions.get(version.id))?.definition).toEqual(definition);
      });

      it('assigns unique consecutive numbers to concurrent creators', async () => {
        const { user, workflow } = await seed();
        const created = await Promise.all(
          Array.from({ length: 12 }, (_, i) => saveVersion(workflow.id, user.id, `c${i}`)),
        );
        expect(created.map((v) => v.number).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 12 }, (_, i) => i + 1),
        );
      });

      it('finds the newest version with a content hash', async () => {
        const { user, workflow } = await seed();
        await saveVersion(workflow.id, user.id, 'same');
        await saveVersion(workflow.id, user.id, 'other');
        const newest = await saveVersion(workflow.id, user.id, 'same');
        expect((await repos.versions.findLatestByHash(workflow.id, 'same'))?.id).toBe(newest.id);
        expect(await repos.versions.findLatestByHash(workflow.id, 'missing')).toBeNull();
      });

      it('finds or creates by content hash, once under concurrency', async () => {
        const { user, workflow } = await seed();
        const input = {
          workflowId: workflow.id,
          name: '',
          definition: { schemaVersion: 1, name: 'Flow', description: '', nodes: [], edges: [] },
          ydocState: bytes(1),
          contentHash: `h-${randomUUID()}`,
          createdBy: user.id,
        };
        const results = await Promise.all([
          repos.versions.findOrCreate(input),
          repos.versions.findOrCreate(input),
        ]);
        expect(results.filter((result) => result.created)).toHaveLength(1);
        expect(results[0]?.version.id).toBe(results[1]?.version.id);
        expect(results[0]?.version.name).toBe(`Version ${results[0]?.version.number}`);
      });

      it('refuses a version of a missing or deleted workflow', async () => {
        const { user, workflow } = await seed();
        await expect(saveVersion(randomUUID(), user.id)).rejects.toBeInstanceOf(WorkflowNotFoundError);
        await repos.workflows.softDelete(workflow.id);
        await expect(saveVersion(workflow.id, user.id)).rejects.toBeInstanceOf(WorkflowNotFoundError);
      });
    });

    describe('runs', () => {
      it('moves through statuses with timestamps', async () => {
        const { user, workflow } = await seed();
        const version = await saveVersion(workflow.id, user.id);
        const run = await repos.runs.create({
          workflowId: workflow.id,
          versionId: version.id,
          trigger: 'manual',
          inputs: { topic: 'otters' },
          startedBy: user.id,
        });
        expect(run).toMatchObject({
          status: 'queued',
          startedAt: null,
          finishedAt: null,
          outputs: null,
          variant: null,
        });

        const running = await repos.runs.setStatus(run.id, 'running');
        expect(running?.startedAt).toBeInstanceOf(Date);
        expect(running?.finishedAt).toBeNull();

        const done = await repos.runs.setStatus(run.id, 'succeeded', { outputs: { answer: 42 } });
        expect(done).toMatchObject({ status: 'succeeded', outputs: { answer: 42 }, error: null });
        expect(done?.startedAt).toEqual(running?.startedAt);
        expect(done?.finishedAt).toBeInstanceOf(Date);
        expect(await repos.runs.get(run.id)).toEqual(done);
        expect(await repos.runs.setStatus(randomUUID(), 'failed')).toBeNull();
      });

      it('records a failure and a cancellation before start', async () => {
        const { user, workflow } = await seed();
        const version = await saveVersion(workflow.id, user.id);
        const base = { workflowId: workflow.id, versionId: version.id, inputs: {} };
        const failed = await repos.runs.create({ ...base, trigger: 'api' });
        expect(await repos.runs.setStatus(failed.id, 'failed', { error: 'timeout' })).toMatchObject({
          status: 'failed',
          error: 'timeout',
        });
        const cancelled = await repos.runs.create({ ...base, trigger: 'experiment', variant: 'B' });
        const row = await repos.runs.setStatus(cancelled.id, 'cancelled');
        expect(row).toMatchObject({ status: 'cancelled', startedAt: null, variant: 'B', startedBy: null });
        expect(row?.finishedAt).toBeInstanceOf(Date);
        // A late worker cannot turn the cancellation into a success.
        expect(await repos.runs.setStatus(cancelled.id, 'succeeded', { onlyFrom: ['running'] })).toBeNull();
        expect((await repos.runs.get(cancelled.id))?.status).toBe('cancelled');
      });

      it('lists a workflow’s runs newest first with a limit', async () => {
        const { user, workflow } = await seed();
        const version = await saveVersion(workflow.id, user.id);
        const created = [];
        for (let i = 0; i < 5; i++) {
          created.push(
            await repos.runs.create({
              workflowId: workflow.id,
              versionId: version.id,
              trigger: 'manual',
              inputs: { i },
            }),
          );
        }
        // The database keeps microseconds and a JS Date only milliseconds, so the order is checked on what
        // the database returns rather than re-derived from the created rows.
        const all = await repos.runs.listForWorkflow(workflow.id);
        expect(new Set(all.map((r) => r.id))).toEqual(new Set(created.map((r) => r.id)));
        for (let i = 1; i < all.length; i++) {
          expect(all[i - 1]?.createdAt.getTime()).toBeGreaterThanOrEqual(all[i]?.createdAt.getTime() ?? 0);
        }
        expect((await repos.runs.listForWorkflow(workflow.id, { limit: 3 })).map((r) => r.id)).toEqual(
          all.slice(0, 3).map((r) => r.id),
        );
        expect(await repos.runs.listForWorkflow(workflow.id)).toHaveLength(5);
      });
    });

    describe('run leases', () => {
      async function queuedRuns(count: number) {
        const { user, workflow } = await seed();
        const version = await saveVersion(workflow.id, user.id);
        const created = [];
        for (let i = 0; i < count; i++) {
          created.push(
            await repos.runs.create({
              workflowId: workflow.id,
              versionId: version.id,
              trigger: 'manual',
              inputs: {},
            }),
          );
        }
        return created;
      }
      const lease = { leaseMs: 60_000, maxPerWorkspace: 2 };

      it('gives a run to one worker, renews the lease, and lets another take it once it lapses', async () => {
        const [run] = await queuedRuns(1);
        if (!run) throw new Error('seeded');
        const first = await repos.runs.claim({ ...lease, workerId: 'a', runId: run.id });
        expect(first).toMatchObject({ id: run.id, status: 'running', leaseOwner: 'a', claims: 1 });
        expect(first?.workspaceId).toMatch(/^[0-9a-f-]{36}$/);
        expect(await repos.runs.claim({ ...lease, workerId: 'b', runId: run.id })).toBeNull();
        expect(await repos.runs.heartbeat(run.id, 'a', 60_000)).toEqual({
          held: true,
          cancelRequested: false,
        });
        expect(await repos.runs.heartbeat(run.id, 'b', 60_000)).toEqual({
          held: false,
          cancelRequested: false,
        });
        // Worker a dies: its lease runs out.
        await db.execute(
          sql`update runs set lease_expires_at = now() - interval '1 second' where id = ${run.id}`,
        );
        expect(await repos.runs.listClaimable()).toContain(run.id);
        const second = await repos.runs.claim({ ...lease, workerId: 'b', runId: run.id });
        expect(second).toMatchObject({ leaseOwner: 'b', claims: 2, startedAt: first?.startedAt });
        expect((await repos.runs.heartbeat(run.id, 'a', 60_000)).held).toBe(false);
      });

      it('never exceeds the bound when workers claim at the same moment', async () => {
        const runs = await queuedRuns(8);
        const claimed = await Promise.all(
          runs.map((run, i) => repos.runs.claim({ ...lease, workerId: `w${i}`, runId: run.id })),
        );
        expect(claimed.filter((run) => run !== null)).toHaveLength(lease.maxPerWorkspace);
      });

      it('bounds live leases per workspace', async () => {
        const runs = await queuedRuns(3);
        const taken = [];
        for (const run of runs)
          taken.push(await repos.runs.claim({ ...lease, workerId: 'w', runId: run.id }));
        expect(taken.map((run) => run !== null)).toEqual([true, true, false]);
        await repos.runs.setStatus(runs[0]?.id ?? '', 'succeeded');
        expect(await repos.runs.claim({ ...lease, workerId: 'w', runId: runs[2]?.id ?? '' })).not.toBeNull();
      });

      it('cancels a queued run at once and flags a running one for its worker', async () => {
        const [queued, running] = await queuedRuns(2);
        if (!queued || !running) throw new Error('seeded');
        expect(await repos.runs.requestCancel(queued.id)).toMatchObject({ status: 'cancelled' });
        expect(await repos.runs.claim({ ...lease, workerId: 'w', runId: queued.id })).toBeNull();
        await repos.runs.claim({ ...lease, workerId: 'w', runId: running.id });
        expect(await repos.runs.requestCancel(running.id)).toMatchObject({ status: 'running' });
        expect(await repos.runs.heartbeat(running.id, 'w', 60_000)).toEqual({
          held: true,
          cancelRequested: true,
        });
      });

      it('stores model answers once per idempotency key', async () => {
        const [run] = await queuedRuns(1);
        if (!run) throw new Error('seeded');
        const key = `${run.id}:llm:1`;
        expect(await repos.llmResults.get(key)).toBeNull();
        await repos.llmResults.put(key, run.id, { text: 'first' });
        await repos.llmResults.put(key, run.id, { text: 'second' });
        expect(await repos.llmResults.get(key)).toEqual({ text: 'first' });
      });
    });

    describe('run events', () => {
      async function newRun() {
        const { user, workflow } = await seed();
        const version = await saveVersion(workflow.id, user.id);
        return repos.runs.create({
          workflowId: workflow.id,
          versionId: version.id,
          trigger: 'manual',
          inputs: {},
        });
      }

      it('stores a batch of events in one statement, all or nothing', async () => {
        const run = await newRun();
        const event = (seq: number) => ({
          runId: run.id,
          seq,
          type: 'node.delta',
          nodeId: 'n',
          payload: { text: `${seq}` },
        });
        await repos.runEvents.appendMany([event(0), event(1), event(2)]);
        await expect(repos.runEvents.appendMany([event(3), event(2)])).rejects.toBeInstanceOf(
          DuplicateRunEventError,
        );
        expect((await repos.runEvents.list(run.id)).map((e) => e.seq)).toEqual([0, 1, 2]);
      });

      it('lists events by seq and resumes after a seq', async () => {
        const run = await newRun();
        const at = new Date('2026-01-02T03:04:05.678Z');
        await repos.runEvents.append({
          runId: run.id,
          seq: 2,
          type: 'node.started',
          nodeId: 'n1',
          payload: {},
        });
        await repos.runEvents.append({
          runId: run.id,
          seq: 1,
          type: 'run.started',
          at,
          payload: { inputs: { a: 1 } },
        });
        await repos.runEvents.append({
          runId: run.id,
          seq: 3,
          type: 'node.completed',
          nodeId: 'n1',
          payload: { output: 'hi', tokensIn: 3, tokensOut: 5, cost: 0.0001 },
        });
        const events = await repos.runEvents.list(run.id);
        expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(events[0]).toMatchObject({
          type: 'run.started',
          nodeId: null,
          at,
          payload: { inputs: { a: 1 } },
        });
        expect(events[2]?.payload).toEqual({ output: 'hi', tokensIn: 3, tokensOut: 5, cost: 0.0001 });
        expect((await repos.runEvents.list(run.id, { afterSeq: 1 })).map((e) => e.seq)).toEqual([2, 3]);
      });

      it('rejects a duplicate seq with a typed error and keeps the first event', async () => {
        const run = await newRun();
        await repos.runEvents.append({
          runId: run.id,
          seq: 1,
          type: 'run.started',
          payload: { first: true },
        });
        const error = await repos.runEvents
          .append({ runId: run.id, seq: 1, type: 'run.failed', payload: {} })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DuplicateRunEventError);
        expect(error).toMatchObject({ runId: run.id, seq: 1 });
        expect((await repos.runEvents.list(run.id)).map((e) => e.payload)).toEqual([{ first: true }]);
      });
    });

    defineAccountRepositoryContract(() => ({ db, repos }));
    defineExperimentRepositoryContract(() => ({ db, repos }));

    describe('other tables', () => {
      it('stores invitations, api keys and experiments', async () => {
        const { user, workspace, workflow } = await seed();
        const tokenHash = new Uint8Array(randomBytes(32));
        const expiresAt = new Date(Date.now() + 86_400_000);
        await db
          .insert(invitations)
          .values({ workspaceId: workspace.id, tokenHash, role: 'editor', invitedBy: user.id, expiresAt });
        const [invitation] = await db.select().from(invitations).where(eq(invitations.tokenHash, tokenHash));
        expect(invitation).toMatchObject({ role: 'editor', acceptedAt: null, revokedAt: null, expiresAt });

        const keyHash = new Uint8Array(randomBytes(32));
        const prefix = `tdm_${randomUUID().slice(0, 8)}`;
        await db.insert(apiKeys).values({
          workspaceId: workspace.id,
          name: 'ci',
          prefix,
          keyHash,
          last4: 'wxyz',
          createdBy: user.id,
        });
        const [key] = await db
          .select()
          .from(apiKeys)
          .where(and(eq(apiKeys.prefix, prefix), eq(apiKeys.workspaceId, workspace.id)));
        expectPlainBytes(key?.keyHash, keyHash);

        const [experiment] = await db
          .insert(experiments)
          .values({
            workspaceId: workspace.id,
            workflowId: workflow.id,
            name: 'A vs B',
            config: { variants: ['a', 'b'] },
            createdBy: user.id,
          })
          .returning();
        expect(experiment).toMatchObject({ status: 'draft', config: { variants: ['a', 'b'] } });
      });
    });
  });
}
