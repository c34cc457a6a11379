import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './chromium';
import { type RunningServer, startServer } from './start-server';

const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));

describe.skipIf(!hasChromium)('the canvas, as a new user opens it', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    [server, browser] = await Promise.all([startServer(), launchChromium()]);
  });

  afterAll(async () => {
    await browser?.close();
    if (server) {
      const { code, ms } = await server.stop();
      expect(code, server.output()).toBe(0);
      expect(ms).toBeLessThan(10_000);
    }
  });

  it('serves /healthz on embedded PGlite', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, db: 'pglite' });
  });

  it('draws the sample workflow on the playground canvas, no account needed', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${server.url}/playground`);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 15_000 });
    const nodeCount = await page.locator('.react-flow__node').count();
    const edgeCount = await page.locator('.react-flow__edge').count();
    expect(nodeCount).toBeGreaterThanOrEqual(5);
    expect(edgeCount).toBeGreaterThanOrEqual(nodeCount - 1);
    for (const type of ['input', 'llm', 'condition', 'output']) {
      expect(await page.locator(`.react-flow__node-${type}`).count(), `a ${type} node`).toBeGreaterThan(0);
    }
    await page.screenshot({ path: `${artifacts}/canvas.png` });
    expect(errors).toEqual([]);
  });

  it('answers an unknown client route with the app, so reloads on deep links work', async () => {
    const response = await fetch(`${server.url}/w/some-workflow`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
  });
});
