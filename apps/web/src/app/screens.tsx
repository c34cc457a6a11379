import { lazy, Suspense } from 'react';
import { CanvasPage } from '../pages/canvas/canvas-page';
import { DatasetPage } from '../pages/datasets/dataset-page';
import { DatasetsPage } from '../pages/datasets/datasets-page';
import { ExperimentPage } from '../pages/experiments/experiment-page';
import { ExperimentsPage } from '../pages/experiments/experiments-page';
import { InvitePage } from '../pages/invite-page';
import { LoginPage } from '../pages/login-page';
import { PlaygroundPage } from '../pages/playground-page';
import { SettingsPage } from '../pages/settings/settings-page';
import { SignupPage } from '../pages/signup-page';
import { WorkflowListPage } from '../pages/workflows/workflow-list-page';
import { PageError, PageLoading } from '../ui/page-state';
import { AppShell } from './app-shell';
import { useLocation } from './history';
import { HomeRedirect } from './home-redirect';
import { Link } from './link';
import { Redirect } from './redirect';
import { parseRoute, paths, type Route } from './routes';
import { useSession } from './session';
import { WorkspaceGate } from './workspace-gate';
import { WorkspacesProvider } from './workspaces';

// The drag benchmark's page (`bench/src/drag.bench.ts`): its own chunk, never loaded by the app's screens.
const DragBenchPage = lazy(() =>
  import('../bench/drag-bench-page').then((module) => ({ default: module.DragBenchPage })),
);

/** Picks the screen for the URL and the session: signed-out pages, the sign-in gate, then the app. */
export function Screens() {
  const { pathname, search, href } = useLocation();
  const { state, refresh } = useSession();
  const route = parseRoute(pathname, search);

  if (route.name === 'playground') return <PlaygroundPage />;
  if (route.name === 'bench-drag') {
    return (
      <Suspense fallback={<PageLoading label="Loading the drag bench…" />}>
        <DragBenchPage mode={route.mode} nodes={route.nodes} />
      </Suspense>
    );
  }
  if (state.status === 'loading') return <PageLoading label="Starting Tandem…" />;
  if (state.status === 'error') {
    return (
      <PageError
        title="Tandem is not answering"
        message={state.message}
        action={
          <button type="button" className="button" onClick={() => void refresh()}>
            Try again
          </button>
        }
      />
    );
  }
  if (route.name === 'login' || route.name === 'signup') {
    if (state.status === 'signed-in') return <Redirect to={route.next ?? paths.home()} />;
    return route.name === 'login' ? <LoginPage next={route.next} /> : <SignupPage next={route.next} />;
  }
  if (state.status === 'anonymous') return <Redirect to={paths.login(href === '/' ? null : href)} />;
  return (
    <WorkspacesProvider key={state.user.id}>
      <SignedIn route={route} />
    </WorkspacesProvider>
  );
}

function SignedIn({ route }: { route: Route }) {
  switch (route.name) {
    case 'home':
      return <HomeRedirect />;
    case 'invite':
      return <InvitePage token={route.token} />;
    case 'workspace':
      return (
        <WorkspaceGate workspaceId={route.workspaceId}>
          {(workspace) => (
            <AppShell workspaceId={workspace.id} tab="workflows">
              <WorkflowListPage workspace={workspace} />
            </AppShell>
          )}
        </WorkspaceGate>
      );
    case 'settings':
      return (
        <WorkspaceGate workspaceId={route.workspaceId}>
          {(workspace) => (
            <AppShell workspaceId={workspace.id} tab="settings">
              <SettingsPage workspace={workspace} />
            </AppShell>
          )}
        </WorkspaceGate>
      );
    case 'datasets':
    case 'dataset':
      return (
        <WorkspaceGate workspaceId={route.workspaceId}>
          {(workspace) => (
            <AppShell workspaceId={workspace.id} tab="datasets">
              {route.name === 'dataset' ? (
                <DatasetPage key={route.datasetId} workspace={workspace} datasetId={route.datasetId} />
              ) : (
                <DatasetsPage workspace={workspace} />
              )}
            </AppShell>
          )}
        </WorkspaceGate>
      );
    case 'experiments':
    case 'experiment':
      return (
        <WorkspaceGate workspaceId={route.workspaceId}>
          {(workspace) => (
            <AppShell workspaceId={workspace.id} tab="experiments">
              {route.name === 'experiment' ? (
                <ExperimentPage
                  key={route.experimentId}
                  workspace={workspace}
                  experimentId={route.experimentId}
                />
              ) : (
                <ExperimentsPage workspace={workspace} />
              )}
            </AppShell>
          )}
        </WorkspaceGate>
      );
    case 'workflow':
      return (
        <WorkspaceGate workspaceId={route.workspaceId}>
          {(workspace) => (
            <CanvasPage key={route.workflowId} workspace={workspace} workflowId={route.workflowId} />
          )}
        </WorkspaceGate>
      );
    default:
      return (
        <AppShell workspaceId={null}>
          <PageError
            title="Nothing here"
            message="This address does not lead anywhere in Tandem."
            action={
              <Link className="button" to={paths.home()}>
                Go to my workspaces
              </Link>
            }
          />
        </AppShell>
      );
  }
}
