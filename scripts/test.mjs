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
  // Two cores: more packages at once only makes every PGlite start and timing-sensitive test slower.
  [
    'pnpm',
    ['exec', 'turbo', 'run', 'typecheck', 'test', '--output-logs=new-only', '--continue', '--concurrency=2'],
  ],
];
// A lint failure still lets the tests run, so one run reports everything that is wrong.
let status = 0;
for (const [command, args] of steps) {
  const stepStatus = run(command, args);
  if (stepStatus !== 0 && args[0] === 'scripts/check-node.mjs') process.exit(stepStatus);
  status ||= stepStatus;
}
const summary = run('node', ['scripts/test-summary.mjs']);
process.exit(status || summary);
