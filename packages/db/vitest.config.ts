import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // A fresh in-memory PGlite runs initdb in WASM (~3 s); a Postgres run creates a database.
    hookTimeout: 60_000,
    // Generous: CI runs every package at once on few cores, and PGlite on disk is slow to start then.
    testTimeout: 60_000,
  },
});
