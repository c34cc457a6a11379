import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs every `src/*.bench.ts`: each exports one or more `run…Bench` functions (sync or async), run one
 * after another. `pnpm bench -- <name>…` (or `tsx src/run.ts <name>…`) runs only the bench files whose
 * name (without `.bench.ts`) contains one of the given names, e.g. `pnpm bench -- collab`.
 */
const srcDir = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2).filter((arg) => arg !== '--' && !arg.startsWith('-'));

const files = readdirSync(srcDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort()
  .filter((file) => {
    const name = file.slice(0, -'.bench.ts'.length);
    return filters.length === 0 || filters.some((filter) => name.includes(filter));
  });

if (files.length === 0) {
  console.error(`no bench matches ${filters.join(', ')}`);
  process.exit(1);
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
