import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, createDocRepository, openTestDatabase } from '@tandem/db';
import * as Y from 'yjs';
import type { StaticAuthConfig } from '../static-auth';
import { applyStored } from '../yjs-update';

const COLLAB_DIR = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

/** A port that was free a moment ago, so a restarted server can come back on the same one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

export type ChildServer = {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
};

/** The database the child processes share: on-disk PGlite in a temp dir, or a scratch Postgres database. */
export type ChildDatabase = {
  env: Record<string, string>;
  /** Reads a document as a fresh load would (only while no child holds a PGlite dir open). */
  loadDoc(name: string): Promise<{ doc: Y.Doc; tail: number }>;
  cleanup(): Promise<void>;
};

let template: Promise<string> | null = null;

/** A migrated PGlite dir made once per test file and copied per test (initdb in WASM takes seconds). */
export function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const root = await mkdtemp(join(tmpdir(), 'tandem-collab-template-'));
    const database = await createDb({ dataDir: join(root, 'pglite') });
    await database.migrate();
    await database.close();
    return root;
  })();
  return template;
}

export async function openChildDatabase(): Promise<ChildDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const scratch = await openTestDatabase({ adminUrl });
    return {
      env: { DATABASE_URL: scratch.url ?? '' },
      async loadDoc(name) {
        return readDoc(await createDocRepository(scratch.database.db).load(name));
      },
      cleanup: () => scratch.cleanup(),
    };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'tandem-collab-'));
  await cp(await pgliteTemplate(), dataDir, { recursive: true });
  return {
    env: { TANDEM_DATA_DIR: dataDir },
    async loadDoc(name) {
      const database = await createDb({ dataDir: join(dataDir, 'pglite') });
      try {
        return readDoc(await createDocRepository(database.db).load(name));
      } finally {
        await database.close();
      }
    },
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** Removes the template (call from `afterAll`). */
export async function removePgliteTemplate(): Promise<void> {
  const pending = template;
  template = null;
  if (pending) await rm(await pending, { recursive: true, force: true });
}

function readDoc(stored: { state: Uint8Array | null; updates: Uint8Array[] }): { doc: Y.Doc; tail: number } {
  const doc = new Y.Doc();
  applyStored(doc, [...(stored.state ? [stored.state] : []), ...stored.updates]);
  return { doc, tail: stored.updates.length };
}

/** Starts `src/main.ts` as its own process and resolves once it listens. */
export async function spawnCollab(options: {
  port: number;
  database: ChildDatabase;
  auth: StaticAuthConfig;
  env?: Record<string, string>;
}): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: COLLAB_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      TANDEM_COLLAB_DEV_AUTH: JSON.stringify(options.auth),
      ...options.database.env,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const started = Date.now();
  while (!output.includes('"collab listening"')) {
    if (child.exitCode !== null || Date.now() - started > 20_000)
      throw new Error(`collab child did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, exited, output: () => output };
}
