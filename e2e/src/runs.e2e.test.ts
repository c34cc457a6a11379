import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './chromium';
import { type BrowserSession, openBrowserSession } from './helpers/browser-session';
import { adaAndBob, eventually, importWorkflow, nodeIds, openWorkflow } from './helpers/two-users';
import type { RunningServer } from './start-server';

const shots = fileURLToPath(new URL('../artifacts/runs', import.meta.url));
const VIEWPORT = { width: 1440, height: 900 };

if (!hasChromium) console.info('runs e2e skipped: Chromium is missing (see the line above).');

/** input → two mock LLM calls in parallel → merge → output: every node of the run is visible live. */
const DEFINITION = {
  schemaVersion: 2,
  name: 'Answer bot',
  description: '',
  nodes: [
    {
      id: 'input',
      type: 'input',
      typeVersion: 1,
      position: { x: 0, y: 160 },
      config: {
        fields: [
          { name: 'question', type: 'string', required: true, description: 'What was asked.' },
          { name: 'urgent', type: 'boolean', required: false, description: '' },
        ],
      },
    },
    {
      id: 'draft',
      type: 'llm',
      label: 'Draft answer',
      typeVersion: 1,
      position: { x: 320, y: 40 },
      config: {
        provider: 'mock',
        model: 'mock-small',
        userPrompt: 'Answer: {{inputs.question}}',
        maxTokens: 200,
      },
    },
    {
      id: 'tone',
      type: 'llm',
      label: 'Check tone',
      typeVersion: 1,
      position: { x: 320, y: 300 },
      config: {
        provider: 'mock',
        model: 'mock-small',
        userPrompt: 'Tone of: {{inputs.question}}',
        maxTokens: 200,
      },
    },
    { id: 'merge', type: 'merge', typeVersion: 1, position: { x: 660, y: 160 }, config: { mode: 'object' } },
    {
      id: 'answer',
      type: 'output',
      typeVersion: 1,
      position: { x: 960, y: 160 },
      config: { name: 'answer' },
    },
  ],
  edges: [
    { id: 'e1', source: 'input', sourceHandle: 'out', target: 'draft', targetHandle: 'in' },
    { id: 'e2', source: 'input', sourceHandle: 'out', target: 'tone', targetHandle: 'in' },
    { id: 'e3', source: 'draft', sourceHandle: 'out', target: 'merge', targetHandle: 'in' },
    { id: 'e4', source: 'tone', sourceHandle: 'out', target: 'merge', targetHandle: 'in' },
    { id: 'e5', source: 'merge', sourceHandle: 'out', target: 'answer', targetHandle: 'in' },
  ],
};

/** input → one slow, long-streaming mock answer → output: long enough to watch it stream, and to cancel it. */
const SLOW_DEFINITION = {
  schemaVersion: 2,
  name: 'Slow writer',
  description: '',
  nodes: [
    DEFINITION.nodes[0],
    {
      id: 'essay',
      type: 'llm',
      label: 'Write an essay',
      typeVersion: 1,
      position: { x: 320, y: 160 },
      config: {
        provider: 'mock',
        model: 'mock-small',
        userPrompt: 'Essay on {{inputs.question}} [[mock:words=300]] [[mock:latency=15000]]',
        maxTokens: 2000,
      },
    },
    { id: 'out', type: 'output', typeVersion: 1, position: { x: 660, y: 160 }, config: { name: 'essay' } },
  ],
  edges: [
    { id: 'e1', source: 'input', sourceHandle: 'out', target: 'essay', targetHandle: 'in' },
    { id: 'e2', source: 'essay', sourceHandle: 'out', target: 'out', targetHandle: 'in' },
  ],
};

describe.skipIf(!hasChromium)('a run watched live by a collaborator', () => {
  let server: RunningServer;
  let session: BrowserSession;
  let ada: Page;
  let bob: Page;
  let url = '';
  let slowUrl = '';

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session = await openBrowserSession(VIEWPORT);
    server = session.server;
    [ada, bob] = await Promise.all([session.newPage(), session.newPage()]);
    const workflow = await adaAndBob(
      server.url,
      { ada, bob },
      { workspace: 'Agents team', json: DEFINITION, role: 'viewer' },
    );
    url = workflow.url;
    slowUrl = (await importWorkflow(ada, workflow.workspaceId, SLOW_DEFINITION)).url;
  }, 90_000);

  afterAll(async () => {
    await session?.close();
  });

  it('A starts a run from the generated form; B (viewer) sees node status and the timeline live', async () => {
    await Promise.all([openWorkflow(ada, url), openWorkflow(bob, url)]);
    // Viewers watch but cannot start.
    expect(await bob.getByRole('button', { name: 'Run', exact: true }).count()).toBe(0);

    // B keeps the runs panel open (a finished run stays on the nodes only while it is).
    await bob.locator('.run-panel__toggle').click();
    await ada.getByRole('button', { name: 'Run', exact: true }).click();
    await ada.getByLabel(/question/).fill('How do I reset my password?');
    await ada.getByLabel(/urgent/).check();
    await ada.screenshot({ path: `${shots}/01-run-form.png` });
    await ada.getByRole('button', { name: 'Start run' }).click();

    // B did nothing: the run arrives through the shared runs document.
    await bob.locator('.tnode[data-run-status]').first().waitFor({ timeout: 20_000 });
    await bob.locator('.timeline__row').first().waitFor({ timeout: 20_000 });
    await bob.screenshot({ path: `${shots}/02-viewer-watching-live.png` });
    await bob.getByTestId('run-status').getByText('Succeeded').waitFor({ timeout: 30_000 });
    const statuses = await bob
      .locator('.tnode[data-run-status]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-run-status')));
    expect(statuses.length).toBe(5);
    expect(statuses.every((status) => status === 'done')).toBe(true);
    expect(await bob.locator('.timeline__row').count()).toBe(5);
    expect(await bob.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);
    await bob.locator('.timeline__row[data-node-id="draft"]').click();
    await bob.locator('.run-output__text').waitFor();
    await bob.screenshot({ path: `${shots}/03-viewer-run-finished-output.png` });
  }, 90_000);

  it('A starts a slow run: B sees it running and streaming live; A cancels it and both see it stop', async () => {
    await Promise.all([openWorkflow(ada, slowUrl), openWorkflow(bob, slowUrl)]);
    await bob.locator('.run-panel__toggle').click();
    await ada.getByRole('button', { name: 'Run', exact: true }).click();
    await ada.getByLabel(/question/).fill('otters');
    await ada.getByRole('button', { name: 'Start run' }).click();

    const essayOn = (page: Page) => page.locator('.react-flow__node[data-id="essay"] .tnode');
    await bob
      .locator('.react-flow__node[data-id="essay"] .tnode[data-run-status="streaming"]')
      .waitFor({ timeout: 20_000 });
    await bob.getByTestId('run-status').getByText('Running').waitFor();
    await bob.locator('.timeline__row[data-node-id="essay"]').click();
    const streamed = bob.locator('.run-output__text');
    await streamed.waitFor();
    const early = (await streamed.textContent()) ?? '';
    await eventually(
      async () => ((await streamed.textContent()) ?? '').length > early.length,
      'the text to grow',
    );
    await bob.screenshot({ path: `${shots}/03a-viewer-watching-stream.png` });
    // Viewers watch; only people who may run may cancel.
    expect(await bob.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);

    // A's panel opened when A started the run.
    await ada.getByRole('button', { name: 'Cancel run' }).click();
    for (const page of [ada, bob])
      await page.getByTestId('run-status').getByText('Cancelled').waitFor({ timeout: 15_000 });
    expect(await essayOn(bob).getAttribute('data-run-status')).not.toBe('done');
    await bob.screenshot({ path: `${shots}/03b-viewer-sees-cancelled.png` });
    // Back to the first workflow as the first test left it: both runs panels open.
    await Promise.all([openWorkflow(ada, url), openWorkflow(bob, url)]);
    for (const page of [ada, bob]) await page.locator('.run-panel__toggle').click();
  }, 90_000);

  it('B (viewer) comments on a node; A sees the pin and an unread count', async () => {
    await bob.keyboard.press('c');
    await bob.locator('.react-flow__node-llm').first().click();
    await bob.getByLabel('Add a comment… (@ to mention)').fill('Should this be more formal? @Ad');
    await bob.getByRole('option', { name: /Ada Lovelace/ }).waitFor();
    await bob.screenshot({ path: `${shots}/04-comment-mention-autocomplete.png` });
    await bob.keyboard.press('Enter');
    await bob.keyboard.press('Enter');
    await bob.locator('.comments-panel .thread').first().waitFor();
    await ada.getByTestId('unread-count').getByText('1').waitFor({ timeout: 10_000 });
    await ada.locator('.comment-pin').first().waitFor();
    await ada.screenshot({ path: `${shots}/05-author-sees-pin-and-unread.png` });
    await ada.locator('.comment-pin').first().click();
    await ada.locator('.comments-panel .mention').waitFor();
    await ada.getByLabel('Reply… (@ to mention)').fill('Agreed, will fix.');
    await ada.keyboard.press('Enter');
    await bob.getByText('Agreed, will fix.').waitFor({ timeout: 10_000 });
    await ada.screenshot({ path: `${shots}/06-thread-open-with-reply.png` });
  }, 60_000);

  it('A comments on a step of the run; B sees it anchored there; resolving and reopening reach B too', async () => {
    await ada.locator('.timeline__row[data-node-id="draft"]').click();
    const adaOutput = ada.getByRole('region', { name: 'Output of Draft answer' });
    await adaOutput.getByRole('button', { name: 'Comment' }).click();
    await ada.getByLabel('Add a comment… (@ to mention)').fill('Too long for a first reply.');
    await ada.keyboard.press('Enter');

    const threadOn = (page: Page) =>
      page.locator('.comments-panel .thread', { hasText: 'Too long for a first reply.' });
    await threadOn(bob).waitFor({ timeout: 10_000 });
    expect(await threadOn(bob).locator('.thread__anchor').textContent()).toMatch(
      /^Run \S{6} · Draft answer$/,
    );
    await bob.locator('.timeline__row[data-node-id="draft"]').click();
    await bob
      .getByRole('region', { name: 'Output of Draft answer' })
      .getByRole('button', { name: '1 comment' })
      .waitFor();
    await bob.screenshot({ path: `${shots}/06b-run-step-comment.png` });

    if ((await threadOn(ada).getAttribute('class'))?.includes('is-open') !== true)
      await threadOn(ada).locator('.thread__summary').click();
    await threadOn(ada).getByRole('button', { name: 'Resolve' }).click();
    await eventually(async () => (await threadOn(bob).count()) === 0, 'the thread to leave B’s open threads');
    await bob.getByRole('tab', { name: /Resolved/ }).click();
    await threadOn(bob).waitFor({ timeout: 10_000 });
    await ada.getByRole('tab', { name: /Resolved/ }).click();
    await threadOn(ada).getByRole('button', { name: 'Reopen' }).click();
    await eventually(
      async () => (await threadOn(bob).count()) === 0,
      'the thread to leave B’s resolved threads',
    );
    for (const page of [ada, bob]) await page.getByRole('tab', { name: /Open/ }).click();
    await threadOn(bob).waitFor({ timeout: 10_000 });
  }, 60_000);

  it('a comment pin moves with its node', async () => {
    const pin = bob.locator('.comment-pin').first();
    await pin.waitFor();
    const before = await pin.boundingBox();
    const header = await ada.locator('.react-flow__node[data-id="draft"] .tnode').boundingBox();
    if (!before || !header) throw new Error('no pin or node');
    await ada.mouse.move(header.x + 40, header.y + 14);
    await ada.mouse.down();
    await ada.mouse.move(header.x + 140, header.y + 74, { steps: 8 });
    await ada.mouse.up();
    await eventually(async () => {
      const after = await pin.boundingBox();
      return after !== null && after.x > before.x + 50 && after.y > before.y + 25;
    }, 'B’s pin to follow the node A moved');
  }, 30_000);

  it('A saves a version, edits the draft, and sees the diff on the canvas', async () => {
    await ada.getByRole('button', { name: 'Versions', exact: true }).click();
    // The run saved the draft as version 1 already: saving the unchanged draft keeps it.
    await ada.locator('.version__number').getByText('v1').waitFor({ timeout: 10_000 });
    await ada.getByLabel('Version name').fill('Unchanged');
    await ada.getByRole('button', { name: 'Save version' }).click();
    await ada.getByText('Nothing changed since version 1; it was kept.').waitFor({ timeout: 10_000 });
    // Delete the tone node, then compare with the saved version.
    await ada.getByRole('button', { name: 'Versions', exact: true }).click();
    await ada.locator('.run-panel__toggle').click();
    await ada.keyboard.press('v');
    await ada.keyboard.press('Shift+Digit1');
    await ada.waitForTimeout(400);
    await ada.locator('.react-flow__node-llm', { hasText: 'Check tone' }).click();
    await ada.keyboard.press('Delete');
    await ada.locator('.react-flow__node-llm', { hasText: 'Draft answer' }).click();
    await ada.locator('.panel textarea').first().click();
    await ada.keyboard.press('End');
    await ada.keyboard.type(' Be brief.');
    await ada.getByRole('button', { name: 'Versions', exact: true }).click();
    await ada.locator('.version__main').first().click();
    await ada.locator('.tnode[data-diff="removed"]').waitFor({ timeout: 10_000 });
    await ada.locator('.tnode[data-diff="changed"]').waitFor();
    await ada.screenshot({ path: `${shots}/07-version-diff-on-canvas.png` });
    await bob.getByRole('button', { name: 'Versions', exact: true }).click();
    await bob.locator('.version__main').first().waitFor();
    expect(await bob.getByRole('button', { name: 'Restore' }).count()).toBe(0);
  }, 60_000);

  it('A restores version 1 for everyone, undoes and redoes the restore, and pins it', async () => {
    const withTone = ['answer', 'draft', 'input', 'merge', 'tone'];
    expect(await nodeIds(ada)).not.toContain('tone');
    const v1 = ada.locator('.version', { has: ada.locator('.version__number', { hasText: 'v1' }) });
    await v1.getByRole('button', { name: 'Restore' }).click();
    await ada.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    for (const page of [ada, bob])
      await eventually(
        async () => (await nodeIds(page)).join() === withTone.join(),
        'version 1 on every canvas',
      );
    await ada.screenshot({ path: `${shots}/08-version-restored.png` });

    // One Ctrl+Z takes the whole restore back (it is A's own edit), for everyone.
    const pane = await ada.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    await ada.mouse.click(pane.x + pane.width * 0.3, pane.y + pane.height * 0.92);
    await ada.keyboard.press('Control+z');
    for (const page of [ada, bob])
      await eventually(async () => !(await nodeIds(page)).includes('tone'), 'the restore to be undone');
    await ada.keyboard.press('Control+Shift+z');
    for (const page of [ada, bob])
      await eventually(
        async () => (await nodeIds(page)).join() === withTone.join(),
        'the restore to be redone',
      );

    await v1.getByRole('button', { name: 'Pin' }).click();
    await ada.getByText('The HTTP trigger now runs version 1.').waitFor({ timeout: 10_000 });
    await v1.locator('.badge--pinned').waitFor();
    // Pinning is stored: it is there after a reload.
    await openWorkflow(ada, url);
    await ada.getByRole('button', { name: 'Versions', exact: true }).click();
    await ada
      .locator('.version', { has: ada.locator('.version__number', { hasText: 'v1' }) })
      .locator('.badge--pinned')
      .waitFor({ timeout: 10_000 });
    await ada.screenshot({ path: `${shots}/09-version-pinned.png` });
  }, 60_000);

  it('showed no page errors and logged no console errors', () => {
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});
