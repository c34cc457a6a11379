import { useEffect, useRef, useState } from 'react';
import { trpc } from '../trpc/client';
import { describeApiError } from '../trpc/errors';
import { PageError, PageLoading } from '../ui/page-state';
import { navigate } from './history';
import { lastWorkspace } from './last-workspace';
import { ensurePersonalWorkspace } from './onboarding';
import { paths } from './routes';
import { useUser } from './session';
import { useWorkspaces } from './workspaces';

/** `/`: back to the workspace last opened, else the first; someone without any gets a personal one. */
export function HomeRedirect() {
  const user = useUser();
  const { list, reload } = useWorkspaces();
  const [error, setError] = useState<string | null>(null);
  const creating = useRef(false);

  useEffect(() => {
    if (!list) return;
    const remembered = lastWorkspace();
    const target = list.find((w) => w.id === remembered) ?? list[0];
    if (target) {
      navigate(paths.workspace(target.id), { replace: true });
      return;
    }
    if (creating.current) return;
    creating.current = true;
    ensurePersonalWorkspace(trpc, user)
      .then(async (workspace) => {
        await reload();
        navigate(paths.workspace(workspace.id), { replace: true });
      })
      .catch((caught: unknown) => setError(describeApiError(caught).message));
  }, [list, user, reload]);

  if (error) return <PageError title="Could not set up your workspace" message={error} />;
  return <PageLoading label="Opening your workspace…" />;
}
