import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './chromium';
import { type BrowserSession, openBrowserSession } from './helpers/browser-session';
import { adaAndBob, call, eventually, openWorkflow } from './helpers/two-users';
import type { RunningServer } from './start-server';

const shots = fileURLToPath(new URL('../artifacts/admin', import.meta.url));
const VIEWPORT = { width: 1440, height: 900 };

if (!hasChromium) console.info('workspace admin e2e skipped: Chromium is missing (see the line above).');

/** input → template → output: a workflow the HTTP trigger can run without any model. */
const ECHO = {
  schemaVersion: 2,
  name: 'Echo',
  description: '',
  nodes: [
    {
      id: 'input',
      type: 'input',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { fields: [{ name: 'text', type: 'string', required: true, description: '' }] },
    },
    {
      id: 'say',
      type: 'template',
      typeVersion: 1,
      position: { x: 300, y: 0 },
      config: { template: 'You said {{inputs.text}}' },
    },
    { id: 'out', type: 'output', typeVersion: 1, position: { x: 600, y: 0 }, config: { name: 'reply' } },
  ],
  edges: [
    { id: 'e1', source: 'input', sourceHandle: 'out', target: 'say', targetHandle: 'in' },
    { id: 'e2', source: 'say', sourceHandle: 'out', target: 'out', targetHandle: 'in' },
  ],
};

describe.skipIf(!hasChromium)('an owner running a workspace', () => {
  let server: RunningServer;
  let session: BrowserSession;
  let ada: Page;
  let bob: Page;
  let workspaceId = '';
  let workflowId = '';
  let workflowUrl = '';
  const settings = () => `${server.url}/w/${workspaceId}/settings`;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session = await openBrowserSession(VIEWPORT);
    server = session.server;
    [ada, bob] = await Promise.all([session.newPage(), session.newPage()]);
    const workflow = await adaAndBob(
      server.url,
      { ada, bob },
      { workspace: 'Support', json: ECHO, role: 'editor' },
    );
    ({ workspaceId, workflowId, url: workflowUrl } = workflow);
    const saved = (await call(ada, 'versions.create', { workflowId, name: 'first' })) as {
      version: { id: string };
    };
    await call(ada, 'versions.pin', { workflowId, versionId: saved.version.id });
  }, 90_000);

  afterAll(async () => {
    await session?.close();
  });

  const trigger = (key: string) =>
    fetch(`${server.url}/api/workflows/${workflowId}/runs?wait=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: { text: 'hello' } }),
    });

  it('creates an API key that calls the HTTP trigger, then revokes it and the call is refused', async () => {
    await ada.goto(settings());
    await ada.getByLabel('API key name').fill('support-bot');
    await ada.getByRole('button', { name: 'Create key' }).click();
    const key = (
      (await ada.getByLabel('New API key support-bot').getByTestId('secret-value').textContent()) ?? ''
    ).trim();
    expect(key).toMatch(/^tdm_/);
    await ada.screenshot({ path: `${shots}/01-api-key-created.png` });

    const answered = await trigger(key);
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({
      status: 'succeeded',
      outputs: { reply: 'You said hello' },
    });

    // The key is shown once: after a reload only its prefix and last four are left.
    await ada.reload();
    const row = ada
      .getByRole('list', { name: 'API keys' })
      .getByRole('listitem')
      .filter({ hasText: 'support-bot' });
    await row.getByText(/used /).waitFor({ timeout: 10_000 });
    expect(await ada.content()).not.toContain(key);
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText(/revoked /).waitFor({ timeout: 10_000 });
    expect((await trigger(key)).status).toBe(401);
  }, 60_000);

  it('stores a provider key encrypted: the page shows its last four, never the key, and deletes it', async () => {
    const secret = 'sk-live-very-secret-4321';
    await ada.goto(settings());
    await ada.getByLabel('Provider', { exact: true }).selectOption('openai-compatible');
    await ada.getByLabel('Base URL').fill('http://127.0.0.1:11434/v1');
    await ada.getByLabel('API key', { exact: true }).fill(secret);
    await ada.getByRole('button', { name: 'Save key' }).click();
    const row = ada.getByTestId('credential-row').filter({ hasText: 'http://127.0.0.1:11434/v1' });
    await row.getByText('…4321').waitFor({ timeout: 10_000 });
    await ada.reload();
    await row.waitFor({ timeout: 10_000 });
    expect(await ada.content()).not.toContain(secret);
    await ada.screenshot({ path: `${shots}/02-provider-key-saved.png` });
    await row.getByRole('button', { name: 'Delete' }).click();
    const confirm = ada.getByRole('dialog');
    if (await confirm.count()) await confirm.getByRole('button', { name: /Delete/ }).click();
    await eventually(async () => (await row.count()) === 0, 'the provider key to be deleted');
  }, 60_000);

  it('demotes an editor who has the canvas open: it turns read-only for them within seconds', async () => {
    await openWorkflow(bob, workflowUrl);
    expect(await bob.getByText('View only').count()).toBe(0);
    await ada.goto(settings());
    await ada.getByLabel('Role of Bob Builder').selectOption('viewer');
    await bob.getByText('View only').waitFor({ timeout: 8_000 });
    await bob.screenshot({ path: `${shots}/03-demoted-editor-read-only.png` });
    // And the server agrees: an edit from the page changes nothing for anyone.
    const before = await bob.locator('.react-flow__node').count();
    await bob.keyboard.press('Shift+Digit1');
    expect(await bob.locator('.palette__item--output').count()).toBe(0);
    expect(await bob.locator('.react-flow__node').count()).toBe(before);
  }, 60_000);

  it('removes a member: their canvas loses access and the workspace leaves their list', async () => {
    await ada
      .getByTestId('member-row')
      .filter({ hasText: 'Bob Builder' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await ada.getByRole('dialog').getByRole('button', { name: 'Remove member' }).click();
    await eventually(
      async () => (await ada.getByTestId('member-row').filter({ hasText: 'Bob Builder' }).count()) === 0,
      'Bob to leave the member list',
    );
    await bob.getByText('You no longer have access').waitFor({ timeout: 8_000 });
    expect(await bob.getByTestId('connection-status').textContent()).not.toContain('Live');
    await bob.screenshot({ path: `${shots}/04-removed-member.png` });
    const list = await bob.evaluate(async () => {
      const response = await fetch('/trpc/workspaces.list');
      return ((await response.json()) as { result: { data: { id: string }[] } }).result.data;
    });
    expect(list.map((entry) => entry.id)).not.toContain(workspaceId);
  }, 60_000);

  it('renames, duplicates and deletes workflows from the list', async () => {
    await ada.goto(`${server.url}/w/${workspaceId}`);
    const actions = (name: string) => ada.getByRole('button', { name: `Actions for ${name}` });
    await actions('Echo').click();
    await ada.getByRole('menuitem', { name: 'Rename' }).click();
    await ada.getByLabel('Workflow name', { exact: true }).fill('Echo bot');
    await ada.getByLabel('Workflow name', { exact: true }).press('Enter');
    await ada.getByRole('link', { name: 'Echo bot' }).waitFor({ timeout: 10_000 });

    await actions('Echo bot').click();
    await ada.getByRole('menuitem', { name: 'Duplicate' }).click();
    await ada.getByRole('link', { name: /Echo bot \(copy\)/ }).waitFor({ timeout: 10_000 });
    await ada.screenshot({ path: `${shots}/05-workflow-list.png` });

    await actions('Echo bot (copy)').click();
    await ada.getByRole('menuitem', { name: 'Delete…' }).click();
    await ada
      .getByRole('dialog')
      .getByRole('button', { name: /Delete/ })
      .click();
    await eventually(
      async () => (await ada.getByRole('link', { name: /Echo bot \(copy\)/ }).count()) === 0,
      'the copy to be deleted',
    );
    expect(await ada.getByRole('link', { name: 'Echo bot' }).count()).toBe(1);
  }, 60_000);

  it('showed no page errors and logged no console errors', () => {
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});
