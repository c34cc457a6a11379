import { randomUUID } from 'node:crypto';
import { readExperimentProgress } from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition, edge, node } from './testing/definitions';
import {
  type Browser,
  connectDoc,
  openStack,
  STACK_DATABASES,
  type Stack,
  synced,
  waitFor,
} from './testing/stack';

const ROWS = 40;

const questionInput = node('input', 'input', {
  fields: [
    { name: 'q', type: 'string', required: true, description: '' },
    { name: 'n', type: 'number', required: true, description: '' },
  ],
});

/** A: echoes the question (always right). */
const rightFlow = () =>
  definition(
    'Echo',
    [
      questionInput,
      node('say', 'template', { template: '{{inputs.q}}' }),
      node('out', 'output', { name: 'answer' }),
    ],
    [edge('input', 'say'), edge('say', 'out')],
  );

/** B: built to answer wrong on 3 rows in 10 (n mod 10 < 3). */
const thirtyPercentWrongFlow = () =>
  definition(
    'Sometimes wrong',
    [
      questionInput,
      // A generous timeout: on a loaded CI machine the sandbox's first start must not fail rows by itself.
      node('say', 'code', { source: 'return inputs.n % 10 < 3 ? "wrong" : inputs.q;', timeoutMs: 30_000 }),
      node('out', 'output', { name: 'answer' }),
    ],
    [edge('input', 'say'), edge('say', 'out')],
  );

type Report = {
  variants: {
    variant: string;
    n: number;
    runFailures: number;
    passRate: { value: number; low: number; high: number };
  }[];
  comparisons: {
    candidate: string;
    tests: { metric: string; test: string; pValue: number | null; discordant?: unknown }[];
    verdict: { outcome: string; text: string; moreRowsNeeded?: number };
  }[];
};
type View = {
  experiment: { id: string; status: string; kind: string };
  progress: { done: number; total: number; running: number; pending: number; etaMs: number | null };
  report: Report | null;
};

describe.each(STACK_DATABASES)('experiments and canaries ($name)', ({ adminUrl }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await openStack(adminUrl, { TANDEM_RUN_CONCURRENCY: 8, TANDEM_RUN_WORKERS: 8 });
  });
  afterAll(() => stack?.cleanup());

  /** A workspace, a workflow with versions A (right) and B (30% wrong), and a dataset of ROWS rows. */
  async function setup(owner: Browser) {
    await owner.signup();
    const workspace = await owner.ok<{ id: string }>('mutation', 'workspaces.create', { name: 'AB' });
    const { workflow } = await owner.ok<{ workflow: { id: string } }>('mutation', 'workflows.import', {
      workspaceId: workspace.id,
      json: rightFlow(),
    });
    const a = await owner.ok<{ version: { id: string } }>('mutation', 'versions.create', {
      workflowId: workflow.id,
    });
    const stored = await stack.services.repos.versions.get(a.version.id);
    if (!stored) throw new Error('version A is missing');
    // Versions are immutable snapshots; B is saved beside A as the editor would after changing the graph.
    const b = await stack.services.repos.versions.create({
      workflowId: workflow.id,
      name: 'B',
      definition: thirtyPercentWrongFlow(),
      ydocState: stored.ydocState,
      contentHash: randomUUID(),
      createdBy: stored.createdBy,
    });
    const dataset = await owner.ok<{ id: string }>('mutation', 'datasets.create', {
      workspaceId: workspace.id,
      name: 'Echo',
    });
    const csv = ['q,n,expected', ...Array.from({ length: ROWS }, (_, i) => `item-${i},${i},item-${i}`)].join(
      '\n',
    );
    const imported = await owner.ok<{ imported: number; rowCount: number }>('mutation', 'datasets.import', {
      datasetId: dataset.id,
      format: 'csv',
      text: csv,
    });
    expect(imported).toEqual({ imported: ROWS, rowCount: ROWS });
    return {
      workspaceId: workspace.id,
      workflowId: workflow.id,
      versionA: a.version.id,
      versionB: b.id,
      datasetId: dataset.id,
    };
  }

  async function finished(owner: Browser, experimentId: string): Promise<View> {
    let view: View | null = null;
    await waitFor(
      async () => {
        view = await owner.ok<View>('query', 'experiments.get', { experimentId });
        return view.experiment.status === 'completed';
      },
      'the experiment to complete',
      60_000,
    );
    return view as unknown as View;
  }

  it('finds that B, built to fail 30% of rows, is worse; finds no difference between A and itself', async () => {
    const owner = stack.browser();
    const s = await setup(owner);
    const watcher = connectDoc(stack.port, `workflow:${s.workflowId}:runs`, owner.token ?? '');
    await synced(watcher);
    const progressSeen: number[] = [];
    watcher.doc.getMap('experiments').observe(() => {
      for (const progress of readExperimentProgress(watcher.doc)) progressSeen.push(progress.done);
    });
    try {
      const created = await owner.ok<View>('mutation', 'experiments.create', {
        workflowId: s.workflowId,
        name: 'A vs B',
        datasetId: s.datasetId,
        versionIds: [s.versionA, s.versionB],
        evaluators: [{ id: 'exact', kind: 'exact' }],
        concurrency: 8,
        start: true,
      });
      expect(created.experiment.status).toBe('running');
      expect(created.progress.total).toBe(2 * ROWS);
      const view = await finished(owner, created.experiment.id);
      expect(view.progress).toMatchObject({ done: 2 * ROWS, total: 2 * ROWS, running: 0, pending: 0 });
      const [a, b] = view.report?.variants ?? [];
      expect(a).toMatchObject({ variant: 'A', n: ROWS, runFailures: 0, passRate: { value: 1 } });
      expect(b).toMatchObject({ variant: 'B', n: ROWS, runFailures: 0, passRate: { value: 0.7 } });
      expect(b?.passRate.high).toBeLessThan(0.85);
      const comparison = view.report?.comparisons[0];
      const mcnemar = comparison?.tests.find((test) => test.metric === 'passRate');
      expect(mcnemar).toMatchObject({
        test: 'mcnemar-exact',
        discordant: { baselineOnly: 12, candidateOnly: 0 },
      });
      // Exact two-sided binomial: 2 × 0.5^12.
      expect(mcnemar?.pValue).toBeCloseTo(2 / 4096, 10);
      expect(comparison?.verdict.outcome).toBe('worse');
      expect(comparison?.verdict.text).toMatch(/^B is worse on pass rate/);

      // The row-by-row table pairs both outputs of each row.
      const { rows } = await owner.ok<{
        rows: {
          rowPosition: number;
          expected: unknown;
          cells: { variant: string; outputs: unknown; pass: boolean }[];
        }[];
      }>('query', 'experiments.rows', { experimentId: created.experiment.id, offset: 0, limit: 5 });
      expect(rows.map((row) => row.rowPosition)).toEqual([0, 1, 2, 3, 4]);
      expect(rows[0]?.cells).toMatchObject([
        { variant: 'A', outputs: { answer: 'item-0' }, pass: true },
        { variant: 'B', outputs: { answer: 'wrong' }, pass: false },
      ]);
      expect(rows[3]?.cells.map((cell) => cell.pass)).toEqual([true, true]);

      // Every collaborator watching the workflow sees the progress, up to done = total.
      // (Collab may merge several progress updates into one message, so only the last is certain to be seen.)
      await waitFor(() => progressSeen.includes(2 * ROWS), 'the final progress on the runs document');
      expect(readExperimentProgress(watcher.doc)[0]).toMatchObject({
        experimentId: created.experiment.id,
        status: 'completed',
        done: 2 * ROWS,
        total: 2 * ROWS,
        running: 0,
        etaMs: null,
      });

      const same = await owner.ok<View>('mutation', 'experiments.create', {
        workflowId: s.workflowId,
        name: 'A vs A',
        datasetId: s.datasetId,
        versionIds: [s.versionA, s.versionA],
        evaluators: [{ id: 'exact', kind: 'exact' }],
        concurrency: 8,
        start: true,
      });
      const sameView = await finished(owner, same.experiment.id);
      const sameComparison = sameView.report?.comparisons[0];
      expect(sameComparison?.verdict.outcome).not.toMatch(/better|worse/);
      expect(sameComparison?.tests.find((test) => test.metric === 'passRate')?.pValue).toBe(1);
    } finally {
      watcher.destroy();
    }
  }, 120_000);

  it('refuses bad experiments with clear errors and changes nothing', async () => {
    const owner = stack.browser();
    const s = await setup(owner);
    const base = {
      workflowId: s.workflowId,
      name: 'x',
      datasetId: s.datasetId,
      versionIds: [s.versionA, s.versionB],
    };
    const evil = await owner.mutation('experiments.create', {
      ...base,
      evaluators: [{ id: 'r', kind: 'regex', pattern: '(a+)+$' }],
    });
    expect(evil.status).toBe(400);
    const one = await owner.mutation('experiments.create', {
      ...base,
      versionIds: [s.versionA],
      evaluators: [],
    });
    expect(one.error?.data.issues).toContainEqual({
      path: 'versionIds',
      message: 'Choose at least two versions to compare.',
    });
    const other = await owner.mutation('experiments.create', {
      ...base,
      versionIds: [s.versionA, randomUUID()],
      evaluators: [],
    });
    expect(other.error?.message).toMatch(/not a version of this workflow/);
    // A row that cannot run on a version is named, and the refused experiment is not left behind.
    await owner.ok('mutation', 'datasets.setRows', {
      datasetId: s.datasetId,
      rows: [{ inputs: { q: 'x', n: 'not a number' } }],
    });
    const badRow = await owner.mutation('experiments.create', { ...base, evaluators: [], start: true });
    expect(badRow.error?.message).toMatch(/Row 1 cannot run on variant A/);
    const list = await owner.ok<unknown[]>('query', 'experiments.list', { workspaceId: s.workspaceId });
    expect(list).toEqual([]);
    const badCsv = await owner.mutation('datasets.import', {
      datasetId: s.datasetId,
      format: 'csv',
      text: 'q,n\n"open',
    });
    expect(badCsv.error?.message).toMatch(/never closed/);
    const rows = await owner.ok<{ dataset: { rowCount: number } }>('query', 'datasets.get', {
      datasetId: s.datasetId,
    });
    expect(rows.dataset.rowCount).toBe(1);
  }, 60_000);

  it('splits 2,000 canary calls within tolerance, sticky per subject, then promotes B', async () => {
    const owner = stack.browser();
    const s = await setup(owner);
    await owner.ok('mutation', 'versions.pin', { workflowId: s.workflowId, versionId: s.versionA });
    const key = await owner.ok<{ token: string }>('mutation', 'apiKeys.create', {
      workspaceId: s.workspaceId,
      name: 'k',
    });
    const canary = await owner.ok<View>('mutation', 'canaries.start', {
      workflowId: s.workflowId,
      candidateVersionId: s.versionB,
      percent: 20,
      evaluators: [{ id: 'echo', kind: 'regex', pattern: '^item-' }],
    });
    expect(canary.experiment).toMatchObject({ kind: 'canary', status: 'running' });
    const second = await owner.mutation('canaries.start', {
      workflowId: s.workflowId,
      candidateVersionId: s.versionB,
      percent: 5,
    });
    expect(second.status).toBe(409);

    const url = `http://127.0.0.1:${stack.port}/api/workflows/${s.workflowId}/runs`;
    const call = async (subject: string, i: number) => {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key.token}` },
        body: JSON.stringify({ inputs: { q: `item-${i}`, n: i }, subject }),
      });
      expect(response.status).toBe(202);
      return ((await response.json()) as { versionId: string }).versionId;
    };
    // 1,000 subjects calling twice: 2,000 calls.
    const subjects = Array.from({ length: 1000 }, (_, i) => `user-${i}`);
    const versions = new Map<string, string[]>();
    for (let round = 0; round < 2; round++) {
      for (let start = 0; start < subjects.length; start += 25) {
        await Promise.all(
          subjects.slice(start, start + 25).map(async (subject, offset) => {
            const versionId = await call(subject, start + offset);
            versions.set(subject, [...(versions.get(subject) ?? []), versionId]);
          }),
        );
      }
    }
    // Sticky: both calls of every subject went to the same version.
    expect([...versions.values()].filter(([first, again]) => first !== again)).toEqual([]);
    const candidateShare =
      [...versions.values()].filter(([first]) => first === s.versionB).length / subjects.length;
    // 20% ± 4 standard deviations of a binomial share over 1,000 subjects (σ ≈ 1.26 points).
    expect(Math.abs(candidateShare - 0.2)).toBeLessThan(4 * Math.sqrt((0.2 * 0.8) / subjects.length));

    let view: View | null = null;
    await waitFor(
      async () => {
        // As a page would poll, not in a tight loop: every read computes the comparison.
        await new Promise((resolve) => setTimeout(resolve, 250));
        view = await owner.ok<View>('query', 'canaries.active', { workflowId: s.workflowId });
        return view.progress.done === 2000;
      },
      'every canary call to be scored',
      120_000,
    );
    const report = (view as unknown as View).report;
    const counts = Object.fromEntries(report?.variants.map((variant) => [variant.variant, variant.n]) ?? []);
    expect((counts.A ?? 0) + (counts.B ?? 0)).toBe(2000);
    expect(counts.B).toBe(Math.round(candidateShare * subjects.length) * 2);
    // Production traffic is unpaired: Fisher's exact test, and B's wrong answers are detected.
    const comparison = report?.comparisons[0];
    expect(comparison?.tests.find((test) => test.metric === 'passRate')?.test).toBe('fisher-exact');
    expect(comparison?.verdict.outcome).toBe('worse');

    const promoted = await owner.ok<View>('mutation', 'canaries.promote', {
      experimentId: canary.experiment.id,
    });
    expect(promoted.experiment.status).toBe('completed');
    const workflow = await owner.ok<{ pinnedVersionId: string }>('query', 'workflows.get', {
      workflowId: s.workflowId,
    });
    expect(workflow.pinnedVersionId).toBe(s.versionB);
    expect(await owner.ok('query', 'canaries.active', { workflowId: s.workflowId })).toBeNull();
    // With the canary over, every call runs the newly pinned version.
    expect(await call('user-1', 1)).toBe(s.versionB);
    expect(await call('user-2', 2)).toBe(s.versionB);
  }, 240_000);
});
