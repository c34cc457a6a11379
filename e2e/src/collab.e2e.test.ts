import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from './chromium';
import { type BrowserSession, openBrowserSession } from './helpers/browser-session';
import { eventually, openWorkflow, signUp } from './helpers/two-users';
import type { RunningServer } from './start-server';

const artifacts = fileURLToPath(new URL('../artifacts', import.meta.url));
const VIEWPORT = { width: 1440, height: 900 };

if (!hasChromium) console.info('collab e2e skipped: Chromium is missing (see the line above).');

/** Signs up in a fresh browser context; `from` is where the flow starts (an invitation link, or /signup). */
async function inviteLink(page: Page, workspaceId: string, role: 'editor' | 'viewer'): Promise<string> {
  await page.goto(`${new URL(page.url()).origin}/w/${workspaceId}/settings`);
  await page.getByLabel('Role for the invitation').selectOption(role);
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await page.getByTestId('secret-value').textContent();
  if (!link) throw new Error('no invitation link shown');
  return link.trim();
}

describe.skipIf(!hasChromium)('two people on one workflow, live', () => {
  let server: RunningServer;
  let session: BrowserSession;
  let ada: Page;
  let bob: Page;
  let cleo: Page;
  let workflowUrl = '';

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    session = await openBrowserSession(VIEWPORT);
    server = session.server;
    [ada, bob, cleo] = await Promise.all([session.newPage(), session.newPage(), session.newPage()]);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('A signs up, creates a workspace and a workflow, and invites B (editor) and C (viewer)', async () => {
    await signUp(ada, `${server.url}/signup`, 'Ada Lovelace', 'ada@example.com');
    await ada.locator('.switcher').click();
    await ada.getByRole('menuitem', { name: '+ New workspace' }).click();
    await ada.getByLabel('New workspace name').fill('Agents team');
    await ada.getByRole('button', { name: 'Create', exact: true }).click();
    await ada.getByText('Agents team · you are an owner').waitFor();
    const workspaceId = new URL(ada.url()).pathname.split('/')[2] ?? '';
    await ada.getByLabel('New workflow name').fill('Triage bot');
    await ada.getByRole('button', { name: '+ New workflow' }).click();
    await ada.locator('.react-flow').waitFor({ timeout: 20_000 });
    workflowUrl = ada.url();

    const editorLink = await inviteLink(ada, workspaceId, 'editor');
    const viewerLink = await inviteLink(ada, workspaceId, 'viewer');
    expect(editorLink).toContain('/invite/');

    // Signed out, an invitation goes through signup and is accepted straight after.
    await signUp(bob, editorLink, 'Bob Builder', 'bob@example.com');
    await bob.getByText('Agents team · you are an editor').waitFor({ timeout: 20_000 });
    await signUp(cleo, viewerLink, 'Cleo Viewer', 'cleo@example.com');
    await cleo.getByText('Agents team · you are a viewer (view only)').waitFor({ timeout: 20_000 });
  });

  it('A adds and connects nodes; B sees them', async () => {
    await openWorkflow(ada, workflowUrl, { mayBeEmpty: true });
    await openWorkflow(bob, workflowUrl, { mayBeEmpty: true });
    await ada.locator('.palette__item--input').click();
    await ada.locator('.react-flow__node-input').waitFor();
    await ada.locator('.palette__item--llm').click();
    await ada.locator('.react-flow__node-llm').waitFor();
    // Move the LLM node clear of the input node, then draw the connection handle to handle.
    const llm = ada.locator('.react-flow__node-llm');
    const box = await llm.boundingBox();
    if (!box) throw new Error('llm node not laid out');
    await ada.mouse.move(box.x + 40, box.y + 14);
    await ada.mouse.down();
    await ada.mouse.move(box.x + 340, box.y + 14, { steps: 8 });
    await ada.mouse.up();
    await ada
      .locator('.react-flow__node-input .react-flow__handle.source')
      .dragTo(ada.locator('.react-flow__node-llm .react-flow__handle.target').first());
    await ada.locator('.react-flow__edge').waitFor();

    await bob.locator('.react-flow__node-input').waitFor();
    await bob.locator('.react-flow__node-llm').waitFor();
    await bob.locator('.react-flow__edge').waitFor();
    expect(await bob.locator('.react-flow__node').count()).toBe(2);
    await bob.screenshot({ path: `${artifacts}/collab-bob-sees-graph.png` });
  });

  it('both type in one prompt at once and both texts survive', async () => {
    for (const page of [ada, bob]) {
      await page.locator('.react-flow__node-llm').click();
      await page.locator('.panel textarea').first().click();
      await page.keyboard.press('End');
    }
    await Promise.all([
      ada.keyboard.type(' Ada was here.', { delay: 15 }),
      bob.keyboard.type(' Bob too.', { delay: 15 }),
    ]);
    const read = (page: Page) => page.locator('.panel textarea').first().inputValue();
    await eventually(async () => {
      const [a, b] = await Promise.all([read(ada), read(bob)]);
      return a === b && a.includes('Ada was here.') && a.includes('Bob too.');
    }, 'both prompts to converge with both texts');
    // B has the LLM node selected: A sees it outlined in B's colour.
    await ada.getByTestId('remote-selection').waitFor({ state: 'attached' });
  });

  it('B sees A’s cursor, named, where A points', async () => {
    const pane = await ada.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    for (let step = 0; step < 5; step++) {
      await ada.mouse.move(pane.x + 300 + step * 20, pane.y + 250, { steps: 2 });
    }
    const cursor = bob.locator('[data-testid="remote-cursor"][data-user="Ada Lovelace"]');
    await cursor.waitFor({ timeout: 10_000 });
    expect(await cursor.textContent()).toContain('Ada Lovelace');
    await bob.screenshot({ path: `${artifacts}/collab-bob-sees-ada-cursor.png` });
  });

  it('a viewer cannot edit but sees changes live', async () => {
    await openWorkflow(cleo, workflowUrl, { mayBeEmpty: true });
    await cleo.locator('.topbar__readonly').waitFor();
    expect(await cleo.locator('.palette').count()).toBe(0);
    const before = await cleo.locator('.react-flow__node').count();
    expect(before).toBe(2);

    await cleo.locator('.react-flow__node-llm').click();
    expect(await cleo.locator('.panel textarea').first().getAttribute('readonly')).not.toBeNull();
    await cleo.keyboard.press('Delete');
    expect(await cleo.locator('.react-flow__node').count()).toBe(2);

    await ada.locator('.palette__item--output').click();
    await eventually(
      async () => (await cleo.locator('.react-flow__node').count()) === 3,
      'the viewer to see the new node',
    );
    expect(await bob.locator('.react-flow__node').count()).toBe(3);
    await cleo.screenshot({ path: `${artifacts}/collab-viewer.png` });
  });

  it('showed no page errors and logged no console errors', () => {
    expect(session.pageErrors).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
  });
});
