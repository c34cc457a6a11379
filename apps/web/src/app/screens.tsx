import { lazy, Suspense } from 'react';
import { InvitePage } from '../pages/invite-page';
import { LoginPage } from '../pages/login-page';
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

// Pages load on first use: the canvas (React Flow, Yjs, the collab provider) and the experiment pages would
// otherwise make one bundle of nearly 1 MB that every sign-in page waits for.
const CanvasPage = lazy(() =>
  import('../pages/canvas/canvas-page').then((module) => ({ default: module.CanvasPage })),
);
const DatasetPage = lazy(() =>
  import('../pages/datasets/dataset-page').then((module) => ({ default: module.DatasetPage })),
);
const DatasetsPage = lazy(() =>
  import('../pages/datasets/datasets-page').then((module) => ({ default: module.DatasetsPage })),
);
const ExperimentPage = lazy(() =>
  import('../pages/experiments/experiment-page').then((module) => ({ default: module.ExperimentPage })),
);
const ExperimentsPage = lazy(() =>
  import('../pages/experiments/experiments-page').then((module) => ({ default: module.ExperimentsPage })),
);
const PlaygroundPage = lazy(() =>
  import('../pages/playground-page').then((module) => ({ default: module.PlaygroundPage })),
);
const SettingsPage = lazy(() =>
  import('../pages/settings/settings-page').then((module) => ({ default: module.SettingsPage })),
);

// The drag benchmark's page (`bench/src/drag.bench.ts`): its own chunk, never loaded by the app's screens.
const DragBenchPage = lazy(() =>
  import('../bench/drag-bench-page').then((module) => ({ default: module.DragBenchPage })),
);

/** Picks the screen for the URL and the session: signed-out pages, the sign-in gate, then the app. */
export function Screens() {
  const { pathname, search, href } = useLocation();
  const { state, refresh } = useSession();
  const route = parseRoute(pathname, search);

  if (route.name === 'playground') {
    return (
      <Suspense fallback={<PageLoading label="Loading the canvas…" />}>
        <PlaygroundPage />
      </Suspense>
    );
  }
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
      <Suspense fallback={<PageLoading label="Loading…" />}>
        <SignedIn route={route} />
      </Suspense>
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
