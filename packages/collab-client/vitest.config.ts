import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Real Hocuspocus servers and providers on loopback.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
