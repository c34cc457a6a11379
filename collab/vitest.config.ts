import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Real servers and providers on loopback; the child-process suite restarts servers.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Hocuspocus logs every refused handshake; show console output only for failing tests.
    silent: 'passed-only',
    // Most files wait on sockets and child processes, not the CPU: two workers even on two cores. The
    // kill test runs in its own file, so it overlaps the rest of the suite.
    maxWorkers: 2,
  },
});
