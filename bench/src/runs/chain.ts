import { createEventSink, type EventSinkOptions, type RunsDocWriter } from '@tandem/api';
import { type CollabServer, createCollabServer, type DocStore } from '@tandem/collab';
import {
  type ClaimedRun,
  createDocRepository,
  createRepositories,
  type NewRunEvent,
  openTestDatabase,
  type Repositories,
  type TestDatabase,
} from '@tandem/db';
import {
  type CodeSandbox,
  type EnginePorts,
  executeRun,
  type HttpClient,
  type RunEvent,
  type RunResult,
  systemClock,
} from '@tandem/engine';
import {
  addNode,
  connect,
  contentHash,
  createWorkflowDoc,
  materialise,
  type WorkflowDefinition,
} from '@tandem/workflow';
import postgres from 'postgres';
import * as Y from 'yjs';
import { BENCH_AUTH } from '../collab/harness';

/**
 * A chain of `size` nodes: input → (size - 2) template nodes → output. The first template renders a
 * constant, each next one passes its predecessor's output through (`{{nodes.<prev>.output}}`), so every
 * node is a no-op of constant size.
 */
export function chainWorkflow(size: number): { definition: WorkflowDefinition; doc: Y.Doc } {
  const doc = createWorkflowDoc({ name: `chain of ${size}` });
  doc.transact(() => {
    let previous = addNode(doc, { id: 'n-input', type: 'input', position: { x: 0, y: 0 } });
    for (let i = 0; i < size - 2; i++) {
      const id = addNode(doc, {
        id: `n-${i}`,
        type: 'template',
        position: { x: (i + 1) * 200, y: 0 },
        config: { template: i === 0 ? 'ok' : `{{nodes.${previous}.output}}` },
      });
      connect(doc, { source: previous, target: id });
      previous = id;
    }
    const output = addNode(doc, { id: 'n-output', type: 'output', position: { x: size * 200, y: 0 } });
    connect(doc, { source: previous, target: output });
  });
  const result = materialise(doc);
  if (!result.ok) throw new Error(`bench chain is not valid: ${JSON.stringify(result).slice(0, 500)}`);
  return { definition: result.definition, doc };
}

/** What one run did to the stores: the sink's inserts and the runs document's transactions. */
export type RunTrace = {
  /** Rows of each `runEvents.appendMany` call, in order. */
  inserts: NewRunEvent[][];
  /** Events of each `runsWriter.appendEvents` call, in order (one Yjs transaction each). */
  docWrites: RunEvent[][];
  /** doc_updates appends (collab's persistence, after its group commit) during the run. */
  docAppends: number;
  /** The bytes of each of those appends, in order. */
  docUpdates: Uint8Array[];
  steps: number;
  result: RunResult;
};

type CountingStore = DocStore & { appends: number; appended: Uint8Array[] };

function countingStore(store: DocStore): CountingStore {
  const counting: CountingStore = {
    appends: 0,
    appended: [],
    append: (name, update) => {
      counting.appends++;
      counting.appended.push(update.slice());
      return store.append(name, update);
    },
    load: (name) => store.load(name),
    compact: (...args) => store.compact(...args),
  };
  return counting;
}

/** Plain multi-row INSERTs into run_events through the raw driver (postgres.js, or PGlite's own query). */
export type RawInsert = (rows: readonly NewRunEvent[]) => Promise<void>;
/** One plain INSERT of a document update into doc_updates through the raw driver. */
export type RawDocInsert = (docName: string, update: Uint8Array) => Promise<void>;
const DOC_INSERT = 'insert into doc_updates (doc_name, update) values ($1, $2)';

function insertStatement(count: number): string {
  const values: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = i * 6;
    values.push(
      `($${p + 1}::uuid, $${p + 2}::int, $${p + 3}, $${p + 4}, $${p + 5}::timestamptz, $${p + 6}::jsonb)`,
    );
  }
  return `insert into run_events (run_id, seq, type, node_id, at, payload) values ${values.join(', ')}`;
}

function insertParams(rows: readonly NewRunEvent[]): unknown[] {
  const params: unknown[] = [];
  for (const row of rows) {
    params.push(
      row.runId,
      row.seq,
      row.type,
      row.nodeId ?? null,
      (row.at ?? new Date()).toISOString(),
      JSON.stringify(row.payload),
    );
  }
  return params;
}

const quietLogger = {
  info: () => {},
  warn: () => {},
  error: (message: string, fields?: Record<string, unknown>) => console.error(message, fields),
};

const stubLlm = {
  complete: async () => {
    throw new Error('the bench chain has no model node');
  },
} as unknown as EnginePorts['llm'];
const stubHttp: HttpClient = {
  request: async () => {
    throw new Error('the bench chain has no http node');
  },
};
const stubCode: CodeSandbox = {
  run: async () => {
    throw new Error('the bench chain has no code node');
  },
};

export type ChainStore = {
  kind: 'pglite' | 'postgres';
  repos: Repositories;
  collab: CollabServer;
  rawInsert: RawInsert;
  rawDocInsert: RawDocInsert;
  workflowId: string;
  versionId: string;
  userId: string;
  definition: WorkflowDefinition;
  /** A queued run claimed by the bench's worker id (outside any timing). */
  newClaimedRun(): Promise<ClaimedRun>;
  /** A run row to hang baseline rows on (foreign key), never executed. */
  newBaselineRunId(): Promise<string>;
  /**
   * The run worker's per-run path after the claim (server/src/runs/run-worker.ts `execute`, reproduced
   * here: nothing imports server/): version + stored events, the event sink (`createEventSink` from
   * @tandem/api, the server's own) over `repos.runEvents` and collab's `runsWriter`, `startRun`, `executeRun`,
   * `sink.close()`, `setStatus`. `runsDoc: false` leaves the runs document out (diagnostic).
   */
  execute(run: ClaimedRun, options?: { runsDoc?: boolean }): Promise<RunTrace>;
  close(): Promise<void>;
};

const WORKER_ID = 'bench-worker';

export async function openChainStore(size: number, adminUrl?: string): Promise<ChainStore> {
  const test: TestDatabase = await openTestDatabase(adminUrl ? { adminUrl } : {});
  const db = test.database.db;
  const repos = createRepositories(db);
  const docStore = countingStore(createDocRepository(db));
  // As server/src/collab.ts composes it (default runs limits: newest 50 runs, 2,000 events each).
  const collab = createCollabServer({ auth: BENCH_AUTH, store: docStore, logger: quietLogger });

  let rawInsert: RawInsert;
  let rawDocInsert: RawDocInsert;
  let closeRaw = async () => {};
  if (test.url === null) {
    const client = (
      db as unknown as { $client: { query(sql: string, params?: unknown[]): Promise<unknown> } }
    ).$client;
    rawInsert = async (rows) => {
      if (rows.length > 0) await client.query(insertStatement(rows.length), insertParams(rows));
    };
    rawDocInsert = async (docName, update) => {
      await client.query(DOC_INSERT, [docName, update]);
    };
  } else {
    const sql = postgres(test.url, { max: 4, onnotice: () => {} });
    rawInsert = async (rows) => {
      if (rows.length > 0) await sql.unsafe(insertStatement(rows.length), insertParams(rows) as never[]);
    };
    rawDocInsert = async (docName, update) => {
      await sql.unsafe(DOC_INSERT, [
        docName,
        Buffer.from(update.buffer, update.byteOffset, update.byteLength),
      ]);
    };
    closeRaw = async () => {
      await sql.end();
    };
  }

  const suffix = Math.random().toString(36).slice(2, 8);
  const user = await repos.users.create({
    email: `bench-${suffix}@example.com`,
    name: 'Bench',
    passwordHash: 'x',
    color: '#2563eb',
  });
  const { workspace } = await repos.workspaces.create({ name: 'bench', ownerId: user.id });
  const workflow = await repos.workflows.create({
    workspaceId: workspace.id,
    name: `chain of ${size}`,
    createdBy: user.id,
  });
  const { definition, doc } = chainWorkflow(size);
  const version = await repos.versions.create({
    workflowId: workflow.id,
    name: 'bench',
    definition,
    ydocState: Y.encodeStateAsUpdate(doc),
    contentHash: contentHash(definition),
    createdBy: user.id,
  });
  doc.destroy();

  const newRun = () =>
    repos.runs.create({
      workflowId: workflow.id,
      versionId: version.id,
      trigger: 'manual',
      inputs: {},
      startedBy: user.id,
    });

  return {
    kind: test.url === null ? 'pglite' : 'postgres',
    repos,
    collab,
    rawInsert,
    rawDocInsert,
    workflowId: workflow.id,
    versionId: version.id,
    userId: user.id,
    definition,
    async newClaimedRun() {
      const run = await newRun();
      const claimed = await repos.runs.claim({
        workerId: WORKER_ID,
        leaseMs: 60_000,
        maxPerWorkspace: 1_000,
        runId: run.id,
      });
      if (!claimed) throw new Error('could not claim the bench run');
      return claimed;
    },
    async newBaselineRunId() {
      return (await newRun()).id;
    },
    async execute(run, options = {}) {
      const inserts: NewRunEvent[][] = [];
      const docWrites: RunEvent[][] = [];
      const appendsBefore = docStore.appends;
      const appendedBefore = docStore.appended.length;
      const runEvents: EventSinkOptions['runEvents'] = {
        appendMany: (events) => {
          inserts.push([...events]);
          return repos.runEvents.appendMany(events);
        },
      };
      const runsDoc: RunsDocWriter | null =
        options.runsDoc === false
          ? null
          : {
              appendEvents: (workflowId, runId, events) => {
                docWrites.push([...events]);
                return collab.runsWriter.appendEvents(workflowId, runId, events);
              },
            };

      const definition = await repos.versions.getDefinition(run.versionId);
      if (!definition) throw new Error('bench version missing');
      const stored = await repos.runEvents.list(run.id);
      if (stored.length > 0) throw new Error('bench run has stored events');
      const sink = createEventSink({
        runEvents,
        runsDoc,
        workflowId: run.workflowId,
        runId: run.id,
        nodes: definition.nodes,
        now: () => systemClock.now(),
        onDocError: (error) => console.error('runs document write failed', error),
      });
      if (runsDoc) {
        await collab.runsWriter.startRun(run.workflowId, {
          runId: run.id,
          versionId: run.versionId,
          startedBy: run.startedBy,
          startedAt: (run.startedAt ?? new Date()).toISOString(),
        });
      }
      let steps = 0;
      let result: RunResult;
      try {
        result = await executeRun({
          definition: definition,
          inputs: run.inputs,
          runId: run.id,
          versionId: run.versionId,
          signal: new AbortController().signal,
          ports: {
            llm: stubLlm,
            clock: systemClock,
            emit: (event) => {
              if (event.type === 'node.completed') steps++;
              return sink.emit(event);
            },
            http: stubHttp,
            code: stubCode,
            onUnexpectedError: (error) => console.error('run step failed unexpectedly', error),
          },
        });
      } finally {
        await sink.close();
      }
      if (result.status !== 'completed') throw new Error(`bench run ended ${JSON.stringify(result)}`);
      await repos.runs.setStatus(run.id, 'succeeded', { outputs: result.outputs, onlyFrom: ['running'] });
      return {
        inserts,
        docWrites,
        docAppends: docStore.appends - appendsBefore,
        docUpdates: docStore.appended.slice(appendedBefore),
        steps,
        result,
      };
    },
    async close() {
      await collab.close();
      await closeRaw();
      await test.cleanup();
    },
  };
}

/** The engine alone: the same chain with an `emit` that stores nothing (diagnostic). */
export async function executeEngineOnly(definition: WorkflowDefinition): Promise<number> {
  let steps = 0;
  const result = await executeRun({
    definition,
    inputs: {},
    runId: crypto.randomUUID(),
    versionId: 'bench',
    ports: {
      llm: stubLlm,
      clock: systemClock,
      emit: async (event) => {
        if (event.type === 'node.completed') steps++;
      },
      http: stubHttp,
      code: stubCode,
    },
  });
  if (result.status !== 'completed') throw new Error(`engine-only run ended ${JSON.stringify(result)}`);
  return steps;
}

/**
 * The baseline's Yjs half: the same transactions on a bare Y.Doc, shaped like the runs document
 * (Y.Map of runs → Y.Map with an events Y.Array): one transaction creating the run, then one per
 * `appendEvents` call pushing its events.
 */
export function rawYjs(runId: string, docWrites: readonly RunEvent[][], doc: Y.Doc): void {
  const runs = doc.getMap<Y.Map<unknown>>('runs');
  let events = new Y.Array<unknown>();
  doc.transact(() => {
    const run = new Y.Map<unknown>();
    run.set('status', 'running');
    events = new Y.Array<unknown>();
    run.set('events', events);
    runs.set(runId, run);
  });
  for (const batch of docWrites) {
    doc.transact(() => {
      events.push(batch);
    });
  }
}
