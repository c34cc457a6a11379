/**
 * Child process of the fan-out bench: holds the writer and every reader, so the servers (relay and collab,
 * in the bench process) and the clients decoding their frames run on different cores, as they do when the
 * clients are other people's browsers. Writer and readers share this process's clock, so each latency is
 * one `performance.now()` difference. Messages: parent → `FanOutRequest`, child → `{ samples }` or `{ error }`.
 */
import { documentName, moveNode } from '@tandem/workflow';
import { type BenchClient, connectClient, sleep, whenSynced, workflowDoc } from './harness';

export type FanOutRequest = {
  /** One group per URL; edits interleave across the groups, order rotating. */
  urls: string[];
  readers: number;
  edits: number;
  warmup: number;
  /** Quiet time between the last reader joining and the first edit. */
  settleMs: number;
  gapMs: number;
  nodes: number;
};

export type FanOutReply = { samples: number[][] } | { error: string };

type FanOutGroup = {
  /** Makes edit `i` on the writer; resolves with the latency to each reader once all have it and it is acked. */
  edit(i: number): Promise<number[]>;
  destroy(): void;
};

let groupCount = 0;

/** 1 writer and `readers` readers (one socket each) on one new document at `url`. */
async function fanOutGroup(url: string, readers: number, nodes: number): Promise<FanOutGroup> {
  const name = documentName(`bench-fanout-${process.pid}-${readers}-${++groupCount}`, 'graph');
  const writer = connectClient({ url, name, doc: workflowDoc(nodes) });
  const clients: BenchClient[] = [writer];
  const destroy = () => {
    for (const client of clients) client.destroy();
  };
  try {
    await whenSynced(writer.provider);
    for (let i = 0; i < readers; i += 50) {
      const batch = Array.from({ length: Math.min(50, readers - i) }, () => connectClient({ url, name }));
      clients.push(...batch);
      await Promise.all(batch.map((client) => whenSynced(client.provider)));
    }
  } catch (error) {
    destroy();
    throw error;
  }
  let samples: number[] = [];
  let t0 = 0;
  let remaining = 0;
  let done: () => void = () => {};
  for (const reader of clients.slice(1)) {
    reader.doc.on('update', () => {
      if (remaining <= 0) return;
      samples.push(performance.now() - t0);
      remaining--;
      if (remaining === 0) done();
    });
  }
  return {
    async edit(i) {
      samples = [];
      let timer: NodeJS.Timeout | undefined;
      const all = new Promise<void>((resolve, reject) => {
        done = resolve;
        timer = setTimeout(
          () => reject(new Error(`edit ${i} did not reach ${readers} readers in 10 s`)),
          10_000,
        );
      });
      remaining = readers;
      t0 = performance.now();
      moveNode(writer.doc, `n-${i % (nodes - 2)}`, { x: i, y: -i });
      await all.finally(() => clearTimeout(timer));
      await whenSynced(writer.provider);
      return samples;
    },
    destroy,
  };
}

const gc = (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc;

/**
 * The readers stand for other people's browsers, each with its own heap; here they share one, and a
 * scavenge of all their garbage landed on whichever server's edit was in flight (edits of 20-180 ms in
 * every group, p99 at 50 readers 9-18 ms for the relay alone). Collected between edits instead, outside
 * every measurement.
 */
function collectYoungGarbage(): void {
  if (!gc) throw new Error('fanout-clients.ts needs --expose-gc (benchChild passes it)');
  gc({ type: 'minor' });
}

async function run(request: FanOutRequest): Promise<number[][]> {
  const groups: FanOutGroup[] = [];
  try {
    for (const url of request.urls) groups.push(await fanOutGroup(url, request.readers, request.nodes));
    const samples: number[][] = groups.map(() => []);
    // Every join is broadcast to everyone already there (awareness): 200 readers joining make tens of
    // thousands of sends, still under way on the first group's server while the last group joins. Edits are
    // measured in the steady state after it (the 15 s presence renewals still fall among them).
    await sleep(request.settleMs);
    for (let i = 0; i < request.warmup + request.edits; i++) {
      // Interleaved, order rotating, so load from anything else on the machine hits all alike.
      for (let k = 0; k < groups.length; k++) {
        const g = (i + k) % groups.length;
        const latencies = await (groups[g] as FanOutGroup).edit(i);
        if (i >= request.warmup) samples[g]?.push(...latencies);
        collectYoungGarbage();
        await sleep(request.gapMs);
      }
    }
    return samples;
  } finally {
    for (const group of groups) group.destroy();
  }
}

if (!process.send) throw new Error('fanout-clients.ts runs as a child process (fork)');
const send = process.send.bind(process);
process.on('message', (request: FanOutRequest) => {
  run(request).then(
    (samples) => send({ samples } satisfies FanOutReply),
    (error: unknown) =>
      send({ error: error instanceof Error ? error.message : String(error) } satisfies FanOutReply),
  );
});
