import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development the API, the collab WebSocket and the health check live on the Node server;
// in production that server also serves this build, so the browser always talks to one origin.
const backend = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true },
  server: {
    proxy: {
      '/trpc': backend,
      '/api': backend,
      '/healthz': backend,
      '/collab': { target: backend, ws: true },
    },
  },
});
