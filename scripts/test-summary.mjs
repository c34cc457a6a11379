// Prints one closing line over every package's vitest run: "N passed, N failed, N skipped".
// Each package's test script writes .test-results/vitest.json; `--clean` removes old ones before a run.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const folders = ['apps', 'packages'].flatMap((dir) =>
  existsSync(join(root, dir)) ? readdirSync(join(root, dir)).map((name) => join(dir, name)) : [],
);
folders.push('server', 'collab', 'e2e', 'bench');
const files = folders.map((folder) => join(root, folder, '.test-results', 'vitest.json')).filter(existsSync);

if (process.argv.includes('--clean')) {
  for (const file of files) rmSync(file);
  process.exit(0);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += report.numFailedTests ?? 0;
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
if (passed === 0 || failed > 0) process.exit(1);
