import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './measure';

const resultsDir = fileURLToPath(new URL('../results', import.meta.url));

/** Prints a table and writes bench/results/<name>.json with the machine it ran on. */
export function report(
  name: string,
  description: string,
  baseline: string,
  rows: readonly (BenchRow | Record<string, unknown>)[],
  /** Extra top-level fields for the JSON (e.g. targets met, the store, notes). */
  extra: Record<string, unknown> = {},
): void {
  console.log(`\n${name}: ${description}\nbaseline: ${baseline}`);
  console.table(rows);
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    `${resultsDir}/${name}.json`,
    `${JSON.stringify(
      {
        name,
        description,
        baseline,
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        at: new Date().toISOString(),
        ...extra,
        rows,
      },
      null,
      2,
    )}\n`,
  );
}
