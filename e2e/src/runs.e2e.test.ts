import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './chromium';
import { type BrowserSession, openBrowserSession } from './helpers/browser-session';
import { call, openWorkflow, signUp } from './helpers/two-users';
import type { RunningServer } from './start-server';

const shots = process.env.TANDEM_SHOTS_DIR ?? '/tmp/web-shots4';
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

describe.skipIf(!hasChromium)('a run watched live by a collaborator', () => {
  let server: RunningServer;
  let session: BrowserSession;
  let ada: Page;
  let bob: Page;
  let url = '';

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session = await openBrowserSession(VIEWPORT);
    server = session.server;
    [ada, bob] = await Promise.all([session.newPage(), session.newPage()]);
    await signUp(ada, `${server.url}/signup`, 'Ada Lovelace', 'ada@example.com');
    const workspace = (await call(ada, 'workspaces.create', { name: 'Agents team' })) as { id: string };
    const imported = (await call(ada, 'workflows.import', {
      workspaceId: workspace.id,
      json: DEFINITION,
    })) as {
      workflow: { id: string };
    };
    url = `${server.url}/w/${workspace.id}/f/${imported.workflow.id}`;
    const invite = (await call(ada, 'members.invite', { workspaceId: workspace.id, role: 'viewer' })) as {
      path: string;
    };
    await signUp(bob, `${server.url}${invite.path}`, 'Bob Builder', 'bob@example.com');
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
});
