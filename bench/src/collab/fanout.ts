import os from 'node:os';
import { benchEnv } from '../bench-env';
import { type Placement, placeClientsApart } from '../cpu-affinity';
import { percentile, round } from '../measure';
import { report } from '../report';
import { benchChild } from './bench-child';
import type { FanOutReply, FanOutRequest } from './fanout-clients';
import type { FanOutServerKind, FanOutServerReply, FanOutServerRequest } from './fanout-server';
import { median, summary, type TargetRow, targetRow } from './targets';

/**
 * The collab bench's fan-out figure: 1 writer to 10/50/200 readers (all in one client child process on
 * CPU 1), on collab, collab without a database and the minimal Yjs relay, each server in a child process
 * of its own on CPU 0.
 */

export const FANOUT_NODES = 100;
const FANOUT_GAP_MS = 3;

/**
 * Runs every edit of one reader count in a child process holding all clients (collab/fanout-clients.ts),
 * placed apart from the servers and a local PostgreSQL (`placeClientsApart`).
 */
async function fanOutInChild(
  request: FanOutRequest,
  localPostgres: boolean,
  serverPids: number[],
): Promise<{ samples: number[][]; placement: Placement }> {
  const { child, ask } = benchChild<FanOutRequest, FanOutReply>(
    './fanout-clients.ts',
    'fan-out clients',
    10 * 60_000,
  );
  const placement = placeClientsApart(child.pid, localPostgres, serverPids);
  try {
    const reply = await ask(request, `fan-out to ${request.readers} readers`);
    if (!('samples' in reply)) throw new Error('fan-out clients answered without samples');
    return { samples: reply.samples, placement };
  } finally {
    child.kill();
    placement.restore();
  }
}

type FanOutServer = { pid: number; url: string; store: string; stop(): Promise<void> };

/** One fan-out server in a child process of its own (collab/fanout-server.ts). */
async function fanOutServer(kind: FanOutServerKind): Promise<FanOutServer> {
  const { child, ask } = benchChild<FanOutServerRequest, FanOutServerReply>(
    './fanout-server.ts',
    `fan-out server (${kind})`,
  );
  try {
    const reply = await ask({ start: kind });
    if (!('url' in reply) || child.pid === undefined) throw new Error(`${kind} server did not start`);
    return {
      pid: child.pid,
      url: reply.url,
      store: reply.store,
      async stop() {
        try {
          await ask({ stop: true });
        } finally {
          child.kill();
        }
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

export async function benchFanOut(): Promise<void> {
  const servers: FanOutServer[] = [];
  const rows: TargetRow[] = [];
  const placements: Placement[] = [];
  try {
    for (const kind of ['relay', 'collab', 'collab-without-database'] as const)
      servers.push(await fanOutServer(kind));
    const [relay, server, noDb] = servers as [FanOutServer, FanOutServer, FanOutServer];
    // p99 is a tail of edits, not of samples (every reader of one edit waits alike): enough edits that the
    // 99th percentile is not one or two edits a stall of this VM happened to land on (200 edits at 200
    // readers read 0.75x-2.6x in one session, every group showing stalls of 100+ ms).
    for (const [readers, edits] of [
      [10, 600],
      [50, 600],
      [200, 500],
    ] as const) {
      const { samples, placement } = await fanOutInChild(
        {
          urls: [relay.url, server.url, noDb.url],
          readers,
          edits,
          warmup: 10,
          settleMs: 2_000,
          gapMs: FANOUT_GAP_MS,
          nodes: FANOUT_NODES,
        },
        server.store === 'postgres' && benchEnv().localPostgres,
        servers.map((each) => each.pid),
      );
      placements.push(placement);
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
    await Promise.allSettled(servers.map((each) => each.stop()));
  }
  const store = servers[1]?.store ?? 'unknown';
  report(
    'collab-fanout',
    `1 writer, N readers (real providers, one socket each, all in one child process standing for remote browsers), ${FANOUT_NODES}-node workflow: time from the writer's local edit (moveNode) to each reader's Y.Doc update event; collab server on ${store}; each server in a process of its own (what one does on its own time, e.g. forwarding a wave of presence renewals, holds up only its own edits); noDbCollab = the same collab server with an always-succeeding in-memory DocStore (diagnostic: collab without the append). While the edits run, the client process is pinned to CPU 1 and the servers, with a local PostgreSQL's processes, to CPU 0 (clientsOnOwnCpu, databaseWithServers): unpinned on a 2-core machine, the backend committing one edit took the CPU of the clients still decoding the broadcast (10 readers p50 1.27-1.32x unpinned, 1.12x pinned, in the same session); the client process collects its young garbage between edits, so the scavenges of all its readers' shared heap land on no measured edit`,
    'minimal Yjs relay (bench/src/baselines/yjs-relay.ts: ws + Y.Doc apply + broadcast, y-websocket style) with the same providers and encoding',
    rows,
    summary(rows, {
      store,
      clientsOnOwnCpu: placements.every((placement) => placement.clientsOnOwnCpu),
      databaseWithServers: placements.every((placement) => placement.databaseWithServers),
      loadavg: os.loadavg(),
    }),
  );
}
