import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A fresh in-memory PGlite runs initdb in WASM (~3 s); a Postgres run creates a database.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
