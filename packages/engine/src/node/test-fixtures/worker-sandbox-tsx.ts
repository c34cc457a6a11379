// Run by worker-sandbox.test.ts as `node --import tsx` (the way the server starts) to prove the worker entry
// loads from TypeScript source there too. Prints one JSON line. The first `run` is made while the worker is
// still starting, so it also proves a waiting job keeps the process alive.
import { createWorkerCodeSandbox } from '@tandem/engine/node';
import type { NodeFailure } from '../../errors';

const sandbox = createWorkerCodeSandbox({ size: 1 });
const base = {
  inputs: { n: 20 },
  nodes: {},
  timeoutMs: 300,
  memoryLimitBytes: 32 * 1024 * 1024,
  maxStackSizeBytes: 512 * 1024,
  maxOutputBytes: 10_000,
};
const value = await sandbox.run({ ...base, source: 'return inputs.n * 2 + 2;' });
const started = performance.now();
const failure = await sandbox
  .run({ ...base, source: 'const a = []; for (let i = 0;; i++) a.push("x".repeat(1 << 20) + i);' })
  .then(
    () => null,
    (error: NodeFailure) => ({ kind: error.kind, message: error.message }),
  );
const elapsedMs = performance.now() - started;
// With --no-close the process must still exit by itself: idle workers do not hold it open.
if (!process.argv.includes('--no-close')) await sandbox.close();
console.log(JSON.stringify({ value, failure, elapsedMs, workers: sandbox.stats().workers }));
