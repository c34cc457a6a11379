import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { TandemDb } from '../client';
import { expectedOf } from '../repositories/datasets';
import { inTransaction, type Repositories } from '../repositories/index';

/** Datasets, experiments and their trials; part of the repository contract (PGlite and Postgres). */
export function defineExperimentRepositoryContract(get: () => { db: TandemDb; repos: Repositories }): void {
  async function seed() {
    const { repos } = get();
    const user = await repos.users.create({
      email: `${randomUUID()}@example.test`,
      name: 'Kay',
      passwordHash: 'h',
      color: '#123456',
    });
    const { workspace } = await repos.workspaces.create({ name: 'Lab', ownerId: user.id });
    const workflow = await repos.workflows.create({
      workspaceId: workspace.id,
      name: 'Flow',
      createdBy: user.id,
    });
    const version = await repos.versions.create({
      workflowId: workflow.id,
      name: 'v1',
      definition: { schemaVersion: 1, name: 'Flow', description: '', nodes: [], edges: [] },
      ydocState: Uint8Array.from([0, 0]),
      contentHash: randomUUID(),
      createdBy: user.id,
    });
    return { user, workspace, workflow, version };
  }

  describe('datasets', () => {
    it('keeps rows in order, tells "no expected output" from an expected null, and replaces or appends', async () => {
      const { repos } = get();
      const { user, workspace } = await seed();
      const dataset = await repos.datasets.create(
        { workspaceId: workspace.id, name: 'Capitals', createdBy: user.id },
        [
          { inputs: { q: 'France' }, expected: 'Paris' },
          { inputs: { q: 'nothing' }, expected: null },
          { inputs: { q: 'open' } },
        ],
      );
      expect(dataset.rowCount).toBe(3);
      const rows = await repos.datasets.rows(dataset.id);
      expect(rows.map((row) => [row.position, row.inputs, expectedOf(row)])).toEqual([
        [0, { q: 'France' }, { present: true, value: 'Paris' }],
        [1, { q: 'nothing' }, { present: true, value: null }],
        [2, { q: 'open' }, { present: false, value: undefined }],
      ]);
      expect(await repos.datasets.appendRows(dataset.id, [{ inputs: { q: 'Peru' }, expected: 'Lima' }])).toBe(
        4,
      );
      expect(
        (await repos.datasets.rows(dataset.id, { offset: 3, limit: 5 })).map((row) => row.position),
      ).toEqual([3]);
      expect(await repos.datasets.replaceRows(dataset.id, [{ inputs: { q: 'only' } }])).toBe(1);
      expect((await repos.datasets.get(dataset.id))?.rowCount).toBe(1);
      expect((await repos.datasets.listByWorkspace(workspace.id)).map((d) => d.name)).toEqual(['Capitals']);
      expect(await repos.datasets.appendRows(randomUUID(), [{ inputs: {} }])).toBe(0);
      expect(await repos.datasets.delete(dataset.id)).toBe(true);
      expect(await repos.datasets.get(dataset.id)).toBeNull();
    });

    it('stores 2,500 rows in chunks', async () => {
      const { repos } = get();
      const { user, workspace } = await seed();
      const rows = Array.from({ length: 2500 }, (_, i) => ({ inputs: { i }, expected: i * 2 }));
      const dataset = await repos.datasets.create(
        { workspaceId: workspace.id, name: 'Big', createdBy: user.id },
        rows,
      );
      expect(await repos.datasets.countRows(dataset.id)).toBe(2500);
      const last = await repos.datasets.rows(dataset.id, { offset: 2499, limit: 1 });
      expect(last[0]?.inputs).toEqual({ i: 2499 });
    });
  });

  describe('experiments and trials', () => {
    it('attaches a run to a trial once, scores it once and counts by status', async () => {
      const { db, repos } = get();
      const { user, workspace, workflow, version } = await seed();
      const experiment = await repos.experiments.create({
        workspaceId: workspace.id,
        workflowId: workflow.id,
        name: 'A vs B',
        config: { kind: 'dataset' },
        createdBy: user.id,
      });
      await repos.experiments.insertTrials(
        ['A', 'B'].flatMap((variant) =>
          [0, 1].map((rowPosition) => ({
            experimentId: experiment.id,
            variant,
            rowPosition,
            repetition: 0,
            inputs: { rowPosition },
            expected: { value: rowPosition },
          })),
        ),
      );
      // The same cell twice is refused: a trial is counted once.
      await expect(
        repos.experiments.insertTrials([
          {
            experimentId: experiment.id,
            variant: 'A',
            rowPosition: 0,
            repetition: 0,
            inputs: {},
            expected: null,
          },
        ]),
      ).rejects.toThrow();
      expect(await repos.experiments.setStatus(experiment.id, 'running', ['draft'])).toMatchObject({
        status: 'running',
      });
      expect(await repos.experiments.setStatus(experiment.id, 'running', ['draft'])).toBeNull();
      expect((await repos.experiments.listActive()).some((e) => e.id === experiment.id)).toBe(true);

      const next = await repos.experiments.nextPending(experiment.id, 3);
      expect(next.map((t) => [t.rowPosition, t.variant])).toEqual([
        [0, 'A'],
        [0, 'B'],
        [1, 'A'],
      ]);
      const first = next[0];
      if (!first) throw new Error('no trial');
      const run = await inTransaction(db, async (tx) => {
        const created = await tx.runs.create({
          workflowId: workflow.id,
          versionId: version.id,
          trigger: 'experiment',
          inputs: first.inputs,
          experimentId: experiment.id,
          variant: first.variant,
        });
        expect(await tx.experiments.attachRun(first.id, created.id)).toBe(true);
        return created;
      });
      expect(await repos.experiments.attachRun(first.id, randomUUID())).toBe(false);
      expect(await repos.experiments.counts(experiment.id)).toEqual({
        pending: 3,
        running: 1,
        scored: 0,
        failedRuns: 0,
        total: 4,
      });
      expect(await repos.experiments.ended(experiment.id)).toEqual([]);
      await repos.runs.setStatus(run.id, 'failed', { error: 'boom' });
      const ended = await repos.experiments.ended(experiment.id);
      expect(ended.map((t) => [t.id, t.run.status, t.run.error])).toEqual([[first.id, 'failed', 'boom']]);
      const score = {
        runStatus: 'failed',
        outputs: null,
        error: 'boom',
        results: [{ evaluatorId: 'exact', pass: false, score: 0 }],
        latencyMs: 12,
        tokensIn: 3,
        tokensOut: 4,
        costUsd: null,
      };
      expect(await repos.experiments.score(first.id, score)).toBe(true);
      expect(await repos.experiments.score(first.id, score)).toBe(false);
      expect(await repos.experiments.counts(experiment.id)).toMatchObject({
        scored: 1,
        running: 0,
        failedRuns: 1,
      });
      expect((await repos.experiments.scored(experiment.id)).map((t) => t.results)).toEqual([score.results]);
      expect((await repos.experiments.trials(experiment.id, { offset: 0, limit: 10 })).length).toBe(4);
      expect(await repos.experiments.setStatus(experiment.id, 'completed', ['running'])).toMatchObject({
        status: 'completed',
      });
    });

    it('finds the running canary of a workflow', async () => {
      const { repos } = get();
      const { user, workspace, workflow } = await seed();
      expect(await repos.experiments.activeCanary(workflow.id)).toBeNull();
      const canary = await repos.experiments.create({
        workspaceId: workspace.id,
        workflowId: workflow.id,
        name: 'canary',
        config: { kind: 'canary' },
        createdBy: user.id,
        status: 'running',
      });
      expect((await repos.experiments.activeCanary(workflow.id))?.id).toBe(canary.id);
      await repos.experiments.setStatus(canary.id, 'cancelled', ['running']);
      expect(await repos.experiments.activeCanary(workflow.id)).toBeNull();
    });
  });
}
