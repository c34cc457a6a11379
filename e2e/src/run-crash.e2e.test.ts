import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFakeLlmServer } from '@tandem/llm/testing';
import { describe, expect, it } from 'vitest';
import { httpBrowser as browser, edge, node } from './helpers/http-browser';
import { restartableServerEnv, signUpWithFakeModel } from './helpers/restartable-server';
import { startServer } from './start-server';

const postgresUrl = process.env.TEST_DATABASE_URL;

/** input → first (model) → pause (http to the test, which holds it) → second (model) → output. */
function crashFlow(pauseUrl: string) {
  const model = (prompt: string) => ({
    provider: 'openai-compatible',
    model: 'fake-model',
    userPrompt: prompt,
    systemPrompt: '',
    temperature: 0,
    maxTokens: 64,
    jsonMode: false,
  });
  return {
    schemaVersion: 2,
    name: 'Crash',
    description: '',
    nodes: [
      node('input', 'input', {
        fields: [{ name: 'topic', type: 'string', required: true, description: '' }],
      }),
      node('first', 'llm', model('first {{inputs.topic}}')),
      node('pause', 'http', {
        method: 'GET',
        urlTemplate: pauseUrl,
        headers: {},
        bodyTemplate: '',
        timeoutMs: 60_000,
      }),
      node('second', 'llm', model('second {{nodes.first.output}}')),
      node('out', 'output', { name: 'answer' }),
    ],
    edges: [edge('input', 'first'), edge('first', 'pause'), edge('pause', 'second'), edge('second', 'out')],
  };
}

if (!postgresUrl)
  console.info(
    'run crash on PostgreSQL (restarted and concurrent worker) skipped: TEST_DATABASE_URL is not set',
  );

describe.each([
  { name: 'pglite, restarted', postgres: false, concurrent: false },
  ...(postgresUrl
    ? [
        { name: 'postgres, restarted', postgres: true, concurrent: false },
        // Another process already running takes the run over once the dead worker's lease lapses.
        { name: 'postgres, another worker running', postgres: true, concurrent: true },
      ]
    : []),
])('a worker killed mid-run ($name)', ({ postgres, concurrent }) => {
  it('is resumed by the next worker from the last completed node, one model call per node', async () => {
    const llm = await startFakeLlmServer();
    llm.setDefault((request) => ({
      type: 'text',
      text: JSON.stringify(request.body).includes('second') ? 'second answer' : 'first answer',
    }));
    let pauses = 0;
    let onPause: () => void = () => {};
    const pause: Server = createServer((_request, response) => {
      pauses++;
      if (pauses === 1) {
        onPause();
        return; // held: the worker dies while waiting here
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => pause.listen(0, '127.0.0.1', resolve));
    const pausePort = (pause.address() as AddressInfo).port;
    const server = await restartableServerEnv({
      postgresUrl: postgres ? (postgresUrl as string) : null,
      extra: { TANDEM_HTTP_ALLOW: `127.0.0.1:${pausePort}` },
    });
    const env = server.env;
    try {
      const first = await startServer(env);
      const { user, workspaceId } = await signUpWithFakeModel(first.url, llm.openaiBaseURL);
      const { workflow } = await user.mutation<{ workflow: { id: string } }>('workflows.import', {
        workspaceId,
        json: crashFlow(`http://127.0.0.1:${pausePort}/hold`),
      });
      const paused = new Promise<void>((resolve) => {
        onPause = resolve;
      });
      const { run } = await user.mutation<{ run: { id: string } }>('runs.start', {
        workflowId: workflow.id,
        inputs: { topic: 'otters' },
      });
      await paused;
      const running = concurrent ? await startServer(env) : null;
      first.process.kill('SIGKILL');
      await new Promise((resolve) => first.process.once('exit', resolve));

      const second = running ?? (await startServer(env));
      try {
        // The session of the first process is still valid: it lives in the same database.
        const again = browser(second.url, user.cookie);
        type RunAnswer = {
          run: { status: string; outputs: unknown; claims?: number };
          events: { type: string; nodeId?: string }[];
        };
        let answer: RunAnswer | null = null;
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline) {
          answer = await again.query<RunAnswer>('runs.get', { runId: run.id }).catch(() => null);
          if (answer && ['succeeded', 'failed', 'cancelled'].includes(answer.run.status)) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(answer?.run).toMatchObject({ status: 'succeeded', outputs: { answer: 'second answer' } });
        const completed = answer?.events
          .filter((event) => event.type === 'node.completed')
          .map((event) => event.nodeId);
        expect(completed).toEqual(['input', 'first', 'pause', 'second', 'out']);
        // One model call per model node: the first was not repeated after the crash.
        expect(llm.requests).toHaveLength(2);
        expect(pauses).toBe(2);
      } finally {
        await second.stop();
      }
    } finally {
      await llm.close();
      pause.closeAllConnections();
      await new Promise<void>((resolve) => pause.close(() => resolve()));
      await server.cleanup();
    }
  }, 90_000);
});
