import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './chromium';
import { type BrowserSession, openBrowserSession } from './helpers/browser-session';
import {
  adaAndBob,
  eventually,
  type FlowViewport,
  flowViewport,
  nodeIds,
  openWorkflow,
} from './helpers/two-users';
import type { RunningServer } from './start-server';

const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
const VIEWPORT = { width: 1440, height: 900 };

if (!hasChromium) console.info('collab-more e2e skipped: Chromium is missing (see the line above).');

/** input → LLM draft: a prompt both people can type in. */
const DEFINITION = {
  schemaVersion: 2,
  name: 'Follow, undo, offline',
  description: '',
  nodes: [
    {
      id: 'input',
      type: 'input',
      typeVersion: 1,
      position: { x: 0, y: 120 },
      config: { fields: [{ name: 'question', type: 'string', required: true, description: '' }] },
    },
    {
      id: 'draft',
      type: 'llm',
      label: 'Draft answer',
      typeVersion: 1,
      position: { x: 340, y: 120 },
      config: {
        provider: 'mock',
        model: 'mock-small',
        userPrompt: 'Answer: {{inputs.question}}',
        maxTokens: 200,
      },
    },
  ],
  edges: [{ id: 'e1', source: 'input', sourceHandle: 'out', target: 'draft', targetHandle: 'in' }],
};

/** The flow point at the centre of this page's pane, and the zoom: what a follower must show too. */
async function viewCentre(page: Page): Promise<{ x: number; y: number; zoom: number }> {
  const box = await page.locator('.react-flow').boundingBox();
  if (!box) throw new Error('no react flow pane');
  const vp = await flowViewport(page);
  return { x: (box.width / 2 - vp.x) / vp.zoom, y: (box.height / 2 - vp.y) / vp.zoom, zoom: vp.zoom };
}

async function sameView(a: Page, b: Page): Promise<boolean> {
  const [va, vb] = await Promise.all([viewCentre(a), viewCentre(b)]);
  return (
    Math.abs(va.zoom - vb.zoom) < 0.002 &&
    Math.abs(va.x - vb.x) * va.zoom < 2 &&
    Math.abs(va.y - vb.y) * va.zoom < 2
  );
}

/** Pans with the middle button on an empty part of the pane (the left button draws a selection box). */
async function pan(page: Page, dx: number, dy: number): Promise<void> {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no pane');
  const start = { x: box.x + box.width * 0.5, y: box.y + box.height * 0.8 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down({ button: 'middle' });
  await page.mouse.move(start.x + dx, start.y + dy, { steps: 8 });
  await page.mouse.up({ button: 'middle' });
}

async function zoom(page: Page, deltaY: number): Promise<void> {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) throw new Error('no pane');
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.4);
  await page.mouse.wheel(0, deltaY);
}

/** The selected node's user prompt, in the side panel. */
const userPrompt = (page: Page) => page.locator('.panel').getByLabel('User prompt', { exact: true });

async function promptOf(page: Page, nodeId: string): Promise<string> {
  await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
  return userPrompt(page).inputValue();
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

describe.skipIf(!hasChromium)('two people on one workflow: follow, per-user undo, offline', () => {
  let server: RunningServer;
  let session: BrowserSession;
  let ada: Page;
  let bob: Page;
  let bobContext: BrowserContext;
  let url = '';

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    session = await openBrowserSession(VIEWPORT);
    server = session.server;
    [ada, bob] = await Promise.all([session.newPage(), session.newPage()]);
    bobContext = session.contexts[1] as BrowserContext;
    ({ url } = await adaAndBob(
      server.url,
      { ada, bob },
      { workspace: 'Agents team', json: DEFINITION, role: 'editor' },
    ));
    await Promise.all([openWorkflow(ada, url), openWorkflow(bob, url)]);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('B follows A: pans and zooms carry over until B pans by hand', async () => {
    const followAda = bob.getByRole('button', { name: 'Follow Ada Lovelace' });
    await followAda.waitFor({ timeout: 10_000 });
    await followAda.click();
    const stopFollowing = bob.getByRole('button', { name: 'Stop following Ada Lovelace' });
    expect(await stopFollowing.getAttribute('aria-pressed')).toBe('true');

    const bobStart = await flowViewport(bob);
    await pan(ada, -260, -120);
    await eventually(
      async () => (await flowViewport(bob)).x !== bobStart.x && (await sameView(ada, bob)),
      'B’s view to follow A’s pan',
    );
    await zoom(ada, -300);
    await eventually(async () => {
      const b = await flowViewport(bob);
      return b.zoom > bobStart.zoom * 1.05 && (await sameView(ada, bob));
    }, 'B’s view to follow A’s zoom');
    await bob.locator('.follow-frame').getByText('Following Ada Lovelace').waitFor();
    await bob.screenshot({ path: `${artifacts}/follow.png` });

    // B moves the canvas: following stops, and A's next pan leaves B where B is.
    await pan(bob, 180, 90);
    await followAda.waitFor({ timeout: 5_000 });
    expect(await followAda.getAttribute('aria-pressed')).toBe('false');
    expect(await bob.locator('.follow-frame').count()).toBe(0);
    const bobsOwn: FlowViewport = await flowViewport(bob);
    await pan(ada, 200, 0);
    await ada.waitForTimeout(600);
    expect(await flowViewport(bob)).toEqual(bobsOwn);
    expect(await sameView(ada, bob)).toBe(false);
    await bob.screenshot({ path: `${artifacts}/follow-stopped.png` });
  });

  it('per-user undo: A’s Ctrl+Z removes only A’s node, on both screens; Ctrl+Shift+Z brings it back', async () => {
    for (const page of [ada, bob]) await page.keyboard.press('Shift+Digit1');
    const before = await nodeIds(ada);
    await ada.locator('.palette__item--output').click();
    await eventually(async () => (await nodeIds(bob)).length === before.length + 1, 'B to see A’s node');
    const adaNode = (await nodeIds(ada)).find((id) => !before.includes(id));
    await bob.locator('.palette__item--merge').click();
    await eventually(async () => (await nodeIds(ada)).length === before.length + 2, 'A to see B’s node');
    const all = await nodeIds(ada);
    const bobNode = all.find((id) => id !== adaNode && !before.includes(id));
    expect(adaNode).toBeDefined();
    expect(bobNode).toBeDefined();
    expect(await nodeIds(bob)).toEqual(all);

    // Out of any text field, so the shortcut reaches the canvas.
    const pane = await ada.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    await ada.mouse.click(pane.x + pane.width * 0.3, pane.y + pane.height * 0.92);
    await ada.keyboard.press('Control+z');
    const withoutAda = all.filter((id) => id !== adaNode);
    for (const page of [ada, bob]) {
      await eventually(async () => sameList(await nodeIds(page), withoutAda), 'A’s node to be undone');
    }
    expect(withoutAda).toContain(bobNode);
    await ada.screenshot({ path: `${artifacts}/undo-ada.png` });

    await ada.keyboard.press('Control+Shift+z');
    for (const page of [ada, bob]) {
      await eventually(async () => sameList(await nodeIds(page), all), 'A’s node to be redone');
    }
  });

  it('B edits offline while A edits live; back online, both converge and B is Live again', async () => {
    const status = bob.getByTestId('connection-status');
    await bobContext.setOffline(true);
    await status.getByText('Offline').waitFor({ timeout: 10_000 });

    const before = await nodeIds(ada);
    // B, offline: a node and a sentence in the draft prompt.
    await bob.locator('.palette__item--output').click();
    await eventually(async () => (await nodeIds(bob)).length === before.length + 1, 'B’s offline node');
    const bobNode = (await nodeIds(bob)).find((id) => !before.includes(id)) as string;
    await bob.locator('.react-flow__node[data-id="draft"]').click();
    await userPrompt(bob).click();
    await bob.keyboard.press('Control+End');
    await bob.keyboard.type(' Bob offline.', { delay: 10 });

    // A, live: a node and a sentence in the same prompt.
    await ada.locator('.palette__item--merge').click();
    await eventually(async () => (await nodeIds(ada)).length === before.length + 1, 'A’s node');
    const adaNode = (await nodeIds(ada)).find((id) => !before.includes(id)) as string;
    await ada.locator('.react-flow__node[data-id="draft"]').click();
    await userPrompt(ada).click();
    await ada.keyboard.press('Control+End');
    await ada.keyboard.type(' Ada online.', { delay: 10 });

    // Really apart: neither sees the other's edits yet.
    await ada.waitForTimeout(800);
    expect(await nodeIds(ada)).not.toContain(bobNode);
    expect(await nodeIds(bob)).not.toContain(adaNode);
    expect(await userPrompt(ada).inputValue()).not.toContain('Bob offline.');
    await bob.screenshot({ path: `${artifacts}/offline-bob.png` });

    await bobContext.setOffline(false);
    await status.getByText('Live').waitFor({ timeout: 20_000 });
    const expected = [...before, adaNode, bobNode].sort();
    for (const page of [ada, bob]) {
      await eventually(async () => sameList(await nodeIds(page), expected), 'both graphs to converge');
    }
    await eventually(async () => {
      const [a, b] = await Promise.all([userPrompt(ada).inputValue(), userPrompt(bob).inputValue()]);
      return (
        a === b &&
        a.startsWith('Answer: {{inputs.question}}') &&
        a.includes(' Bob offline.') &&
        a.includes(' Ada online.')
      );
    }, 'both prompts to converge with both sentences');
    expect(await promptOf(ada, 'draft')).toBe(await promptOf(bob, 'draft'));
    await bob.screenshot({ path: `${artifacts}/offline-merged.png` });
    await ada.screenshot({ path: `${artifacts}/offline-merged-ada.png` });
    expect(session.pageErrors).toEqual([]);
  });

  it('B’s edits made while the collab server is out of reach survive closing the tab, and reach A once it is back', async () => {
    // Only the collab WebSocket is cut (the page itself still loads), so nothing B does can leave the browser
    // except through the copy y-indexeddb keeps: not even the provider's flush when the tab closes.
    let reachable = false;
    await bobContext.routeWebSocket(
      (address) => address.pathname.startsWith('/collab'),
      (socket) => {
        if (reachable) socket.connectToServer();
        else void socket.close({ code: 1001, reason: 'unreachable' });
      },
    );
    await bob.reload();
    await bob.getByText('Working offline.').waitFor({ timeout: 15_000 });
    const before = await nodeIds(bob);
    await bob.locator('.palette__item--merge').click();
    await eventually(
      async () => (await nodeIds(bob)).length === before.length + 1,
      'B’s node, added offline',
    );
    const bobNode = (await nodeIds(bob)).find((id) => !before.includes(id)) as string;
    // A tab closed a moment after the edit (IndexedDB writes are asynchronous).
    await bob.waitForTimeout(500);
    await bob.close();

    bob = await bobContext.newPage();
    await bob.goto(url);
    await bob.getByText('Working offline.').waitFor({ timeout: 15_000 });
    await eventually(async () => (await nodeIds(bob)).includes(bobNode), 'B’s offline node after reopening');
    expect(await nodeIds(ada)).not.toContain(bobNode);
    await bob.screenshot({ path: `${artifacts}/offline-reopened-bob.png` });

    reachable = true;
    // The browser's `online` event makes the provider reconnect now instead of after its back-off.
    await bobContext.setOffline(true);
    await bobContext.setOffline(false);
    await bob.getByTestId('connection-status').getByText('Live').waitFor({ timeout: 20_000 });
    await eventually(async () => (await nodeIds(ada)).includes(bobNode), 'A to see B’s offline node');
    expect(await nodeIds(ada)).toEqual(await nodeIds(bob));
    expect(session.pageErrors).toEqual([]);
  });
});
