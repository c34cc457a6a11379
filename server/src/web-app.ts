import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Env, Hono } from 'hono';

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Tandem</title>
<body style="font-family:system-ui;background:#0f1115;color:#e6e8ee;padding:3rem">
<h1>Tandem's web app is not built yet</h1>
<p>Run <code>pnpm start</code> from the repository root: it builds the web app, then starts the server.</p>`;

/**
 * Serves the built single-page app: real files as they are, every other GET that is not an API path gets
 * index.html so client-side routes survive a reload.
 */
export function serveWebApp<E extends Env>(app: Hono<E>, webDist: string): void {
  const indexPath = join(webDist, 'index.html');
  // serveStatic resolves `root` against the working directory, so hand it a relative path.
  const root = relative(process.cwd(), webDist) || '.';

  app.use('/*', serveStatic({ root }));
  app.get('*', async (c) => {
    if (!existsSync(indexPath)) return c.html(NOT_BUILT, 503);
    return c.html(await readFile(indexPath, 'utf8'));
  });
}
