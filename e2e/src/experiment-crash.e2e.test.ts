import { type RecordedRequest, startFakeLlmServer } from '@tandem/llm/testing';
import { describe, expect, it } from 'vitest';
import { httpBrowser as browser, edge, node } from './helpers/http-browser';
import { restartableServerEnv, signUpWithFakeModel } from './helpers/restartable-server';
import { startServer } from './start-server';

const postgresUrl = process.env.TEST_DATABASE_URL;
const ROWS = 20;

/** input → model (the fake server, echoing the question) → output. */
const echoFlow = {
  schemaVersion: 2,
  name: 'Echo',
  description: '',
  nodes: [
    node('input', 'input', { fields: [{ name: 'q', type: 'string', required: true, description: '' }] }),
    node('ask', 'llm', {
      provider: 'openai-compatible',
      model: 'fake-model',
      userPrompt: 'echo {{inputs.q}}',
      systemPrompt: '',
      temperature: 0,
      maxTokens: 64,
      jsonMode: false,
    }),
    node('out', 'output', { name: 'answer' }),
  ],
  edges: [edge('input', 'ask'), edge('ask', 'out')],
};

function lastUserMessage(request: RecordedRequest): string {
  const messages = (request.body.messages as { role: string; content: string }[] | undefined) ?? [];
  return messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
}

type View = {
  experiment: { status: string };
  progress: { done: number; total: number; running: number; pending: number };
  report: { variants: { variant: string; n: number; passRate: { value: number } }[] } | null;
};
type Rows = { rows: { cells: { runId: string | null; status: string; pass: boolean | null }[] }[] };

describe.each([
  { name: 'pglite', postgres: false },
  ...(postgresUrl ? [{ name: 'postgres', postgres: true }] : []),
])('an experiment whose server is killed mid-way ($name)', ({ postgres }) => {
  it('finishes after a restart with every trial counted once and no run started twice', async () => {
    const llm = await startFakeLlmServer();
    let onCalls: () => void = () => {};
    llm.setDefault((request) => {
      if (llm.requests.length === 12) onCalls();
      const prompt = lastUserMessage(request);
      // The judge answers pass; the workflow's model echoes the question.
      if (prompt.includes('"pass"'))
        return { type: 'text', text: '{"pass": true, "reason": "fine"}', delayMs: 20 };
      return { type: 'text', text: prompt.replace(/^echo /, ''), delayMs: 150 };
    });
    const server = await restartableServerEnv({ postgresUrl: postgres ? (postgresUrl as string) : null });
    const env = server.env;
    try {
      const first = await startServer(env);
      const { user, workspaceId } = await signUpWithFakeModel(first.url, llm.openaiBaseURL);
      const { workflow } = await user.mutation<{ workflow: { id: string } }>('workflows.import', {
        workspaceId,
        json: echoFlow,
      });
      const { version } = await user.mutation<{ version: { id: string } }>('versions.create', {
        workflowId: workflow.id,
      });
      const dataset = await user.mutation<{ id: string }>('datasets.create', {
        workspaceId,
        name: 'Rows',
        rows: Array.from({ length: ROWS }, (_, i) => ({ inputs: { q: `item-${i}` }, expected: `item-${i}` })),
      });
      const called = new Promise<void>((resolve) => {
        onCalls = resolve;
      });
      const created = await user.mutation<{ experiment: { id: string } }>('experiments.create', {
        workflowId: workflow.id,
        name: 'Crash',
        datasetId: dataset.id,
        versionIds: [version.id, version.id],
        concurrency: 4,
        evaluators: [
          { id: 'exact', kind: 'exact' },
          {
            id: 'judge',
            kind: 'llmJudge',
            provider: 'openai-compatible',
            model: 'judge-model',
            prompt: 'Is {{output}} the answer to {{input}}?',
            mode: 'passFail',
          },
        ],
        start: true,
      });
      await called;
      first.process.kill('SIGKILL');
      await new Promise((resolve) => first.process.once('exit', resolve));
      const callsBeforeCrash = llm.requests.length;

      const second = await startServer(env);
      try {
        const again = browser(second.url, user.cookie);
        let view: View | null = null;
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          view = await again.query<View>('experiments.get', { experimentId: created.experiment.id });
          if (view.experiment.status === 'completed') break;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
        expect(view?.experiment.status).toBe('completed');
        expect(view?.progress).toMatchObject({ done: 2 * ROWS, total: 2 * ROWS, running: 0, pending: 0 });
        expect(
          view?.report?.variants.map((variant) => [variant.variant, variant.n, variant.passRate.value]),
        ).toEqual([
          ['A', ROWS, 1],
          ['B', ROWS, 1],
        ]);
        const { rows } = await again.query<Rows>('experiments.rows', {
          experimentId: created.experiment.id,
          offset: 0,
          limit: 100,
        });
        const runIds = rows.flatMap((row) => row.cells.map((cell) => cell.runId));
        expect(runIds).toHaveLength(2 * ROWS);
        expect(new Set(runIds).size).toBe(2 * ROWS);
        const runs = await again.query<{ id: string }[]>('runs.list', {
          workflowId: workflow.id,
          limit: 200,
        });
        // One run per trial: the crash did not make the driver start any trial twice.
        expect(runs).toHaveLength(2 * ROWS);

        // Each model call was made once, except calls in flight when the process died (at most the
        // experiment's concurrency of 4), which the provider answered to a dead process.
        const workflowCalls = llm.requests.filter((request) => !lastUserMessage(request).includes('"pass"'));
        const judgeCalls = llm.requests.length - workflowCalls.length;
        expect(workflowCalls.length).toBeGreaterThanOrEqual(2 * ROWS);
        expect(workflowCalls.length).toBeLessThanOrEqual(2 * ROWS + 4);
        expect(judgeCalls).toBeGreaterThanOrEqual(2 * ROWS);
        expect(judgeCalls).toBeLessThanOrEqual(2 * ROWS + 8);
        expect(callsBeforeCrash).toBeLessThan(llm.requests.length);
      } finally {
        await second.stop();
      }
    } finally {
      await llm.close();
      await server.cleanup();
    }
  }, 120_000);
});
