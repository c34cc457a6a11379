import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './chromium';
import { type BrowserSession, openBrowserSession } from './helpers/browser-session';
import { adaAndBob, eventually, nodeIds, openWorkflow } from './helpers/two-users';

const shots = fileURLToPath(new URL('../artifacts/canvas', import.meta.url));
const VIEWPORT = { width: 1440, height: 900 };

if (!hasChromium) console.info('canvas editing e2e skipped: Chromium is missing (see the line above).');

/** Two nodes, one edge: small enough to reason about every id. */
const START = {
  schemaVersion: 2,
  name: 'Sketch',
  description: '',
  nodes: [
    { id: 'in', type: 'input', typeVersion: 1, position: { x: 0, y: 0 }, config: { fields: [] } },
    { id: 'out', type: 'output', typeVersion: 1, position: { x: 420, y: 0 }, config: { name: 'result' } },
  ],
  edges: [{ id: 'e1', source: 'in', sourceHandle: 'out', target: 'out', targetHandle: 'in' }],
};

type Box = { id: string; x: number; y: number; width: number; height: number };

/** Where each node is drawn, in screen pixels. */
async function boxes(page: Page): Promise<Box[]> {
  return page.locator('.react-flow__node').evaluateAll((nodes) =>
    nodes.map((node) => {
      const rect = node.getBoundingClientRect();
      return {
        id: node.getAttribute('data-id') ?? '',
        x: rect.x,
        y: rect.y,
        width: rect.width,
        height: rect.height,
      };
    }),
  );
}

/** Flow positions as the shared document holds them (the node's transform), by id. */
async function positions(page: Page): Promise<Record<string, string>> {
  const entries = await page
    .locator('.react-flow__node')
    .evaluateAll((nodes) =>
      nodes.map(
        (node) =>
          [
            node.getAttribute('data-id') ?? '',
            (node as unknown as { style: { transform: string } }).style.transform,
          ] as const,
      ),
    );
  return Object.fromEntries(entries);
}

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function clickEmptyCanvas(page: Page): Promise<void> {
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  await page.mouse.click(pane.x + pane.width * 0.5, pane.y + pane.height * 0.85);
}

describe.skipIf(!hasChromium)('editing the canvas the way power users do', () => {
  let session: BrowserSession;
  let ada: Page;
  let bob: Page;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session = await openBrowserSession(VIEWPORT);
    const { server } = session;
    [ada, bob] = await Promise.all([session.newPage(), session.newPage()]);
    const { url } = await adaAndBob(
      server.url,
      { ada, bob },
      { workspace: 'Sketches', json: START, role: 'viewer' },
    );
    await Promise.all([openWorkflow(ada, url), openWorkflow(bob, url)]);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('adds a node by searching the palette from the keyboard', async () => {
    await clickEmptyCanvas(ada);
    await ada.keyboard.press('/');
    await ada.keyboard.type('cond');
    await ada.getByRole('option', { name: /Condition/ }).waitFor();
    expect(await ada.getByRole('listbox', { name: 'Node types' }).getByRole('option').count()).toBe(1);
    await ada.keyboard.press('Enter');
    for (const page of [ada, bob])
      await page.locator('.react-flow__node-condition').waitFor({ timeout: 10_000 });
  });

  it('drops a node where it is dragged from the palette', async () => {
    const pane = await ada.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    const drop = { x: pane.x + pane.width * 0.7, y: pane.y + pane.height * 0.7 };
    await ada.locator('.palette__item--http').dragTo(ada.locator('.react-flow__pane'), {
      targetPosition: { x: drop.x - pane.x, y: drop.y - pane.y },
    });
    const http = ada.locator('.react-flow__node-http');
    await http.waitFor({ timeout: 10_000 });
    const box = await http.boundingBox();
    if (!box) throw new Error('no http node');
    // The node lands under the pointer (within its own size).
    expect(Math.abs(box.x - drop.x)).toBeLessThan(box.width);
    expect(Math.abs(box.y - drop.y)).toBeLessThan(box.height);
    await bob.locator('.react-flow__node-http').waitFor({ timeout: 10_000 });
  });

  it('selects everything, copies and pastes it as new nodes everyone sees', async () => {
    const before = await nodeIds(ada);
    await clickEmptyCanvas(ada);
    await ada.keyboard.press('Control+a');
    await eventually(
      async () => (await ada.locator('.react-flow__node.selected').count()) === before.length,
      'every node to be selected',
    );
    await ada.keyboard.press('Control+c');
    await ada.keyboard.press('Control+v');
    for (const page of [ada, bob])
      await eventually(async () => (await nodeIds(page)).length === before.length * 2, 'the pasted copies');
    const after = await nodeIds(ada);
    expect(after.filter((id) => before.includes(id)).sort()).toEqual(before);
    // The copies are the ones selected now, and their edge came along.
    expect(await ada.locator('.react-flow__node.selected').count()).toBe(before.length);
    expect(await ada.locator('.react-flow__edge').count()).toBe(2);
    await ada.screenshot({ path: `${shots}/01-pasted.png` });
  });

  it('tidies the graph up into a layout without overlaps, for everyone', async () => {
    const before = await positions(ada);
    await clickEmptyCanvas(ada);
    await ada.keyboard.press('Shift+KeyL');
    await eventually(
      async () => JSON.stringify(await positions(ada)) !== JSON.stringify(before),
      'a new layout',
    );
    await eventually(
      async () => JSON.stringify(await positions(bob)) === JSON.stringify(await positions(ada)),
      'B to see the same layout',
    );
    const laid = await boxes(ada);
    for (const [i, a] of laid.entries())
      for (const b of laid.slice(i + 1)) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    await ada.screenshot({ path: `${shots}/02-tidied.png` });
  });

  it('zooms in, then zooms to fit every node back on screen; the minimap shows them all', async () => {
    const pane = await ada.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    for (let i = 0; i < 6; i++) await ada.getByRole('button', { name: 'Zoom in' }).click();
    const onScreen = async () =>
      (await boxes(ada)).every(
        (box) =>
          box.x >= pane.x &&
          box.y >= pane.y &&
          box.x + box.width <= pane.x + pane.width &&
          box.y + box.height <= pane.y + pane.height,
      );
    expect(await onScreen()).toBe(false);
    await ada.getByRole('button', { name: 'Zoom to fit' }).click();
    await eventually(onScreen, 'every node to be on screen');
    expect(await ada.locator('.react-flow__minimap-node').count()).toBe((await nodeIds(ada)).length);
    await ada.screenshot({ path: `${shots}/03-zoomed-to-fit.png` });
  });

  it('zoomed far out, draws each card as a block in its colour, and brings the text back on zooming in', async () => {
    const label = ada.locator('.react-flow__node .tnode__label').first();
    // The e2e package has no DOM types: the callback runs in the page, where getComputedStyle exists.
    const labelVisibility = () =>
      label.evaluate(
        (element) =>
          (
            globalThis as unknown as { getComputedStyle(of: unknown): { visibility: string } }
          ).getComputedStyle(element).visibility,
      );
    expect(await labelVisibility()).toBe('visible');
    for (let i = 0; i < 8; i++) await ada.getByRole('button', { name: 'Zoom out' }).click();
    await eventually(
      async () => (await labelVisibility()) === 'hidden',
      'card text to be hidden when zoomed out',
    );
    // The cards keep their size, so edges still meet them.
    const far = await boxes(ada);
    expect(far.every((box) => box.width > 0 && box.height > 0)).toBe(true);
    await ada.screenshot({ path: `${shots}/04-zoomed-out.png` });
    await ada.getByRole('button', { name: 'Zoom to fit' }).click();
    await eventually(async () => (await labelVisibility()) === 'visible', 'card text to be back at fit zoom');
  });

  it('showed no page errors and logged no console errors', () => {
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});
