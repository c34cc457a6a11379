import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs every `src/*.bench.ts`: each exports one or more `run…Bench` functions (sync or async), run one
 * after another. `pnpm bench -- <name>…` (or `tsx src/run.ts <name>…`) runs only the bench files whose
 * name (without `.bench.ts`) contains one of the given names, e.g. `pnpm bench -- collab`. When several files
 * match, each runs in a process of its own, so no bench measures the heap, pinned CPUs or leftover work of
 * the one before it.
 */
const srcDir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2).filter((arg) => arg !== '--' && !arg.startsWith('-'));

const files = readdirSync(srcDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort()
  .filter((file) => {
    const name = file.slice(0, -'.bench.ts'.length);
    // `=name` picks exactly that file (how the runner hands each file to its own process).
    return (
      filters.length === 0 ||
      filters.some((filter) => (filter.startsWith('=') ? name === filter.slice(1) : name.includes(filter)))
    );
  });

if (files.length === 0) {
  console.error(`no bench matches ${filters.join(', ')}`);
  process.exit(1);
}

if (files.length > 1) {
  let failed = 0;
  for (const file of files) {
    const name = file.slice(0, -'.bench.ts'.length);
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), `=${name}`],
      {
        stdio: 'inherit',
      },
    );
    if (child.status !== 0) failed++;
  }
  process.exit(failed === 0 ? 0 : 1);
}

for (const file of files) {
  const module: Record<string, unknown> = await import(pathToFileURL(`${srcDir}/${file}`).href);
  const benches = Object.entries(module).filter(
    (entry): entry is [string, () => unknown] =>
      /^run\w*Bench$/.test(entry[0]) && typeof entry[1] === 'function',
  );
  if (benches.length === 0) console.warn(`${file} exports no run…Bench function`);
  for (const [, bench] of benches) await bench();
}

// Pools, sockets or timers a bench left behind must not keep the process alive.
process.exit(process.exitCode ?? 0);
