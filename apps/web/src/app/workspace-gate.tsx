import { type ReactNode, useEffect } from 'react';
import type { WorkspaceView } from '../trpc/client';
import { PageError, PageLoading } from '../ui/page-state';
import { AppShell } from './app-shell';
import { rememberWorkspace } from './last-workspace';
import { Link } from './link';
import { paths } from './routes';
import { useWorkspaces } from './workspaces';

/** Renders its child with the workspace of the URL once known; a workspace the user is not in says so. */
export function WorkspaceGate({
  workspaceId,
  children,
}: {
  workspaceId: string;
  children: (workspace: WorkspaceView) => ReactNode;
}) {
  const { list, error, reload } = useWorkspaces();
  const workspace = list?.find((candidate) => candidate.id === workspaceId);
  useEffect(() => {
    if (workspace) rememberWorkspace(workspace.id);
  }, [workspace]);

  if (workspace) return children(workspace);
  if (error && !list) {
    return (
      <PageError
        title="Could not load your workspaces"
        message={error.message}
        action={
          <button type="button" className="button" onClick={() => void reload()}>
            Try again
          </button>
        }
      />
    );
  }
  if (!list) return <PageLoading />;
  return (
    <AppShell workspaceId={null}>
      <PageError
        title="Workspace not found"
        message="It does not exist, or you are not a member. Ask an owner for an invitation link."
        action={
          <Link className="button" to={paths.home()}>
            Go to my workspaces
          </Link>
        }
      />
    </AppShell>
  );
}
