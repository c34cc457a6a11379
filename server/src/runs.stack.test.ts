import { readRuns } from '@tandem/collab';
import { documentName } from '@tandem/workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { branchFlow, linearFlow, missingFieldFlow, parallelFlow } from './testing/definitions';
import { type Browser, connectDoc, openStack, STACK_DATABASES, type Stack, waitFor } from './testing/stack';

type RunEventView = { type: string; seq: number; nodeId?: string; [field: string]: unknown };
type RunView = {
  id: string;
  status: string;
  versionId: string;
  outputs: Record<string, unknown> | null;
  error: string | null;
};

async function finished(browser: Browser, runId: string, timeoutMs = 20_000) {
  let answer: { run: RunView; events: RunEventView[] } | undefined;
  await waitFor(
    async () => {
      answer = await browser.ok('query', 'runs.get', { runId });
      return ['succeeded', 'failed', 'cancelled'].includes(answer?.run.status ?? '');
    },
    `run ${runId} to finish`,
    timeoutMs,
  );
  if (!answer) throw new Error('unreachable');
  return answer;
}

/** The `node.*` events of one node, in order. */
function nodeEventTypes(events: readonly RunEventView[], nodeId: string): string[] {
  return events
    .filter((event) => event.nodeId === nodeId && event.type.startsWith('node.'))
    .map((event) => event.type);
}

/** A node that failed on each of its three attempts (two retries). */
const THREE_ATTEMPTS_THEN_FAILED = [
  'node.started',
  'node.retrying',
  'node.started',
  'node.retrying',
  'node.started',
  'node.failed',
];

describe.each(STACK_DATABASES)('runs through the real stack ($name)', ({ adminUrl }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await openStack(adminUrl);
  });
  afterAll(() => stack?.cleanup());

  async function imported(browser: Browser, json: unknown) {
    const workspace = await browser.ok<{ id: string }>('mutation', 'workspaces.create', { name: 'Runs' });
    const result = await browser.ok<{ workflow: { id: string } }>('mutation', 'workflows.import', {
      workspaceId: workspace.id,
      json,
    });
    return { workspaceId: workspace.id, workflowId: result.workflow.id };
  }

  it('runs a linear flow on the mock: version saved first, events stored in order, live on the runs document', async () => {
    const owner = stack.browser();
    await owner.signup();
    const { workflowId } = await imported(owner, linearFlow());
    const watcher = connectDoc(stack.port, documentName(workflowId, 'runs'), owner.token ?? '');
    try {
      const started = await owner.ok<{ run: RunView; version: { id: string; number: number } }>(
        'mutation',
        'runs.start',
        {
          workflowId,
          inputs: { topic: 'otters' },
        },
      );
      expect(started.run.versionId).toBe(started.version.id);
      const { run, events } = await finished(owner, started.run.id);
      expect(run).toMatchObject({ status: 'succeeded', outputs: { answer: 'Hello otters' } });
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index));
      expect(events[0]).toMatchObject({ type: 'run.started', versionId: started.version.id });
      expect(events.at(-1)?.type).toBe('run.completed');
      expect(events.filter((event) => event.type === 'node.completed').map((event) => event.nodeId)).toEqual([
        'input',
        'ask',
        'out',
      ]);
      await waitFor(
        () => readRuns(watcher.doc).some((view) => view.runId === run.id && view.status === 'succeeded'),
        'the watcher to see the run finish',
      );
      const live = readRuns(watcher.doc).find((view) => view.runId === run.id);
      expect(live?.versionId).toBe(started.version.id);
      expect(live?.events.at(-1)?.type).toBe('run.completed');

      // The same draft again reuses the version.
      const again = await owner.ok<{ version: { id: string } }>('mutation', 'runs.start', {
        workflowId,
        inputs: { topic: 'owls' },
      });
      expect(again.version.id).toBe(started.version.id);
      await finished(owner, (again as unknown as { run: RunView }).run.id);
    } finally {
      watcher.destroy();
    }
  });

  it('takes one branch of a condition and reports the other as skipped', async () => {
    const owner = stack.browser();
    await owner.signup();
    const { workflowId } = await imported(owner, branchFlow());
    for (const flag of [true, false]) {
      const started = await owner.ok<{ run: RunView }>('mutation', 'runs.start', {
        workflowId,
        inputs: { flag },
      });
      const { run, events } = await finished(owner, started.run.id);
      const skipped = events
        .filter((event) => event.type === 'node.skipped')
        .map((event) => event.nodeId)
        .sort();
      expect(run.status).toBe('succeeded');
      expect(skipped).toEqual(flag ? ['no', 'noOut'] : ['yes', 'yesOut']);
      expect(run.outputs).toEqual(flag ? { yes: 'took yes' } : { no: 'took no' });
    }
  });

  it('retries a failing model call and then succeeds', async () => {
    const owner = stack.browser();
    await owner.signup();
    const { workflowId } = await imported(
      owner,
      linearFlow('Flaky {{inputs.topic}} [[mock:fail=server:1]] [[mock:reply=Fine]]'),
    );
    const started = await owner.ok<{ run: RunView }>('mutation', 'runs.start', {
      workflowId,
      inputs: { topic: 'x' },
    });
    const { run, events } = await finished(owner, started.run.id);
    expect(run).toMatchObject({ status: 'succeeded', outputs: { answer: 'Fine' } });
    const ask = events
      .filter((event) => event.nodeId === 'ask' && event.type !== 'node.delta')
      .map((event) => event.type);
    expect(ask).toEqual(['node.started', 'node.retrying', 'node.started', 'node.completed']);
  });

  it('runs two slow model nodes side by side: each starts before the other finishes', async () => {
    const owner = stack.browser();
    await owner.signup();
    const { workflowId } = await imported(owner, parallelFlow(300));
    const started = await owner.ok<{ run: RunView }>('mutation', 'runs.start', {
      workflowId,
      inputs: { topic: 'x' },
    });
    const { run, events } = await finished(owner, started.run.id);
    expect(run).toMatchObject({ status: 'succeeded', outputs: { both: { left: 'L', right: 'R' } } });
    const seqOf = (type: string, nodeId: string) =>
      events.find((event) => event.type === type && event.nodeId === nodeId)?.seq ?? Number.NaN;
    for (const [one, other] of [
      ['left', 'right'],
      ['right', 'left'],
    ] as const)
      expect(seqOf('node.started', one)).toBeLessThan(seqOf('node.completed', other));
  });

  it('fails the run once every attempt of a model call failed, reporting each retry', async () => {
    const owner = stack.browser();
    await owner.signup();
    const { workflowId } = await imported(owner, linearFlow('{{inputs.topic}} [[mock:fail=server]]'));
    const started = await owner.ok<{ run: RunView }>('mutation', 'runs.start', {
      workflowId,
      inputs: { topic: 'x' },
    });
    const { run, events } = await finished(owner, started.run.id);
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/ask/);
    expect(nodeEventTypes(events, 'ask')).toEqual(THREE_ATTEMPTS_THEN_FAILED);
    // The run's own failure names the node that failed it.
    expect(events.at(-1)).toMatchObject({ type: 'run.failed', nodeId: 'ask' });
    expect(events.some((event) => event.nodeId === 'out')).toBe(false);
  });

  it('fails a template that reads a field the answer lacks, naming the reference', async () => {
    const owner = stack.browser();
    await owner.signup();
    const { workflowId } = await imported(owner, missingFieldFlow());
    const started = await owner.ok<{ run: RunView }>('mutation', 'runs.start', {
      workflowId,
      inputs: { topic: 'x' },
    });
    const { run, events } = await finished(owner, started.run.id);
    expect(run.status).toBe('failed');
    expect(run.error).toContain('{{nodes.ask.output.summary}}');
    expect(events.find((event) => event.type === 'node.failed')?.nodeId).toBe('format');
  });

  it('cancels a run mid-stream', async () => {
    const owner = stack.browser();
    await owner.signup();
    const { workflowId } = await imported(
      owner,
      linearFlow('{{inputs.topic}} [[mock:words=400]] [[mock:latency=20000]]'),
    );
    const started = await owner.ok<{ run: RunView }>('mutation', 'runs.start', {
      workflowId,
      inputs: { topic: 'long' },
    });
    await waitFor(async () => {
      const { events } = await owner.ok<{ events: RunEventView[] }>('query', 'runs.get', {
        runId: started.run.id,
      });
      return events.some((event) => event.type === 'node.delta');
    }, 'the stream to begin');
    await owner.ok('mutation', 'runs.cancel', { runId: started.run.id });
    const { run, events } = await finished(owner, started.run.id, 10_000);
    expect(run.status).toBe('cancelled');
    expect(events.at(-1)?.type).toBe('run.cancelled');
    expect(events.some((event) => event.type === 'node.completed' && event.nodeId === 'ask')).toBe(false);
  });

  it('refuses to run a draft with problems, naming the node', async () => {
    const owner = stack.browser();
    await owner.signup();
    const broken = linearFlow('Uses {{nodes.ghost.output}}');
    const { workflowId } = await imported(owner, broken);
    const refused = await owner.mutation('runs.start', { workflowId, inputs: { topic: 'x' } });
    expect(refused.status).toBe(400);
    expect(refused.error?.data.issues.map((issue) => issue.path)).toContain('nodes.ask');
  });

  it('refuses inputs that do not fit the input node, naming the field', async () => {
    const owner = stack.browser();
    await owner.signup();
    const { workflowId } = await imported(owner, linearFlow());
    const refused = await owner.mutation('runs.start', { workflowId, inputs: { topic: 42 } });
    expect(refused.status).toBe(400);
    expect(refused.error?.data.issues[0]?.path).toBe('inputs.topic');
  });
});

describe.each(STACK_DATABASES)('node timeouts through the real stack ($name)', ({ adminUrl }) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await openStack(adminUrl, { TANDEM_RUN_NODE_TIMEOUT_MS: 300 });
  });
  afterAll(() => stack?.cleanup());

  it('times out a model call that never answers, retries it, then fails the run naming the timeout', async () => {
    const owner = stack.browser();
    await owner.signup();
    const workspace = await owner.ok<{ id: string }>('mutation', 'workspaces.create', { name: 'Timeouts' });
    const { workflow } = await owner.ok<{ workflow: { id: string } }>('mutation', 'workflows.import', {
      workspaceId: workspace.id,
      json: linearFlow('{{inputs.topic}} [[mock:hang]]'),
    });
    const started = await owner.ok<{ run: RunView }>('mutation', 'runs.start', {
      workflowId: workflow.id,
      inputs: { topic: 'x' },
    });
    const { run, events } = await finished(owner, started.run.id);
    expect(run.status).toBe('failed');
    expect(run.error).toBe('Node "ask" failed: The node did not finish within 300 ms.');
    expect(nodeEventTypes(events, 'ask')).toEqual(THREE_ATTEMPTS_THEN_FAILED);
  });
});
