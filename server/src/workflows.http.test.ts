import { randomUUID } from 'node:crypto';
import { readCredential, verifyApiKey } from '@tandem/api';
import {
  createSampleWorkflow,
  documentName,
  materialise,
  readGraph,
  type WorkflowDefinition,
} from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Harness, HTTP_TEST_DATABASES, ok, openHarness } from './testing/harness';

type Workflow = { id: string; workspaceId: string; name: string; createdBy: string };
type Exported = { definition: WorkflowDefinition; problems: { code: string }[] };

function sample(): WorkflowDefinition {
  const result = materialise(createSampleWorkflow());
  if (!result.ok) throw new Error('the sample materialises');
  return result.definition;
}

describe.each(HTTP_TEST_DATABASES)(
  'workflows, API keys and credentials over HTTP on $name',
  ({ adminUrl }) => {
    let h: Harness;
    beforeAll(async () => {
      h = await openHarness(adminUrl);
    });
    afterAll(() => h?.cleanup());

    async function workspace() {
      const owner = h.client();
      const user = await owner.signup();
      const { id } = ok(await owner.mutation<{ id: string }>('workspaces.create', { name: 'W' }));
      return { owner, user, workspaceId: id };
    }

    /** The stored graph document, as the collab server would load it. */
    async function storedDoc(workflowId: string): Promise<Y.Doc> {
      const loaded = await h.repos.docs.load(documentName(workflowId, 'graph'));
      const doc = new Y.Doc();
      if (loaded.state) Y.applyUpdate(doc, loaded.state);
      for (const update of loaded.updates) Y.applyUpdate(doc, update);
      return doc;
    }

    describe('workflows', () => {
      it('creates a workflow with its graph document, lists and gets it with the caller’s role', async () => {
        const { owner, user, workspaceId } = await workspace();
        const created = ok(
          await owner.mutation<Workflow>('workflows.create', { workspaceId, name: 'Triage' }),
        );
        expect(created).toMatchObject({ workspaceId, name: 'Triage', createdBy: user.id });
        const graph = readGraph(await storedDoc(created.id));
        expect(graph.meta).toMatchObject({ name: 'Triage', schemaVersion: expect.any(Number) });
        expect(graph.nodes).toEqual([]);

        expect(ok(await owner.query<Workflow[]>('workflows.list', { workspaceId })).map((w) => w.id)).toEqual(
          [created.id],
        );
        expect(ok(await owner.query('workflows.get', { workflowId: created.id }))).toMatchObject({
          id: created.id,
          role: 'owner',
        });
      });

      it('imports an export, exports it back unchanged, and reports a draft’s problems', async () => {
        const { owner, workspaceId } = await workspace();
        const definition = sample();
        const imported = ok(
          await owner.mutation<{ workflow: Workflow; problems: unknown[] }>('workflows.import', {
            workspaceId,
            json: definition,
          }),
        );
        expect(imported.workflow.name).toBe(definition.name);
        expect(imported.problems).toEqual([]);
        const exported = ok(
          await owner.query<Exported>('workflows.export', { workflowId: imported.workflow.id }),
        );
        expect(exported).toEqual({ definition, problems: [] });

        const first = definition.edges[0];
        if (!first) throw new Error('the sample has edges');
        const cyclic = {
          ...definition,
          edges: [...definition.edges, { ...first, id: 'back', source: 'answer', target: 'input' }],
        };
        const draft = ok(
          await owner.mutation<{ workflow: Workflow; problems: { code: string }[] }>('workflows.import', {
            workspaceId,
            json: cyclic,
            name: 'Draft',
          }),
        );
        expect(draft.workflow.name).toBe('Draft');
        expect(draft.problems.length).toBeGreaterThan(0);
        const draftExport = ok(
          await owner.query<Exported>('workflows.export', { workflowId: draft.workflow.id }),
        );
        expect(draftExport.definition.name).toBe('Draft');
        expect(draftExport.problems.length).toBeGreaterThan(0);
      });

      it('refuses an import of the wrong shape, naming the field, and creates nothing', async () => {
        const { owner, workspaceId } = await workspace();
        const definition = sample();
        const node = definition.nodes[0];
        if (!node) throw new Error('the sample has nodes');
        const wrong = { ...definition, nodes: [{ ...node, position: { x: 'left', y: 0 } }] };
        const result = await owner.mutation('workflows.import', { workspaceId, json: wrong });
        expect(result.status).toBe(400);
        expect(result.error?.message).toBe('This is not a Tandem workflow export.');
        expect(result.error?.data.issues.map((issue) => issue.path)).toContain('nodes.0.position.x');
        expect(ok(await owner.query<unknown[]>('workflows.list', { workspaceId }))).toEqual([]);
      });

      it('duplicates the graph into a new workflow and document', async () => {
        const { owner, workspaceId } = await workspace();
        const source = ok(
          await owner.mutation<{ workflow: Workflow }>('workflows.import', { workspaceId, json: sample() }),
        );
        const copy = ok(
          await owner.mutation<Workflow>('workflows.duplicate', { workflowId: source.workflow.id }),
        );
        expect(copy.id).not.toBe(source.workflow.id);
        expect(copy.name).toBe('Support triage (copy)');
        const exported = ok(await owner.query<Exported>('workflows.export', { workflowId: copy.id }));
        expect(exported.definition).toEqual({ ...sample(), name: 'Support triage (copy)' });
        const named = ok(
          await owner.mutation<Workflow>('workflows.duplicate', {
            workflowId: source.workflow.id,
            name: 'B',
          }),
        );
        expect(named.name).toBe('B');
      });

      it('renames and deletes', async () => {
        const { owner, workspaceId } = await workspace();
        const created = ok(await owner.mutation<Workflow>('workflows.create', { workspaceId, name: 'Old' }));
        expect(
          ok(await owner.mutation<Workflow>('workflows.rename', { workflowId: created.id, name: 'New' }))
            .name,
        ).toBe('New');
        expect(
          ok(await owner.query<Exported>('workflows.export', { workflowId: created.id })).definition.name,
        ).toBe('New');
        ok(await owner.mutation('workflows.delete', { workflowId: created.id }));
        expect((await owner.query('workflows.get', { workflowId: created.id })).status).toBe(404);
        expect(ok(await owner.query<unknown[]>('workflows.list', { workspaceId }))).toEqual([]);
        expect((await owner.mutation('workflows.delete', { workflowId: created.id })).status).toBe(404);
      });

      it('answers NOT_FOUND for another workspace’s workflow, even to an owner elsewhere', async () => {
        const mine = await workspace();
        const theirs = await workspace();
        const created = ok(
          await theirs.owner.mutation<Workflow>('workflows.create', {
            workspaceId: theirs.workspaceId,
            name: 'T',
          }),
        );
        const peek = await mine.owner.query('workflows.export', { workflowId: created.id });
        expect(peek.status).toBe(404);
        expect((await mine.owner.query('workflows.get', { workflowId: randomUUID() })).error?.message).toBe(
          peek.error?.message,
        );
      });
    });

    describe('API keys', () => {
      it('shows the key once, lists prefix and last four, verifies it and stops verifying after revocation', async () => {
        const { owner, workspaceId } = await workspace();
        const created = ok(
          await owner.mutation<{ apiKey: { id: string; prefix: string; last4: string }; token: string }>(
            'apiKeys.create',
            {
              workspaceId,
              name: 'CI',
            },
          ),
        );
        expect(created.token).toMatch(/^tdm_[a-z2-7]{12}_[a-z2-7]{52}$/);
        expect(created.token.startsWith(`tdm_${created.apiKey.prefix}_`)).toBe(true);
        expect(created.token.endsWith(created.apiKey.last4)).toBe(true);
        const listed = await owner.query('apiKeys.list', { workspaceId });
        expect(listed.text).not.toContain(created.token.slice(-52));
        expect(ok(listed)).toEqual([
          expect.objectContaining({ id: created.apiKey.id, name: 'CI', revokedAt: null }),
        ]);

        expect(await verifyApiKey(h.repos, created.token, h.now())).toMatchObject({
          workspaceId,
          apiKeyId: created.apiKey.id,
        });
        ok(await owner.mutation('apiKeys.revoke', { apiKeyId: created.apiKey.id }));
        expect(await verifyApiKey(h.repos, created.token, h.now())).toBeNull();
        expect(
          ok(await owner.query<{ revokedAt: string | null }[]>('apiKeys.list', { workspaceId }))[0]
            ?.revokedAt,
        ).toBe(h.now().toISOString());
      });
    });

    describe('credentials', () => {
      it('stores a key encrypted, shows only provider and last four, and decrypts it for runs', async () => {
        const { owner, workspaceId } = await workspace();
        const key = `sk-test-${randomUUID()}`;
        const set = await owner.mutation<{ id: string; name: string; last4: string }>('credentials.set', {
          workspaceId,
          provider: 'openai',
          apiKey: key,
        });
        expect(ok(set)).toMatchObject({
          name: 'openai',
          provider: 'openai',
          last4: key.slice(-4),
          baseUrl: null,
        });
        expect(set.text).not.toContain(key);
        const listed = await owner.query('credentials.list', { workspaceId });
        expect(listed.text).not.toContain(key);
        expect(await readCredential(h.repos, h.services.secretBox, workspaceId, 'openai')).toEqual({
          provider: 'openai',
          baseUrl: null,
          apiKey: key,
        });

        ok(
          await owner.mutation('credentials.set', {
            workspaceId,
            provider: 'openai',
            apiKey: `${key}-rotated`,
          }),
        );
        expect((await readCredential(h.repos, h.services.secretBox, workspaceId, 'openai'))?.apiKey).toBe(
          `${key}-rotated`,
        );
        ok(await owner.mutation('credentials.delete', { credentialId: ok(set).id }));
        expect(ok(await owner.query<unknown[]>('credentials.list', { workspaceId }))).toEqual([]);
      });

      it('stores an OpenAI-compatible server with its base URL', async () => {
        const { owner, workspaceId } = await workspace();
        const missing = await owner.mutation('credentials.set', {
          workspaceId,
          provider: 'openai-compatible',
          apiKey: 'ollama-local-key',
        });
        expect(missing.status).toBe(400);
        expect(missing.error?.data.issues.map((issue) => issue.path)).toEqual(['baseUrl']);
        const withUserinfo = await owner.mutation('credentials.set', {
          workspaceId,
          provider: 'openai-compatible',
          apiKey: 'ollama-local-key',
          baseUrl: 'http://user:hunter2@localhost:11434/v1',
        });
        expect(withUserinfo.status).toBe(400);
        expect(withUserinfo.text).not.toContain('hunter2');
        const stored = ok(
          await owner.mutation('credentials.set', {
            workspaceId,
            provider: 'openai-compatible',
            name: 'ollama',
            apiKey: 'ollama-local-key',
            baseUrl: 'http://localhost:11434/v1',
          }),
        );
        expect(stored).toMatchObject({ name: 'ollama', baseUrl: 'http://localhost:11434/v1', last4: '-key' });
      });
    });
  },
);
