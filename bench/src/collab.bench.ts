import { fork } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { DurableWriteTiming } from '@tandem/collab';
import { documentName } from '@tandem/workflow';
import * as Y from 'yjs';
import { startStateFetchServer } from './baselines/state-fetch';
import { startYjsRelay } from './baselines/yjs-relay';
import { benchEnv } from './bench-env';
import type { AckEditRequest, AckWritersReply, AckWritersRequest } from './collab/ack-writers';
import { benchChild, withTimeout } from './collab/bench-child';
import type { ColdOpenClientsRequest, ColdOpenReply, ColdOpenRequest } from './collab/cold-open-clients';
import { benchFanOut, FANOUT_NODES } from './collab/fanout';
import { type BenchStore, nullStore, openStore, sleep, startCollab, workflowDoc } from './collab/harness';
import { median, summary, type TargetRow, targetRow } from './collab/targets';
import { placeClientsApart } from './cpu-affinity';
import { percentile, round } from './measure';
import { report } from './report';

/**
 * The collaboration figures of the issue, each against a baseline measured in the same run:
 * edit fan-out (vs a minimal Yjs relay), durable write (vs a raw INSERT), cold open (vs SELECT + apply +
 * one round trip) and memory per loaded document (vs a bare Y.Doc). Postgres runs when TEST_DATABASE_URL
 * is set (a scratch database is created and dropped); PGlite (in memory) always runs.
 */

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

// -------------------------------------------------------------------------------------- durable write

/**
 * The authors live in a child process (collab/ack-writers.ts), one writer per server: `edit(writer, i)` makes
 * edit `i` there and resolves once it is acknowledged (unsyncedChanges back to 0), with the author's wait
 * and the edit's update bytes.
 */
async function ackWritersInChild(urls: string[]) {
  const { child, ask } = benchChild<AckWritersRequest | AckEditRequest, AckWritersReply>(
    './ack-writers.ts',
    'ack writers',
  );
  try {
    await ask({ urls, nodes: FANOUT_NODES });
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    async edit(writer: number, edit: number): Promise<{ ms: number; update: Uint8Array }> {
      const reply = await ask({ writer, edit });
      if (!('ms' in reply)) throw new Error('ack writers answered an edit without a result');
      return { ms: reply.ms, update: Uint8Array.from(reply.update) };
    },
    close: () => child.kill(),
  };
}

async function durableWrite(store: BenchStore, edits: number, warmup: number): Promise<TargetRow> {
  // Both servers' own clocks on each write: the update handed to storage → its row committed, and (diagnostic)
  // from its acceptance, which adds the apply and the broadcast that go first.
  let durable: DurableWriteTiming | null = null;
  const server = await startCollab(store.store, { onDurableWrite: (timing) => (durable = timing) });
  let relayWrite: DurableWriteTiming | null = null;
  const relay = await startYjsRelay({
    store: (name, update) => store.rawInsert(name, update),
    onDurableWrite: (timing) => (relayWrite = timing),
  });
  const noDb = await startCollab(nullStore());
  const repoName = freshName(`repo-${store.kind}`);
  const measured: number[] = [];
  const baseline: number[] = [];
  const fromAcceptance: number[] = [];
  const relayFromAcceptance: number[] = [];
  const acked: number[] = [];
  const relayAcked: number[] = [];
  const repo: number[] = [];
  const noDbAck: number[] = [];
  let bytes = 0;
  const [COLLAB, RELAY, NO_DB] = [0, 1, 2];
  const writers = await ackWritersInChild([server.url, relay.url, noDb.url]);
  try {
    for (let i = 0; i < warmup + edits; i++) {
      const record = i >= warmup;
      // Interleaved, order alternating, so load from anything else on the machine hits both alike.
      const order = i % 2 === 0 ? [COLLAB, RELAY] : [RELAY, COLLAB];
      for (const which of order) {
        durable = null;
        relayWrite = null;
        const { ms, update } = await writers.edit(which, i);
        const write = (which === COLLAB ? durable : relayWrite) as DurableWriteTiming | null;
        if (write === null) throw new Error(`edit ${i} was acknowledged without a durable write`);
        bytes = update.byteLength;
        if (!record) continue;
        (which === COLLAB ? measured : baseline).push(write.storeMs);
        (which === COLLAB ? fromAcceptance : relayFromAcceptance).push(write.acceptedMs);
        (which === COLLAB ? acked : relayAcked).push(ms);
        if (which === COLLAB) {
          // Diagnostics: the same bytes through the repository alone, called directly.
          const start = performance.now();
          await store.store.append(repoName, update);
          repo.push(performance.now() - start);
        }
      }
      const noDbEdit = await writers.edit(NO_DB, i);
      if (record) noDbAck.push(noDbEdit.ms);
      await sleep(1);
    }
  } finally {
    writers.close();
    await relay.close();
    await noDb.stop();
    await server.stop();
  }
  return targetRow(
    `${store.kind} p50`,
    median(measured),
    median(baseline),
    'ms',
    { factor: 1.2 },
    {
      measuredP99: round(percentile(measured, 99)),
      baselineP99: round(percentile(baseline, 99)),
      acceptedToCommitP50: round(median(fromAcceptance)),
      relayAcceptedToCommitP50: round(median(relayFromAcceptance)),
      clientAckP50: round(median(acked)),
      relayClientAckP50: round(median(relayAcked)),
      repoAppendP50: round(median(repo)),
      noDbCollabAckP50: round(median(noDbAck)),
      updateBytes: bytes,
      samples: measured.length,
    },
  );
}

async function benchDurableWrite(stores: BenchStore[], skipped: string[]): Promise<void> {
  const rows: TargetRow[] = [];
  for (const store of stores) rows.push(await durableWrite(store, 400, 20));
  report(
    'collab-durable-write',
    `the durable write of one edit (moveNode on a ${FANOUT_NODES}-node workflow, the author in a child process) on the live collab server: from the update being handed to storage to its doc_updates row committed, through the retrying append, the group-commit batcher, DocRepository.append and the driver (onDurableWrite storeMs); the author is acknowledged only after it. Diagnostics: acceptedToCommit = from the update's acceptance (persistence beforeSync), adding the apply and the broadcast, which go first by design so readers never wait for the database (see collab-fanout); clientAck = the author's whole wait, edit to unsyncedChanges 0; repoAppend = DocRepository.append called directly by the bench; noDbCollabAck = the author's wait on collab with an always-succeeding in-memory store`,
    "one raw INSERT of the same kind of update into doc_updates (postgres.js on Postgres, PGlite query() on PGlite) made by the minimal relay (bench/src/baselines/yjs-relay.ts) at the same point: it applies and broadcasts an update, then INSERTs it and acknowledges after the commit; timed from the INSERT's start to its commit. Edits alternate between the two servers; relayAcceptedToCommit and relayClientAck are the relay's own counterparts of the diagnostics",
    rows,
    summary(rows, { skipped, loadavg: os.loadavg() }),
  );
}

// ------------------------------------------------------------------------------------------ cold open

/**
 * Both cold-open clients live in a child process (collab/cold-open-clients.ts): a provider socket already open
 * to the collab server and a socket to the state-fetch baseline. `open(which, name)` makes one open there and
 * resolves with its time on the child's clock and the nodes it showed.
 */
async function coldOpenClientsInChild(request: ColdOpenClientsRequest) {
  const { child, ask } = benchChild<ColdOpenClientsRequest | ColdOpenRequest, ColdOpenReply>(
    './cold-open-clients.ts',
    'cold-open clients',
  );
  // The client stands for a browser on another machine: it gets a CPU of its own, the servers the other.
  const placement = placeClientsApart(child.pid, false);
  const pinned = placement.clientsOnOwnCpu;
  const close = () => {
    child.kill();
    placement.restore();
  };
  try {
    await ask(request, 'cold-open clients connecting');
  } catch (error) {
    close();
    throw error;
  }
  return {
    pinned,
    async open(which: ColdOpenRequest['open'], name: string) {
      const reply = await ask({ open: which, name }, `${which} cold open of ${name}`);
      if (!('ms' in reply)) throw new Error('cold-open clients answered an open without a result');
      return reply;
    },
    close,
  };
}

async function coldOpen(store: BenchStore, size: number, opens: number, warmup: number): Promise<TargetRow> {
  const base = cachedWorkflow(size);
  const names = Array.from({ length: opens + warmup }, () => freshName(`cold-${size}`));
  for (const name of names) await store.seedCompacted(name, base);
  const stateBytes = Y.encodeStateAsUpdate(base).byteLength;

  const server = await startCollab(store.store);
  const fetcher = await startStateFetchServer((name) => store.rawSelectState(name));
  const measured: number[] = [];
  const baseline: number[] = [];
  const bareApply: number[] = [];
  const listenerApply: number[] = [];
  let pinned = false;
  try {
    const clients = await coldOpenClientsInChild({
      collabUrl: server.url,
      keepName: freshName('keep'),
      baselineUrl: fetcher.url,
    });
    pinned = clients.pinned;
    try {
      for (const [i, name] of names.entries()) {
        const record = i >= warmup;
        // Interleaved, order alternating, so load from anything else on the machine hits both alike.
        const order = i % 2 === 0 ? (['measured', 'baseline'] as const) : (['baseline', 'measured'] as const);
        for (const which of order) {
          const { ms, nodes, applyMs, listenerApplyMs } = await clients.open(which, name);
          if (nodes !== size)
            throw new Error(`${which} cold open of ${name} showed ${nodes} nodes, not ${size}`);
          if (!record) continue;
          (which === 'measured' ? measured : baseline).push(ms);
          if (applyMs !== undefined) bareApply.push(applyMs);
          if (listenerApplyMs !== undefined) listenerApply.push(listenerApplyMs);
        }
        await sleep(20);
      }
    } finally {
      clients.close();
    }
  } finally {
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
      clientOnOwnCpu: pinned,
      clientApplyP50: round(median(bareApply)),
      clientApplyWithUpdateListenerP50: round(median(listenerApply)),
    },
  );
}

async function benchColdOpen(stores: BenchStore[], skipped: string[]): Promise<void> {
  const rows: TargetRow[] = [];
  for (const store of stores) {
    rows.push(await coldOpen(store, 1_000, 20, 2));
    // 20 opens, not 10: a median of 10 moved 5,000 nodes on PGlite between 1.13x and 1.48x in one session.
    rows.push(await coldOpen(store, 5_000, 20, 1));
  }
  report(
    'collab-cold-open',
    "a new provider on an open socket, for a stored (compacted) workflow no one has open, until `synced` (server load + auth + the stored state applied by the client), timed on the client's clock. The clients stand for a browser on another machine: they run in one child process pinned to CPU 1, the bench process (servers, PGlite) to CPU 0, while the opens run (clientOnOwnCpu; PostgreSQL's own processes are not pinned). collab sends a new client the stored state as its SyncStep2 before decoding its own copy (collab/src/persistence.ts answerFirstSync), so the two decodes overlap. Diagnostics, timed in the client child outside the opens: clientApplyP50 = Y.applyUpdate of the same bytes into a bare doc (the baseline's client), clientApplyWithUpdateListenerP50 = into a doc with an 'update' listener, as a stock HocuspocusProvider's doc has (Yjs then encodes each applied transaction for the listener); the measured client is the app's TandemProvider (packages/collab-client), which spares that encode",
    'SELECT state + one WebSocket round trip carrying it + Y.applyUpdate into an empty doc (server: bench/src/baselines/state-fetch.ts; client: an open socket in the same child process as the measured provider, bench/src/collab/cold-open-clients.ts), opens alternating with the measured ones',
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
    execArgv: ['--expose-gc', '--import', import.meta.resolve('tsx')],
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
  const { TEST_DATABASE_URL: adminUrl, TANDEM_COLLAB_BENCH: only } = benchEnv();
  const stores: BenchStore[] = [await openStore()];
  const skipped: string[] = [];
  if (adminUrl) stores.push(await openStore(adminUrl));
  else skipped.push('postgres (set TEST_DATABASE_URL to run it)');
  // Fan-out and memory run once, on the production store when there is one.
  const primary = stores.at(-1) as BenchStore;
  // TANDEM_COLLAB_BENCH=fanout,durable,cold,memory runs only those parts.
  const wanted = (part: NonNullable<typeof only>[number]) => !only || only.includes(part);
  try {
    if (wanted('fanout')) await benchFanOut();
    if (wanted('durable')) await benchDurableWrite(stores, skipped);
    if (wanted('cold')) await benchColdOpen(stores, skipped);
    if (wanted('memory')) await benchMemory(primary);
  } finally {
    for (const doc of workflows.values()) doc.destroy();
    workflows.clear();
    for (const store of stores) await store.close();
  }
}
