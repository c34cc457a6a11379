// The file `new Worker` starts for the worker sandbox. When the engine runs from its TypeScript source, the
// worker needs a TypeScript loader: under `node --import tsx` (or the `tsx` CLI) the worker inherits the
// parent's execArgv and so tsx already; under vitest (whose transform does not reach worker threads) the
// pool asks this bootstrap to register tsx itself. Then it imports the real entry.
import { workerData } from 'node:worker_threads';

const { entry, registerTsx } = workerData;
if (registerTsx) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(entry);
