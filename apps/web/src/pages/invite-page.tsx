import { useEffect, useRef, useState } from 'react';
import { navigate } from '../app/history';
import { Link } from '../app/link';
import { paths } from '../app/routes';
import { useWorkspaces } from '../app/workspaces';
import { trpc } from '../trpc/client';
import { describeApiError } from '../trpc/errors';
import { PageError, PageLoading } from '../ui/page-state';
import { useNotify } from '../ui/toast-context';

/** `/invite/:token` (signed in: the gate sends others through login first): accepts and opens the workspace. */
export function InvitePage({ token }: { token: string }) {
  const notify = useNotify();
  const { reload } = useWorkspaces();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // Once: StrictMode mounts twice, and a link is single use.
    if (started.current) return;
    started.current = true;
    trpc.members.acceptInvite
      .mutate({ token })
      .then(async ({ workspace, joined }) => {
        await reload();
        notify(
          joined
            ? `You joined ${workspace.name} as ${workspace.role}.`
            : `You are already in ${workspace.name}.`,
          'ok',
        );
        navigate(paths.workspace(workspace.id), { replace: true });
      })
      .catch((caught: unknown) => setError(describeApiError(caught).message));
  }, [token, notify, reload]);

  if (error) {
    return (
      <PageError
        title="This invitation cannot be used"
        message={error}
        action={
          <Link className="button" to={paths.home()}>
            Go to my workspaces
          </Link>
        }
      />
    );
  }
  return <PageLoading label="Joining the workspace…" />;
}
