// The README's test command: lint, typecheck and every package's tests through turbo, then one
// closing line counting them all. Exits non-zero if any step failed.
import { spawnSync } from 'node:child_process';

// turbo sends telemetry unless told not to.
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };
const run = (command, args) => spawnSync(command, args, { stdio: 'inherit', env }).status ?? 1;

const steps = [
  ['node', ['scripts/check-node.mjs']],
  ['node', ['scripts/test-summary.mjs', '--clean']],
  ['pnpm', ['exec', 'biome', 'check', '.']],
  ['pnpm', ['exec', 'turbo', 'run', 'typecheck', 'test', '--output-logs=new-only', '--continue']],
];
let status = 0;
for (const [command, args] of steps) {
  status = run(command, args);
  if (status !== 0 && command === 'node' && args[0] === 'scripts/check-node.mjs') process.exit(status);
  if (status !== 0) break;
}
const summary = run('node', ['scripts/test-summary.mjs']);
process.exit(status || summary);
