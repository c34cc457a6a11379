import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { trpc, type WorkspaceView } from '../trpc/client';
import type { ApiProblem } from '../trpc/errors';
import { useQuery } from './use-query';

type Workspaces = {
  list: WorkspaceView[] | undefined;
  error: ApiProblem | null;
  loading: boolean;
  reload: () => Promise<void>;
  /** Adds or replaces one workspace in the list without a round trip. */
  upsert: (workspace: WorkspaceView) => void;
};

const WorkspacesContext = createContext<Workspaces | null>(null);

/** The signed-in user's workspaces (with their role in each), shared by the switcher and the pages. */
export function WorkspacesProvider({ children }: { children: ReactNode }) {
  const query = useQuery(() => trpc.workspaces.list.query(), []);
  const { data, error, loading, reload, setData } = query;
  const value = useMemo<Workspaces>(
    () => ({
      list: data,
      error,
      loading,
      reload,
      upsert: (workspace) =>
        setData((current) => {
          const rest = (current ?? []).filter((w) => w.id !== workspace.id);
          return [...rest, workspace].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
        }),
    }),
    [data, error, loading, reload, setData],
  );
  return <WorkspacesContext.Provider value={value}>{children}</WorkspacesContext.Provider>;
}

export function useWorkspaces(): Workspaces {
  const value = useContext(WorkspacesContext);
  if (!value) throw new Error('useWorkspaces outside WorkspacesProvider');
  return value;
}
