import type { Page } from 'playwright-core';

/** Signs up in a fresh browser context; `from` is where the flow starts (an invitation link, or /signup). */
export async function signUp(page: Page, from: string, name: string, email: string): Promise<void> {
  await page.goto(from);
  if (!page.url().includes('/signup')) await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.locator('.page__title').waitFor({ timeout: 20_000 });
}

/** A tRPC call from the signed-in page (same origin, the session cookie rides along). */
export async function call(page: Page, path: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ path, input }) => {
      const response = await fetch(`/trpc/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await response.json()) as { result: { data: unknown } };
      if (!response.ok) throw new Error(JSON.stringify(body));
      return body.result.data;
    },
    { path, input },
  );
}

/** Opens a workflow and waits until its canvas is live (and shows a node, unless it may be empty). */
export async function openWorkflow(
  page: Page,
  url: string,
  options: { mayBeEmpty?: boolean } = {},
): Promise<void> {
  await page.goto(url);
  await page
    .locator(options.mayBeEmpty ? '.react-flow' : '.react-flow__node')
    .first()
    .waitFor({ timeout: 20_000 });
  await page.getByTestId('connection-status').getByText('Live').waitFor({ timeout: 20_000 });
}

/** Polls `check` until it holds; the error names what never happened. */
export async function eventually(check: () => Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export type FlowViewport = { x: number; y: number; zoom: number };

/** React Flow's viewport as its transform says (`translate(xpx, ypx) scale(z)`). */
export async function flowViewport(page: Page): Promise<FlowViewport> {
  const transform = await page
    .locator('.react-flow__viewport')
    .evaluate((element) => (element as unknown as { style: { transform: string } }).style.transform);
  const match = /translate\(\s*(-?[\d.e+-]+)px,\s*(-?[\d.e+-]+)px\)\s*scale\(\s*([\d.e+-]+)\)/.exec(
    transform,
  );
  if (!match) throw new Error(`unexpected viewport transform: ${transform}`);
  return { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]) };
}

/** Node ids on this screen, sorted. */
export async function nodeIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator('.react-flow__node')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-id') ?? ''));
  return ids.sort();
}

/** A workflow a test imports: `workflows.import`'s JSON. */
export type ImportedWorkflow = { workspaceId: string; workflowId: string; url: string };

/** Imports `json` as a workflow of `workspaceId` through `page`'s session; `url` opens its canvas. */
export async function importWorkflow(
  page: Page,
  workspaceId: string,
  json: unknown,
): Promise<ImportedWorkflow> {
  const imported = (await call(page, 'workflows.import', { workspaceId, json })) as {
    workflow: { id: string };
  };
  const origin = new URL(page.url()).origin;
  return {
    workspaceId,
    workflowId: imported.workflow.id,
    url: `${origin}/w/${workspaceId}/f/${imported.workflow.id}`,
  };
}

/**
 * The two-person setup most suites start from: Ada signs up and owns workspace `workspace` holding the workflow
 * `json`; Bob signs up through her invitation link with `role`.
 */
export async function adaAndBob(
  serverUrl: string,
  pages: { ada: Page; bob: Page },
  options: { workspace: string; json: unknown; role: 'editor' | 'viewer' },
): Promise<ImportedWorkflow> {
  await signUp(pages.ada, `${serverUrl}/signup`, 'Ada Lovelace', 'ada@example.com');
  const workspace = (await call(pages.ada, 'workspaces.create', { name: options.workspace })) as {
    id: string;
  };
  const workflow = await importWorkflow(pages.ada, workspace.id, options.json);
  const invite = (await call(pages.ada, 'members.invite', {
    workspaceId: workspace.id,
    role: options.role,
  })) as {
    path: string;
  };
  await signUp(pages.bob, `${serverUrl}${invite.path}`, 'Bob Builder', 'bob@example.com');
  return workflow;
}
