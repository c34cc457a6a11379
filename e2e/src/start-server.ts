import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type RunningServer = {
  url: string;
  process: ChildProcess;
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code and how long the shutdown took. */
  stop: () => Promise<{ code: number | null; ms: number }>;
};

const serverDir = fileURLToPath(new URL('../../server', import.meta.url));

function spawnServer(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Boots the real one-process server (`server/src/main.ts`) on a free port. Without `TANDEM_DATA_DIR` in
 * `env` it gets a temporary data dir of its own, removed on stop.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const ownDataDir = env.TANDEM_DATA_DIR ? null : mkdtempSync(join(tmpdir(), 'tandem-e2e-'));
  const child = spawnServer(ownDataDir ? { TANDEM_DATA_DIR: ownDataDir, ...env } : env);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s:\n${output}`)), 30_000);
    const onData = () => {
      const line = output.split('\n').find((candidate) => candidate.includes('"tandem listening"'));
      if (!line) return;
      clearTimeout(timer);
      resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
    };
    child.stdout?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const stop = async () => {
    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await exited;
    if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    return { code, ms: Date.now() - started };
  };
  return { url, process: child, output: () => output, stop };
}

/** Runs the server where it must refuse to start; resolves with its exit code and everything it printed. */
export function runServerToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawnServer(env);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    }),
  );
}
