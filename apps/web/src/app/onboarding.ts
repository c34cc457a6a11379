import { createSampleWorkflow, materialise } from '@tandem/workflow';
import type { SessionUserView, TrpcClient, WorkspaceView } from '../trpc/client';

/** The workspace a brand-new account starts in: "Ada's workspace". */
export function personalWorkspaceName(user: Pick<SessionUserView, 'name'>): string {
  const first = user.name.trim().split(/\s+/)[0] ?? '';
  return first ? `${first}'s workspace`.slice(0, 80) : 'My workspace';
}

/**
 * Gives a user without any workspace a personal one holding the sample workflow, so the first screen
 * after signing up is a canvas to play with rather than nothing. Returns the workspace to open.
 */
export async function ensurePersonalWorkspace(
  client: TrpcClient,
  user: Pick<SessionUserView, 'name'>,
): Promise<WorkspaceView> {
  const existing = await client.workspaces.list.query();
  const first = existing[0];
  if (first) return first;
  const workspace = await client.workspaces.create.mutate({ name: personalWorkspaceName(user) });
  const sample = materialise(createSampleWorkflow());
  if (sample.definition) {
    // The sample is a convenience: a failure here leaves an empty workspace, which has its own empty state.
    await client.workflows.import
      .mutate({ workspaceId: workspace.id, json: sample.definition })
      .catch(() => undefined);
  }
  return workspace;
}
