import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DocStore } from '@tandem/collab';
import { documentName, moveNode } from '@tandem/workflow';
import * as Y from 'yjs';
import { startStateFetch } from './baselines/state-fetch';
import { startYjsRelay } from './baselines/yjs-relay';
import type { FanOutReply, FanOutRequest } from './collab/fanout-clients';
import {
  type BenchStore,
  connectClient,
  openSocket,
  openStore,
  sleep,
  startCollab,
  whenSynced,
  workflowDoc,
} from './collab/harness';
import { percentile, round } from './measure';
import { report } from './report';

/**
 * The collaboration figures of the issue, each against a baseline measured in the same run:
 * edit fan-out (vs a minimal Yjs relay), durable write (vs a raw INSERT), cold open (vs SELECT + apply +
 * one round trip) and memory per loaded document (vs a bare Y.Doc). Postgres runs when TEST_DATABASE_URL
 * is set (a scratch database is created and dropped); PGlite (in memory) always runs.
 */

type TargetRow = {
  case: string;
  measured: number;
  baseline: number;
  unit: 'ms' | 'KB';
  ratio: number;
  target: string;
  met: boolean;
  [extra: string]: string | number | boolean;
};

function targetRow(
  name: string,
  measured: number,
  baseline: number,
  unit: 'ms' | 'KB',
  target: { factor: number; plus?: number },
  extra: Record<string, string | number | boolean> = {},
): TargetRow {
  const plus = target.plus ?? 0;
  return {
    case: name,
    measured: round(measured),
    baseline: round(baseline),
    unit,
    ratio: round(measured / baseline),
    target: plus > 0 ? `<= ${target.factor}x + ${plus} ${unit}` : `<= ${target.factor}x`,
    met: measured <= target.factor * baseline + plus,
    ...extra,
  };
}

function summary(rows: TargetRow[], extra: Record<string, unknown>): Record<string, unknown> {
  const missed = rows.filter((row) => !row.met).map((row) => row.case);
  return { targetsMet: missed.length === 0, missed, ...extra };
}

const median = (values: number[]) => percentile(values, 50);

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

const workflows = new Map<number, Y.Doc>();
/** Building a 5,000-node workflow takes a second or more: build each size once. */
function cachedWorkflow(size: number): Y.Doc {
  let doc = workflows.get(size);
  if (!doc) {
    doc = workflowDoc(size);
    workflows.set(size, doc);
  }
  return doc;
}

let benchRun = 0;
const freshName = (label: string) => documentName(`bench-${process.pid}-${label}-${++benchRun}`, 'graph');

// ---------------------------------------------------------------------------------------------- fan-out

const FANOUT_NODES = 100;
const FANOUT_GAP_MS = 3;

/** Runs every edit of one reader count in a child process holding all clients (collab/fanout-clients.ts). */
async function fanOutInChild(request: FanOutRequest): Promise<number[][]> {
  const child = fork(fileURLToPath(new URL('./collab/fanout-clients.ts', import.meta.url)), [], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const reply = await withTimeout(
      new Promise<FanOutReply>((resolve, reject) => {
        child.once('message', (message: FanOutReply) => resolve(message));
        child.once('exit', (code) => reject(new Error(`fan-out clients exited with ${code}`)));
        child.send(request);
      }),
      10 * 60_000,
      `fan-out to ${request.readers} readers`,
    );
    if ('error' in reply) throw new Error(`fan-out clients: ${reply.error}`);
    return reply.samples;
  } finally {
    child.kill();
  }
}

/** Always-succeeding in-memory DocStore: collab's own cost without a database (diagnostic). */
function nullStore(): DocStore {
  let id = 0;
  return {
    appendUpdate: async () => ++id,
    load: async () => ({ state: null, updates: [], clock: 0 }),
    compact: async () => true,
  };
}

async function benchFanOut(store: BenchStore): Promise<void> {
  const relay = await startYjsRelay();
  const server = await startCollab(store.store);
  const noDb = await startCollab(nullStore());
  const rows: TargetRow[] = [];
  try {
    // p99 is a tail of edits, not of samples (every reader of one edit waits alike): enough edits that the
    // 99th percentile is not simply the slowest one.
    for (const [readers, edits] of [
      [10, 300],
      [50, 200],
      [200, 150],
    ] as const) {
      const samples = await fanOutInChild({
        urls: [relay.url, server.url, noDb.url],
        readers,
        edits,
        warmup: 10,
        gapMs: FANOUT_GAP_MS,
        nodes: FANOUT_NODES,
      });
      const [base = [], measured = [], withoutDb = []] = samples;
      rows.push(
        targetRow(
          `${readers} readers p50`,
          median(measured),
          median(base),
          'ms',
          { factor: 1.2 },
          {
            noDbCollab: round(median(withoutDb)),
            samples: measured.length,
          },
        ),
        targetRow(
          `${readers} readers p99`,
          percentile(measured, 99),
          percentile(base, 99),
          'ms',
          { factor: 1.5 },
          {
            noDbCollab: round(percentile(withoutDb, 99)),
            samples: measured.length,
          },
        ),
      );
    }
  } finally {
    await noDb.stop();
    await server.stop();
    await relay.close();
  }
  report(
    'collab-fanout',
    `1 writer, N readers (real providers, one socket each, all in one child process so servers and clients run on different cores, as with remote browsers), ${FANOUT_NODES}-node workflow: time from the writer's local edit (moveNode) to each reader's Y.Doc update event; collab server on ${store.kind}; noDbCollab = the same collab server with an always-succeeding in-memory DocStore (diagnostic: collab without the append)`,
    'minimal Yjs relay (bench/src/baselines/yjs-relay.ts: ws + Y.Doc apply + broadcast, y-websocket style) with the same providers and encoding',
    rows,
    summary(rows, { store: store.kind, loadavg: os.loadavg() }),
  );
}

// -------------------------------------------------------------------------------------- durable write

/** Edit → acknowledged (unsyncedChanges back to 0) on a writer of `url`; `last` holds the edit's update. */
async function ackWriter(url: string, label: string) {
  const writer = connectClient({ url, name: freshName(label), doc: workflowDoc(FANOUT_NODES) });
  await whenSynced(writer.provider);
  let last: Uint8Array | null = null;
  writer.doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== writer.provider) last = update;
  });
  return {
    async edit(i: number): Promise<{ ms: number; update: Uint8Array }> {
      last = null;
      const start = performance.now();
      moveNode(writer.doc, `n-${i % (FANOUT_NODES - 2)}`, { x: i, y: i });
      await whenSynced(writer.provider);
      const ms = performance.now() - start;
      const update: Uint8Array | null = last;
      if (!update) throw new Error('the edit produced no update');
      return { ms, update };
    },
    destroy: () => writer.destroy(),
  };
}

async function durableWrite(store: BenchStore, edits: number, warmup: number): Promise<TargetRow> {
  // The server's own clock on the write: update accepted (beforeSync) → its doc_updates row committed.
  let durable: number | null = null;
  const server = await startCollab(store.store, { onDurableWrite: (ms) => (durable = ms) });
  const noDb = await startCollab(nullStore());
  const relay = await startYjsRelay();
  const rawName = freshName(`raw-${store.kind}`);
  const repoName = freshName(`repo-${store.kind}`);
  const writers: Awaited<ReturnType<typeof ackWriter>>[] = [];
  const measured: number[] = [];
  const acked: number[] = [];
  const raw: number[] = [];
  const repo: number[] = [];
  const relayAck: number[] = [];
  const noDbAck: number[] = [];
  let bytes = 0;
  try {
    const [writer, noDbWriter, relayWriter] = [
      await ackWriter(server.url, `durable-${store.kind}`),
      await ackWriter(noDb.url, 'durable-nodb'),
      await ackWriter(relay.url, 'durable-relay'),
    ];
    writers.push(writer, noDbWriter, relayWriter);
    for (let i = 0; i < warmup + edits; i++) {
      const record = i >= warmup;
      durable = null;
      const { ms, update } = await writer.edit(i);
      if (durable === null) throw new Error(`edit ${i} was acknowledged without a durable write`);
      if (record) {
        measured.push(durable);
        acked.push(ms);
      }
      bytes = update.byteLength;
      // The same bytes through the raw driver, then (diagnostics) through the repository alone, and the
      // same kind of edit acknowledged by collab without a database and by the relay.
      let start = performance.now();
      await store.rawInsert(rawName, update);
      if (record) raw.push(performance.now() - start);
      start = performance.now();
      await store.store.appendUpdate(repoName, update);
      if (record) repo.push(performance.now() - start);
      const noDbEdit = await noDbWriter.edit(i);
      if (record) noDbAck.push(noDbEdit.ms);
      const relayEdit = await relayWriter.edit(i);
      if (record) relayAck.push(relayEdit.ms);
      await sleep(1);
    }
  } finally {
    for (const writer of writers) writer.destroy();
    await relay.close();
    await noDb.stop();
    await server.stop();
  }
  return targetRow(
    `${store.kind} p50`,
    median(measured),
    median(raw),
    'ms',
    { factor: 1.2 },
    {
      measuredP99: round(percentile(measured, 99)),
      baselineP99: round(percentile(raw, 99)),
      repoAppendUpdateP50: round(median(repo)),
      clientAckP50: round(median(acked)),
      clientAckP99: round(percentile(acked, 99)),
      noDbCollabAckP50: round(median(noDbAck)),
      relayAckP50: round(median(relayAck)),
      updateBytes: bytes,
      samples: measured.length,
    },
  );
}

async function benchDurableWrite(stores: BenchStore[], skipped: string[]): Promise<void> {
  const rows: TargetRow[] = [];
  for (const store of stores) rows.push(await durableWrite(store, 150, 15));
  report(
    'collab-durable-write',
    `the durable write of one edit (moveNode on a ${FANOUT_NODES}-node workflow) on the collab server: from the update's acceptance (persistence beforeSync, before it is applied) to its doc_updates row committed, through apply, broadcast turn, group-commit batcher and DocRepository.appendUpdate (onDurableWrite)`,
    "one raw INSERT of the same update bytes into doc_updates (postgres.js on Postgres, PGlite query() on PGlite), right after. Diagnostics, same run: repoAppendUpdateP50 = DocRepository.appendUpdate of those bytes alone; clientAckP50/P99 = the author's whole wait, edit to unsyncedChanges 0 (adds the WebSocket round trip and Hocuspocus' message handling); noDbCollabAckP50 = the same edit acked by collab with an always-succeeding in-memory store; relayAckP50 = acked by the minimal relay",
    rows,
    summary(rows, { skipped, loadavg: os.loadavg() }),
  );
}

// ------------------------------------------------------------------------------------------ cold open

async function coldOpen(store: BenchStore, size: number, opens: number, warmup: number): Promise<TargetRow> {
  const base = cachedWorkflow(size);
  const names = Array.from({ length: opens + warmup }, () => freshName(`cold-${size}`));
  for (const name of names) await store.seedCompacted(name, base);
  const stateBytes = Y.encodeStateAsUpdate(base).byteLength;

  const server = await startCollab(store.store);
  const fetcher = await startStateFetch((name) => store.rawSelectState(name));
  // An open, authenticated socket (as a tab that already shows another document).
  const socket = openSocket(server.url);
  const keep = connectClient({ url: server.url, name: freshName('keep'), socket });
  const measured: number[] = [];
  const baseline: number[] = [];
  try {
    await whenSynced(keep.provider);
    for (const [i, name] of names.entries()) {
      const record = i >= warmup;
      const runMeasured = async () => {
        const start = performance.now();
        const doc = new Y.Doc();
        const synced = new Promise<void>((resolve, reject) => {
          const client = connectClient({ url: server.url, name, socket, doc });
          client.provider.on('synced', ({ state }: { state: boolean }) => {
            if (!state) return;
            const elapsed = performance.now() - start;
            if (record) measured.push(elapsed);
            const nodes = doc.getMap('nodes').size;
            client.provider.destroy();
            doc.destroy();
            if (nodes === size) resolve();
            else reject(new Error(`cold open of ${name} showed ${nodes} nodes, not ${size}`));
          });
        });
        await withTimeout(synced, 30_000, `cold open of ${name}`);
      };
      const runBaseline = async () => {
        const start = performance.now();
        const doc = await fetcher.open(name);
        if (record) baseline.push(performance.now() - start);
        if (doc.getMap('nodes').size !== size) throw new Error('baseline opened the wrong document');
        doc.destroy();
      };
      if (i % 2 === 0) {
        await runMeasured();
        await runBaseline();
      } else {
        await runBaseline();
        await runMeasured();
      }
      await sleep(20);
    }
  } finally {
    keep.destroy();
    socket.destroy();
    await fetcher.close();
    await server.stop();
  }
  return targetRow(
    `${size} nodes, ${store.kind}`,
    median(measured),
    median(baseline),
    'ms',
    { factor: 1.3, plus: 5 },
    {
      stateKB: round(stateBytes / 1024),
      samples: measured.length,
    },
  );
}

async function benchColdOpen(stores: BenchStore[], skipped: string[]): Promise<void> {
  const rows: TargetRow[] = [];
  for (const store of stores) {
    rows.push(await coldOpen(store, 1_000, 10, 2));
    rows.push(await coldOpen(store, 5_000, 6, 1));
  }
  report(
    'collab-cold-open',
    'a new provider on an open socket, for a stored (compacted) workflow no one has open, until `synced` (server load + auth + SyncStep2 applied by the client)',
    'SELECT state + one WebSocket round trip carrying it + Y.applyUpdate into an empty doc (bench/src/baselines/state-fetch.ts)',
    rows,
    summary(rows, { skipped, loadavg: os.loadavg() }),
  );
}

// --------------------------------------------------------------------------------------------- memory

function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await sleep(20);
    gc();
  }
  return process.memoryUsage().heapUsed;
}

type ChildMessage = { ready?: boolean; opened?: number; closed?: boolean };

async function memory(store: BenchStore, size: number, count: number): Promise<TargetRow> {
  const gc = exposeGc();
  const base = cachedWorkflow(size);
  const state = Y.encodeStateAsUpdate(base);
  const warmNames = Array.from({ length: 5 }, () => freshName(`memory-warm-${size}`));
  const names = Array.from({ length: count }, () => freshName(`memory-${size}`));
  for (const name of [...warmNames, ...names]) await store.seedCompacted(name, base);

  const server = await startCollab(store.store);
  const child = fork(fileURLToPath(new URL('./collab/memory-clients.ts', import.meta.url)), [server.url], {
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (what: keyof ChildMessage) =>
    withTimeout(
      new Promise<ChildMessage>((resolve) => {
        const listener = (message: ChildMessage) => {
          if (message[what] === undefined) return;
          child.off('message', listener);
          resolve(message);
        };
        child.on('message', listener);
      }),
      60_000,
      `memory clients: ${what}`,
    );
  let serverPerDoc: number;
  let externalPerDoc: number;
  try {
    await next('ready');
    // Warm-up: pools, code paths, first-connection allocations are not per document.
    child.send({ open: warmNames });
    await next('opened');
    child.send({ closeAll: true });
    await next('closed');
    while (server.collab.metrics().loadedDocuments > 0) await sleep(20);

    const before = await settledHeap(gc);
    const externalBefore = process.memoryUsage().external;
    child.send({ open: names });
    await next('opened');
    await sleep(300);
    const after = await settledHeap(gc);
    const loaded = server.collab.metrics().loadedDocuments;
    if (loaded !== count) throw new Error(`expected ${count} loaded documents, found ${loaded}`);
    serverPerDoc = (after - before) / count;
    externalPerDoc = (process.memoryUsage().external - externalBefore) / count;
    child.send({ closeAll: true });
    await next('closed');
  } finally {
    child.send({ exit: true });
    await new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await server.stop();
  }

  const beforeBare = await settledHeap(gc);
  const docs = names.map(() => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  });
  const afterBare = await settledHeap(gc);
  const barePerDoc = (afterBare - beforeBare) / docs.length;
  for (const doc of docs) doc.destroy();

  return targetRow(
    `${size} nodes x ${count} docs`,
    serverPerDoc / 1024,
    barePerDoc / 1024,
    'KB',
    { factor: 1.5, plus: 50 },
    { externalKBPerDoc: round(externalPerDoc / 1024), store: store.kind },
  );
}

async function benchMemory(store: BenchStore): Promise<void> {
  const rows = [await memory(store, 100, 60), await memory(store, 1_000, 20)];
  report(
    'collab-memory',
    `server heap per loaded document: heapUsed delta (after gc) over N documents loaded by N providers (one socket each, held by a child process) / N, collab server on ${store.kind}`,
    'heapUsed delta of N bare Y.Docs with the same content (Y.applyUpdate of the same state) / N',
    rows,
    summary(rows, { store: store.kind, loadavg: os.loadavg() }),
  );
}

// ------------------------------------------------------------------------------------------------ run

export async function runCollabBench(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const stores: BenchStore[] = [await openStore()];
  const skipped: string[] = [];
  if (adminUrl) stores.push(await openStore(adminUrl));
  else skipped.push('postgres (set TEST_DATABASE_URL to run it)');
  // Fan-out and memory run once, on the production store when there is one.
  const primary = stores.at(-1) as BenchStore;
  // TANDEM_COLLAB_BENCH=fanout,durable,cold,memory runs only those parts.
  const only = process.env.TANDEM_COLLAB_BENCH?.split(',');
  const wanted = (part: string) => !only || only.includes(part);
  try {
    if (wanted('fanout')) await benchFanOut(primary);
    if (wanted('durable')) await benchDurableWrite(stores, skipped);
    if (wanted('cold')) await benchColdOpen(stores, skipped);
    if (wanted('memory')) await benchMemory(primary);
  } finally {
    for (const doc of workflows.values()) doc.destroy();
    workflows.clear();
    for (const store of stores) await store.close();
  }
}
